import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { Contact, EmployerSummary as Employer } from '@werkbank/shared';
import { TranslatePipe } from '../core/i18n/translate-pipe';

const CONTACT_ICONS: Record<Contact['kind'], string> = { phone: 'call', email: 'mail', person: 'person', address: 'home' };

/** Who owes the contributions: identity, activity and how to reach them. */
@Component({
  selector: 'wb-employer-summary',
  imports: [MatIconModule, TranslatePipe],
  templateUrl: './employer-summary.html',
  styleUrl: './employer-summary.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmployerSummary {
  readonly employer = input.required<Employer>();

  icon(contact: Contact): string {
    return CONTACT_ICONS[contact.kind];
  }

  /** tel: links want the number without spaces or dots. */
  telHref(value: string): string {
    return `tel:${value.replace(/[^\d+]/g, '')}`;
  }
}
