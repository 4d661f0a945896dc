import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A small coloured label for a task or case state; the text comes translated from the parent. */
@Component({
  selector: 'wb-state-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `{{ label() }}`,
  host: { '[class]': '"wb-state wb-state-" + state().toLowerCase()' },
  styles: `
    :host { display: inline-block; padding: 2px 10px; border-radius: 12px; font: var(--mat-sys-label-medium); white-space: nowrap;
      background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    :host(.wb-state-completed), :host(.wb-state-closed) { background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
    :host(.wb-state-assigned) { background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
    :host(.wb-state-canceled) { background: var(--mat-sys-surface-container-highest); color: var(--mat-sys-on-surface-variant); }
  `,
})
export class StateChip {
  readonly state = input.required<string>();
  readonly label = input.required<string>();
}
