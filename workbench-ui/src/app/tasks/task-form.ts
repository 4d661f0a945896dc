import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Form } from '@bpmn-io/form-js-viewer';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { TranslationService } from '../core/i18n/translation-service';
import { localizeDatepickers, Translate, validationTranslationModule } from './form-js-locale';

export interface FormSubmission {
  data: Record<string, unknown>;
  /** Field key -> messages; empty when form-js found nothing to complain about. */
  errors: Record<string, string[]>;
}

/**
 * The only place that knows form-js. It is imported dynamically so that it lands in its own chunk and the
 * task list never pays for it; unit tests replace this component with a stub.
 */
@Component({
  selector: 'wb-task-form',
  imports: [MatProgressBarModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'task.formLoading' | translate" />
    }
    <div #host class="wb-form-host"></div>
  `,
  styles: `
    :host { display: block; }
    .wb-form-host { min-height: 80px; }
  `,
})
export class TaskForm {
  readonly schema = input.required<unknown>();
  readonly data = input<Record<string, unknown>>({});
  readonly readOnly = input(false);
  readonly loading = signal(true);

  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');
  private readonly form = signal<Form | null>(null);

  private readonly i18n = inject(TranslationService);

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      void Promise.all([import('@bpmn-io/form-js-viewer'), import('flatpickr/dist/esm/l10n/nl.js'), import('flatpickr/dist/esm/l10n/fr.js')]).then(
        ([{ Form: FormJs }, { Dutch }, { French }]) => {
          if (destroyRef.destroyed) return;
          const translate: Translate = (key, params) => this.i18n.translate(key, params);
          const host = this.host().nativeElement;
          this.form.set(new FormJs({ container: host, additionalModules: [validationTranslationModule(translate)] }));
          // form-js creates its flatpickr instances after rendering: adapt each one as it appears.
          const localize = () =>
            localizeDatepickers(host, {
              placeholder: this.i18n.translate('tasks.filter.datePlaceholder'),
              locale: { nl: Dutch, fr: French, en: 'default' }[this.i18n.language()],
            });
          const observer = new MutationObserver(localize);
          observer.observe(host, { childList: true, subtree: true });
          destroyRef.onDestroy(() => observer.disconnect());
        },
      );
    });
    effect(() => {
      const form = this.form();
      if (!form) return;
      const readOnly = this.readOnly();
      this.loading.set(true);
      form
        .importSchema(this.schema() as Parameters<Form['importSchema']>[0], structuredClone(this.data()))
        .then(() => form.setProperty('readOnly', readOnly))
        .finally(() => this.loading.set(false));
    });
    destroyRef.onDestroy(() => this.form()?.destroy());
  }

  /** Runs form-js's own validation and returns the data; null while the form is still loading. */
  submit(): FormSubmission | null {
    const form = this.form();
    if (!form || this.loading()) return null;
    const { data, errors } = form.submit();
    const cleaned: Record<string, string[]> = {};
    for (const [key, messages] of Object.entries(errors as Record<string, string[] | undefined>)) {
      if (messages && messages.length > 0) cleaned[key] = messages;
    }
    return { data: data as Record<string, unknown>, errors: cleaned };
  }
}
