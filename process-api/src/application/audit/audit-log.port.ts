import type { EntityManager } from 'typeorm';
import type { AuditAction, AuditSubjectType, ChainVerification, JsonValue } from '../../domain/audit/audit-chain';

/** What a caller records; seq, time and hashes are added by the log. */
export interface AuditEntryInput {
  /** Username, or `system` for what the engine does by itself (timers, jobs, message starts). */
  actor: string;
  action: AuditAction;
  subjectType: AuditSubjectType;
  /** Task key, case id, deployment key or username. */
  subjectId: string;
  caseId?: string | null;
  /** Ids and codes only: never passwords, tokens, form values or other personal data. */
  details?: { [key: string]: JsonValue };
}

export interface AuditEntry {
  seq: string;
  at: string;
  actor: string;
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string;
  caseId: string | null;
  details: { [key: string]: JsonValue };
  hash: string;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as `after` for the next page; null at the end. */
  nextAfter: string | null;
}

/**
 * The audit trail as a port. `append` writes in the caller's transaction, so the entry commits or rolls back with
 * the state change it records (a deployment, a task command); `record` is for actions with no transaction of their
 * own (login, logout, a refused request).
 */
export interface AuditLog {
  append(tx: EntityManager, entry: AuditEntryInput): Promise<AuditEntry>;
  /** Several entries of one transaction, in order, in one append (the chain head is locked once). */
  appendAll(tx: EntityManager, entries: readonly AuditEntryInput[]): Promise<AuditEntry[]>;
  /**
   * Entries written in the caller's transaction (they commit or roll back with it) and linked into the chain right
   * after its commit, before the transaction call returns: the caller never waits for other transactions on the
   * chain head. For high-volume writers (engine commands); readers see the entries once the commit returned.
   */
  appendAfterCommit(tx: EntityManager, entries: readonly AuditEntryInput[]): Promise<void>;
  record(entry: AuditEntryInput): Promise<AuditEntry>;
  byCase(caseId: string, page: { after?: string; size: number }): Promise<AuditPage>;
  /** `readerGroups`: leave out entries of restricted cases none of whose restricted groups the reader is in (null: see all). */
  byActor(actor: string, page: { after?: string; size: number }, readerGroups: readonly string[] | null): Promise<AuditPage>;
  verify(): Promise<ChainVerification>;
}
