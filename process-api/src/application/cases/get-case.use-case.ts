import type { CaseDetail, CaseFigure } from '@werkbank/shared';
import { assertCanSeeCase, type Actor } from '../../domain/tasks/task-access';
import { NotFoundError, type CaseDocuments, type CaseQueries, type CaseRecord, type EmployerDirectory, type TaskQueries } from '../ports';

/** Where the key figures of a case come from (processes/case-figures.ts); without it a case has none. */
export interface CaseFigureSource {
  of(found: CaseRecord): Promise<CaseFigure[]>;
}

/** One screen with everything about a case: employer, amount, open tasks, history, documents. */
export class GetCaseUseCase {
  constructor(
    private readonly cases: CaseQueries,
    private readonly tasks: TaskQueries,
    private readonly employers: EmployerDirectory,
    private readonly documents: CaseDocuments,
    private readonly figures?: CaseFigureSource,
  ) {}

  async execute(actor: Actor, caseId: string): Promise<CaseDetail> {
    const found = await this.cases.find(caseId);
    if (!found) throw new NotFoundError('CASE_NOT_FOUND', `Case ${caseId} does not exist`);
    assertCanSeeCase(actor, found.restrictedGroups);
    const [employer, currentTasks, timeline, documents, figures] = await Promise.all([
      found.enterpriseNumber ? this.employers.summary(found.enterpriseNumber) : Promise.resolve(null),
      this.tasks.openTasksOfCase(found.id),
      this.cases.timeline(found.id),
      this.documents.list(found.id),
      this.figures ? this.figures.of(found) : Promise.resolve([]),
    ]);
    return {
      id: found.id,
      status: found.status,
      process: { bpmnProcessId: found.bpmnProcessId, name: found.processName, version: found.processVersion },
      employer,
      amountDue: found.amountDue,
      openedAt: found.openedAt,
      closedAt: found.closedAt,
      currentTasks,
      timeline,
      documents,
      figures,
    };
  }
}
