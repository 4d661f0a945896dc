import type { CurrentUser, TaskItem, TaskList, TaskListQuery, TeamMember, TimelineEntry } from '@werkbank/shared';
import type { Actor } from '../domain/tasks/task-access';

// The employers/documents module owns these ports; re-exported so the workbench's use cases find them here.
export type { CaseDocumentItem, CaseDocuments } from './case-documents.port';
export type { EmployerDirectory } from './employer-directory.port';

export interface UserCredentials {
  username: string;
  /** Null for accounts of the OpenID provider: they have no password and never match a password login. */
  passwordHash: string | null;
  demo: boolean;
}

export interface UserDirectory {
  findCredentials(username: string): Promise<UserCredentials | null>;
  /** Replaces the hash only if it is still `previousHash` (a concurrent password change wins). */
  updatePasswordHash(username: string, previousHash: string, newHash: string): Promise<void>;
  findProfile(username: string): Promise<CurrentUser | null>;
  isInAnyGroup(username: string, groups: readonly string[]): Promise<boolean>;
  /** Members of a group; with `sharingTeamWith`, only those in a team of that user (the user included). */
  membersOfGroup(group: string, sharingTeamWith?: string): Promise<TeamMember[]>;
  /** Whether both users are members of one same team. */
  shareTeam(username: string, other: string): Promise<boolean>;
  membersOfTeam(team: string): Promise<TeamMember[]>;
}

export interface SessionStore {
  create(tokenHash: string, username: string, expiresAt: Date): Promise<void>;
  /** The user of a live session, or null when unknown or expired. */
  findUsername(tokenHash: string, now: Date): Promise<string | null>;
  /** The profile of a live session's user in one lookup (every authenticated request asks), or null. */
  findUser(tokenHash: string, now: Date): Promise<CurrentUser | null>;
  delete(tokenHash: string): Promise<void>;
}

/** A task as the workbench shows it, plus what access rules need. */
export interface WorkbenchTask extends TaskItem {
  candidateUsers: string[];
  processInstanceKey: string;
}

export interface TaskQueries {
  list(query: TaskListQuery, actor: Actor): Promise<TaskList>;
  find(taskKey: string): Promise<WorkbenchTask | null>;
  openTasksOfCase(caseId: string): Promise<TaskItem[]>;
}

export interface CaseRecord {
  id: string;
  status: 'OPEN' | 'CLOSED' | 'CANCELED';
  bpmnProcessId: string;
  processName: string | null;
  processVersion: number;
  enterpriseNumber: string | null;
  amountDue: string | null;
  openedAt: string;
  closedAt: string | null;
  /** Restricted candidate groups of the case's tasks (see RESTRICTED_GROUPS); empty for an unrestricted case. */
  restrictedGroups: string[];
}

export interface CaseQueries {
  find(caseId: string): Promise<CaseRecord | null>;
  timeline(caseId: string): Promise<TimelineEntry[]>;
}

export class NotFoundError extends Error {
  constructor(
    readonly code: 'TASK_NOT_FOUND' | 'CASE_NOT_FOUND' | 'PROCESS_NOT_FOUND',
    message: string,
  ) {
    super(message);
    this.name = 'NotFoundError';
  }
}
