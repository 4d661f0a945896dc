/** Who is acting: the part of the authenticated user that task rules look at. */
export interface Actor {
  username: string;
  roles: readonly string[];
  groups: readonly string[];
}

/** The part of a task that decides who may do what with it. */
export interface TaskAudience {
  assignee: string | null;
  candidateGroups: readonly string[];
  candidateUsers: readonly string[];
}

export class TaskAccessDeniedError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(message: string) {
    super(message);
    this.name = 'TaskAccessDeniedError';
  }
}

export class AssigneeNotInGroupError extends Error {
  readonly code = 'ASSIGNEE_NOT_IN_GROUP';
  constructor(assignee: string) {
    super(`${assignee} is not a member of any candidate group of this task`);
    this.name = 'AssigneeNotInGroupError';
  }
}

export class AssigneeNotInTeamError extends Error {
  readonly code = 'ASSIGNEE_NOT_IN_TEAM';
  constructor(assignee: string) {
    super(`${assignee} is not a member of any of your teams; ask their team lead or an administrator`);
    this.name = 'AssigneeNotInTeamError';
  }
}

/**
 * Candidate groups whose work is restricted (fraud inspection): a task of such a group, and a case that has one, is
 * seen only by members of those groups and by administrators (who audit them). Everyone else gets 403, team leads of
 * other teams included.
 */
export const RESTRICTED_GROUPS: readonly string[] = ['inspectors', 'inspection-leads'];

export function restrictedGroupsOf(groups: readonly string[]): string[] {
  return groups.filter((g) => RESTRICTED_GROUPS.includes(g));
}

/** Whether the actor may see work restricted to these groups (none: unrestricted, anyone may). */
export function canSeeRestricted(actor: Actor, restrictedGroups: readonly string[]): boolean {
  return restrictedGroups.length === 0 || actor.roles.includes('admin') || restrictedGroups.some((g) => actor.groups.includes(g));
}

/** A case is as restricted as the candidate groups of its tasks (`restrictedGroups`, gathered by the caller). */
export function assertCanSeeCase(actor: Actor, restrictedGroups: readonly string[]): void {
  if (!canSeeRestricted(actor, restrictedGroups)) throw new TaskAccessDeniedError('This case is restricted to its inspection team');
}

/** Team leads and administrators distribute work: they see every task and may (re)assign it. */
export function isSupervisor(actor: Actor): boolean {
  return actor.roles.includes('team-lead') || actor.roles.includes('admin');
}

export function isCandidate(actor: Actor, task: TaskAudience): boolean {
  return task.candidateUsers.includes(actor.username) || task.candidateGroups.some((g) => actor.groups.includes(g));
}

export function canSee(actor: Actor, task: TaskAudience): boolean {
  if (!canSeeRestricted(actor, restrictedGroupsOf(task.candidateGroups))) return false;
  return isSupervisor(actor) || task.assignee === actor.username || isCandidate(actor, task);
}

export function assertCanSee(actor: Actor, task: TaskAudience): void {
  if (!canSee(actor, task)) throw new TaskAccessDeniedError('This task is not for you or your groups');
}

export function assertCanClaim(actor: Actor, task: TaskAudience): void {
  assertCanSee(actor, task);
  if (!isCandidate(actor, task)) throw new TaskAccessDeniedError('Only a member of the task’s candidate groups can claim it');
}

export function assertCanUnclaim(actor: Actor, task: TaskAudience): void {
  assertCanSee(actor, task);
  if (task.assignee !== actor.username && !isSupervisor(actor)) {
    throw new TaskAccessDeniedError('Only the assignee or a team lead can unclaim this task');
  }
}

/** The role check, made before the task is even looked up; the caller then checks the task is visible (assertCanSee). */
export function assertCanAssign(actor: Actor): void {
  if (!isSupervisor(actor)) throw new TaskAccessDeniedError('Only a team lead or an administrator can assign tasks');
}

/**
 * A team lead distributes the work of their own team(s); an administrator may assign anyone in the candidate groups.
 * Decides whether the team check applies; the caller knows who shares a team with whom.
 */
export function assignmentLimitedToOwnTeams(actor: Actor): boolean {
  return !actor.roles.includes('admin');
}

/** Colleagues are shown by name: anyone may list a group they belong to, team leads and administrators any group. */
export function assertCanListGroupMembers(actor: Actor, group: string): void {
  if (!isSupervisor(actor) && !actor.groups.includes(group)) {
    throw new TaskAccessDeniedError('You can only list the members of your own groups');
  }
}

export function assertCanComplete(actor: Actor, task: TaskAudience): void {
  assertCanSee(actor, task);
  if (task.assignee !== actor.username) throw new TaskAccessDeniedError('Only the assignee can complete this task; claim it first');
}

export function assertCanListAll(actor: Actor): void {
  if (!isSupervisor(actor)) throw new TaskAccessDeniedError('Only a team lead or an administrator can list all tasks');
}
