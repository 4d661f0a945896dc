import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { CaseDetail } from '@werkbank/shared';
import { AmountPipe, LocalDatePipe } from '../core/i18n/locale-format-pipes';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { TranslationService } from '../core/i18n/translation-service';
import { ProcessCatalog } from '../core/processes/process-catalog';
import { UserDirectory } from '../core/users/user-directory';
import { EmployerSummary } from '../employer/employer-summary';
import { StateChip } from '../ui/state-chip';
import { figureViews } from './case-figures';
import { timelineTitle } from './timeline-title';

/**
 * The case beside the task: employer, its process and key figures (the variables its model declares worth showing),
 * documents and what happened so far (newest first), named in the user's language from the model.
 */
@Component({
  selector: 'wb-case-panel',
  imports: [MatIconModule, TranslatePipe, AmountPipe, LocalDatePipe, EmployerSummary, StateChip],
  templateUrl: './case-panel.html',
  styleUrl: './case-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CasePanel {
  private readonly i18n = inject(TranslationService);
  private readonly users = inject(UserDirectory);
  private readonly catalog = inject(ProcessCatalog);

  readonly caseDetail = input.required<CaseDetail>();
  /** Names from the case's own model version (a case started before a redeploy keeps its step names). */
  private readonly names = computed(() => {
    const { bpmnProcessId, version } = this.caseDetail().process;
    this.catalog.names();
    return this.catalog.namesFor(bpmnProcessId, version);
  });
  readonly processName = computed(() => {
    const process = this.caseDetail().process;
    return this.names().process(process.bpmnProcessId) ?? process.name ?? process.bpmnProcessId;
  });
  readonly figures = computed(() => figureViews(this.caseDetail().figures ?? [], this.i18n.language(), this.i18n.locale()));

  constructor() {
    effect(() => {
      const { bpmnProcessId, version } = this.caseDetail().process;
      if (this.catalog.processes().length > 0) this.catalog.ensureVersion(bpmnProcessId, version);
    });
  }
  /** Newest first, titled in the user's language; recomputed on a language switch or when names arrive. */
  readonly timeline = computed(() => {
    this.i18n.language();
    const names = this.names();
    const processId = this.caseDetail().process.bpmnProcessId;
    const nameOf = (username: string) => this.users.nameOf(username);
    return [...this.caseDetail().timeline]
      .sort((a, b) => b.at.localeCompare(a.at))
      .map((entry) => ({
        entry,
        title: timelineTitle(entry, this.i18n, names, processId, nameOf),
        actor: entry.actor ? nameOf(entry.actor) : null,
        icon: icon(entry.kind),
      }));
  });
}

const ICONS: Record<string, string> = {
  CASE_OPENED: 'folder_open',
  CASE_CLOSED: 'folder_check',
  CASE_CANCELED: 'folder_off',
  TASK_CREATED: 'add_task',
  TASK_ASSIGNED: 'person',
  TASK_UNASSIGNED: 'group',
  TASK_COMPLETED: 'task_alt',
  TASK_CANCELED: 'cancel',
  MESSAGE_CORRELATED: 'mail',
  TIMER_FIRED: 'schedule',
  JOB_COMPLETED: 'settings',
  INCIDENT_CREATED: 'error',
  INCIDENT_RESOLVED: 'check_circle',
};

function icon(kind: string): string {
  return ICONS[kind] ?? 'radio_button_checked';
}
