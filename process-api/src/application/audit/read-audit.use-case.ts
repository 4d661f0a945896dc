import type { ChainVerification } from '../../domain/audit/audit-chain';
import { assertCanReadActorAudit, assertCanReadCaseAudit, assertCanVerifyAudit } from '../../domain/audit/audit-access';
import { assertCanSeeCase, type Actor } from '../../domain/tasks/task-access';
import { NotFoundError, type CaseQueries, type UserDirectory } from '../ports';
import type { AuditLog, AuditPage } from './audit-log.port';

/** Reads the audit trail per case and per user, and verifies the hash chain; who may is decided in domain/audit. */
export class ReadAuditUseCase {
  constructor(
    private readonly audit: AuditLog,
    private readonly cases: CaseQueries,
    private readonly users: UserDirectory,
  ) {}

  async byCase(actor: Actor, caseId: string, page: { after?: string; size: number }): Promise<AuditPage> {
    assertCanReadCaseAudit(actor);
    const found = await this.cases.find(caseId);
    if (!found) throw new NotFoundError('CASE_NOT_FOUND', `Case ${caseId} does not exist`);
    assertCanSeeCase(actor, found.restrictedGroups);
    return this.audit.byCase(caseId, page);
  }

  async byActor(actor: Actor, username: string, page: { after?: string; size: number }): Promise<AuditPage> {
    const sharesTeam = actor.roles.includes('admin') || username === actor.username ? true : await this.users.shareTeam(actor.username, username);
    assertCanReadActorAudit(actor, username, sharesTeam);
    return this.audit.byActor(username, page, actor.roles.includes('admin') ? null : actor.groups);
  }

  verify(actor: Actor): Promise<ChainVerification> {
    assertCanVerifyAudit(actor);
    return this.audit.verify();
  }
}
