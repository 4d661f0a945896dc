import type { Actor } from '../tasks/task-access';

export class AuditAccessDeniedError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(message: string) {
    super(message);
    this.name = 'AuditAccessDeniedError';
  }
}

const isAdmin = (actor: Actor) => actor.roles.includes('admin');
const isLead = (actor: Actor) => actor.roles.includes('team-lead');

/**
 * The audit trail is a supervision tool: team leads and administrators read it. Agents read a case's history on the
 * case timeline instead, which shows the same actions without the hash chain.
 */
export function assertCanReadCaseAudit(actor: Actor): void {
  if (!isAdmin(actor) && !isLead(actor)) throw new AuditAccessDeniedError('Only a team lead or an administrator can read the audit trail');
}

/** A team lead reads what they and the members of their own team(s) did; an administrator reads anyone. */
export function assertCanReadActorAudit(actor: Actor, subject: string, sharesTeam: boolean): void {
  if (isAdmin(actor)) return;
  if (isLead(actor) && (subject === actor.username || sharesTeam)) return;
  throw new AuditAccessDeniedError('A team lead can only read the audit trail of their own team');
}

export function assertCanVerifyAudit(actor: Actor): void {
  if (!isAdmin(actor)) throw new AuditAccessDeniedError('Only an administrator can verify the audit chain');
}
