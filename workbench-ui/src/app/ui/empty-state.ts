import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** A friendly, centred message with an icon for lists without content. */
@Component({
  selector: 'wb-empty-state',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-icon class="wb-empty-icon" aria-hidden="true">{{ icon() }}</mat-icon>
    <p class="wb-empty-title">{{ title() }}</p>
    @if (hint()) {
      <p class="wb-empty-hint">{{ hint() }}</p>
    }
    <div class="wb-empty-actions"><ng-content /></div>
  `,
  styles: `
    :host { display: flex; flex-direction: column; align-items: center; padding: 48px 16px; text-align: center; color: var(--mat-sys-on-surface-variant); }
    .wb-empty-icon { font-size: 56px; width: 56px; height: 56px; color: var(--mat-sys-primary); }
    .wb-empty-title { font: var(--mat-sys-title-medium); margin: 16px 0 4px; color: var(--mat-sys-on-surface); }
    .wb-empty-hint { margin: 0; }
    .wb-empty-actions:not(:empty) { margin-top: 16px; }
  `,
  host: { role: 'status' },
})
export class EmptyState {
  readonly icon = input('task_alt');
  readonly title = input.required<string>();
  readonly hint = input<string | null>(null);
}
