import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { CaseDetail, TimelineEntry } from '@werkbank/shared';
import { AmountPipe, LocalDatePipe } from '../core/i18n/locale-format-pipes';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { EmployerSummary } from '../employer/employer-summary';
import { StateChip } from '../ui/state-chip';

/** The case beside the task: employer, money, documents and what happened so far (newest first). */
@Component({
  selector: 'wb-case-panel',
  imports: [MatIconModule, TranslatePipe, AmountPipe, LocalDatePipe, EmployerSummary, StateChip],
  templateUrl: './case-panel.html',
  styleUrl: './case-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CasePanel {
  readonly caseDetail = input.required<CaseDetail>();
  readonly timeline = computed(() => [...this.caseDetail().timeline].sort((a, b) => b.at.localeCompare(a.at)));

  icon(entry: TimelineEntry): string {
    const kind = entry.kind.toLowerCase();
    if (kind.includes('event')) return 'bolt';
    if (kind.includes('document') || kind.includes('letter')) return 'description';
    if (kind.includes('complete')) return 'task_alt';
    if (kind.includes('claim') || kind.includes('assign')) return 'person';
    if (kind.includes('timer')) return 'schedule';
    return 'radio_button_checked';
  }
}
