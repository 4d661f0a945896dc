import { createHash } from 'node:crypto';

/** A JSON value as stored in `details`: what can be canonicalised and hashed without loss. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Stable action codes: reports and alerts select on them, so a code is never renamed, only added. */
export const AUDIT_ACTIONS = [
  'task.created',
  'task.claimed',
  'task.unclaimed',
  'task.assigned',
  'task.completed',
  'task.canceled',
  'case.opened',
  'case.closed',
  'case.canceled',
  'deployment.created',
  'login.succeeded',
  'login.failed',
  'logout',
  'access.denied',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditSubjectType = 'task' | 'case' | 'deployment' | 'user' | 'route';

/** One link of the chain, as hashed: every field a reader relies on is covered by the hash. */
export interface AuditRecord {
  seq: string;
  /** ISO 8601 with milliseconds, UTC. */
  at: string;
  actor: string;
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string;
  caseId: string | null;
  details: { [key: string]: JsonValue };
}

export interface ChainedAuditRecord extends AuditRecord {
  prevHash: string;
  hash: string;
}

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted (recursively) and no insignificant white space: the same entry always gives the same
 * bytes, whatever order PostgreSQL's jsonb hands the keys back in.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('Audit details cannot hold NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
}

/** sha256(prev_hash || canonical JSON of the entry), hex. */
export function hashAuditRecord(prevHash: string, record: AuditRecord): string {
  const { seq, at, actor, action, subjectType, subjectId, caseId, details } = record;
  const canonical = canonicalJson({ seq, at, actor, action, subjectType, subjectId, caseId, details });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** Links a new entry to the current head of the chain. */
export function chainAuditRecord(prevHash: string, record: AuditRecord): ChainedAuditRecord {
  return { ...record, prevHash, hash: hashAuditRecord(prevHash, record) };
}

export interface ChainVerification {
  valid: boolean;
  /** Entries walked. */
  entries: number;
  /** The first entry whose link or content does not match; null when the chain is intact. */
  firstBrokenSeq: string | null;
}

/**
 * Walks the chain in order, page by page: each entry must point at the hash of the one before and hash to what it
 * stores. An edited entry breaks at itself, a deleted one at its successor, a reordering at the first moved entry.
 * `head` (the chain head kept beside the table) catches a deleted tail.
 */
export class AuditChainVerifier {
  private expectedPrev = GENESIS_HASH;
  private expectedSeq = 1n;
  private checked = 0;
  private brokenAt: string | null = null;

  /** Feeds the next entries in seq order; after a break they are only counted. */
  push(entries: readonly ChainedAuditRecord[]): void {
    for (const entry of entries) {
      this.checked++;
      if (this.brokenAt !== null) continue;
      const intact = entry.seq === String(this.expectedSeq) && entry.prevHash === this.expectedPrev && entry.hash === hashAuditRecord(entry.prevHash, entry);
      if (!intact) {
        this.brokenAt = entry.seq;
        continue;
      }
      this.expectedPrev = entry.hash;
      this.expectedSeq++;
    }
  }

  /** The result; `head` is the last seq and hash the chain head row says were appended. */
  result(head: { seq: string; hash: string }): ChainVerification {
    if (this.brokenAt === null && (head.seq !== String(this.expectedSeq - 1n) || head.hash !== this.expectedPrev)) {
      // The entries are consistent among themselves but end before the head: the tail was removed.
      this.brokenAt = String(this.expectedSeq);
    }
    return { valid: this.brokenAt === null, entries: this.checked, firstBrokenSeq: this.brokenAt };
  }
}

/** Verifies a whole chain held in memory (tests, small exports). */
export function verifyAuditChain(entries: readonly ChainedAuditRecord[], head: { seq: string; hash: string }): ChainVerification {
  const verifier = new AuditChainVerifier();
  verifier.push(entries);
  return verifier.result(head);
}
