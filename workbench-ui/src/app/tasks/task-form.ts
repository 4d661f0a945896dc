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
import { datepickerLocale, localizeDatepickers, localizeSelects, Translate, validationTranslationModule } from './form-js-locale';

/** The schema properties a person reads; `values[].label` is covered because the walk visits every object. */
const TRANSLATABLE = new Set(['label', 'description', 'placeholder', 'text', 'dateLabel', 'timeLabel']);

/**
 * form-js has no translation service, so a form carries its own: `translations: {nl: {<English>: <Dutch>}, fr: ...}`.
 * Returns a deep copy in which every translatable string with a translation for `language` is replaced, without the
 * `translations` property (form-js does not know it). English, or a missing translation, keeps the original text.
 */
export function translateFormSchema(schema: unknown, language: string): unknown {
  if (!isRecord(schema)) return schema;
  const { translations, ...rest } = schema;
  const table = isRecord(translations) && isRecord(translations[language]) ? translations[language] : {};
  const lookup = new Map(Object.entries(table).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isRecord(node)) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, typeof value === 'string' && TRANSLATABLE.has(key) ? (lookup.get(value) ?? value) : walk(value)]),
    );
  };
  return walk(rest);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
          // form-js creates its flatpickr instances after rendering and rewrites a select's text when its value
          // changes: adapt each one as it appears.
          const localize = () => {
            localizeDatepickers(host, {
              placeholder: this.i18n.translate('tasks.filter.datePlaceholder'),
              locale: datepickerLocale(this.i18n.language(), { Dutch, French }),
            });
            localizeSelects(host, {
              Select: this.i18n.translate('form.select'),
              Search: this.i18n.translate('form.search'),
              'No results': this.i18n.translate('form.noResults'),
              'All values selected': this.i18n.translate('form.allSelected'),
            });
          };
          const observer = new MutationObserver(localize);
          observer.observe(host, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class', 'placeholder'] });
          destroyRef.onDestroy(() => observer.disconnect());
        },
      );
    });
    const imported: { schema?: unknown; data?: Record<string, unknown> } = {};
    effect(() => {
      const form = this.form();
      if (!form) return;
      const readOnly = this.readOnly();
      const schema = this.schema();
      const input = this.data();
      // Only the language (or read-only) changed: re-render the same form and keep what the user has typed so far.
      const same = imported.schema === schema && imported.data === input;
      const data = same ? (form._getState().data as Record<string, unknown>) : input;
      Object.assign(imported, { schema, data: input });
      this.loading.set(true);
      form
        .importSchema(translateFormSchema(schema, this.i18n.language()) as Parameters<Form['importSchema']>[0], structuredClone(data))
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
