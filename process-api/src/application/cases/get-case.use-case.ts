import type { CaseDetail } from '@werkbank/shared';
import { assertCanSeeCase, type Actor } from '../../domain/tasks/task-access';
import { NotFoundError, type CaseDocuments, type CaseQueries, type EmployerDirectory, type TaskQueries } from '../ports';

/** One screen with everything about a case: employer, amount, open tasks, history, documents. */
export class GetCaseUseCase {
  constructor(
    private readonly cases: CaseQueries,
    private readonly tasks: TaskQueries,
    private readonly employers: EmployerDirectory,
    private readonly documents: CaseDocuments,
  ) {}

  async execute(actor: Actor, caseId: string): Promise<CaseDetail> {
    const found = await this.cases.find(caseId);
    if (!found) throw new NotFoundError('CASE_NOT_FOUND', `Case ${caseId} does not exist`);
    assertCanSeeCase(actor, found.restrictedGroups);
    const [employer, currentTasks, timeline, documents] = await Promise.all([
      found.enterpriseNumber ? this.employers.summary(found.enterpriseNumber) : Promise.resolve(null),
      this.tasks.openTasksOfCase(found.id),
      this.cases.timeline(found.id),
      this.documents.list(found.id),
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
    };
  }
}
