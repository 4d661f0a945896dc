import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEntry, AuditEntryInput, AuditLog, AuditPage } from '../application/audit/audit-log.port';
import { AuditChainVerifier, chainAuditRecord, type AuditRecord, type ChainVerification, type ChainedAuditRecord } from '../domain/audit/audit-chain';
import { AuditChainer } from './audit-chainer';
import { RESTRICTED_GROUPS } from '../domain/tasks/task-access';
import { isEngineKey } from '../engine/process-engine';

interface AuditRow {
  seq: string;
  at: Date;
  actor: string;
  action: AuditRecord['action'];
  subject_type: AuditRecord['subjectType'];
  subject_id: string;
  case_id: string | null;
  details: AuditRecord['details'];
  prev_hash: string;
  hash: string;
}

const COLUMNS = `seq::text, at, actor, action, subject_type, subject_id, case_id::text, details, prev_hash, hash`;
const VERIFY_PAGE = 2000;

/**
 * The hash-chained audit trail in PostgreSQL. Engine commands append after their commit (`appendAfterCommit`); the
 * other appends lock the one chain head row (`SELECT ... FOR UPDATE`) until the
 * caller's transaction commits: appends are serialised, so two transactions never link to the same head (no fork),
 * and an entry of a rolled-back command disappears with it and leaves no hole.
 */
export class AuditLogRepository implements AuditLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Engine commands: entries written with the command, linked into the chain right after it commits (`AuditChainer`). */
  appendAfterCommit(tx: EntityManager, entries: readonly AuditEntryInput[]): Promise<void> {
    return AuditChainer.of(this.dataSource).enqueue(tx, entries, this.now().toISOString());
  }

  /** Readers first link what committed before them, so that they never miss an entry still pending. */
  private flushPending(): Promise<void> {
    return AuditChainer.of(this.dataSource).flush();
  }

  async append(tx: EntityManager, entry: AuditEntryInput): Promise<AuditEntry> {
    const [appended] = await this.appendAll(tx, [entry]);
    return appended;
  }

  /**
   * Appends entries in order in two round trips whatever their number: the head is locked, the entries are chained
   * here, then one statement inserts them all and moves the head. The head stays locked until the caller commits,
   * so the fewer statements after the lock, the shorter every other command waits for it.
   */
  async appendAll(tx: EntityManager, entries: readonly AuditEntryInput[]): Promise<AuditEntry[]> {
    if (entries.length === 0) return [];
    const [head]: { seq: string; hash: string }[] = await tx.query(`SELECT seq::text, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE`);
    if (!head) throw new Error('The audit chain head is missing: the audit_trail migration has not run');
    const at = this.now().toISOString();
    let seq = BigInt(head.seq);
    let prevHash = head.hash;
    const chained = entries.map((entry) => {
      const record: AuditRecord = {
        seq: String(++seq),
        at,
        actor: entry.actor,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        caseId: entry.caseId ?? null,
        details: entry.details ?? {},
      };
      const link = chainAuditRecord(prevHash, record);
      prevHash = link.hash;
      return link;
    });
    const last = chained[chained.length - 1];
    await tx.query(
      `WITH rows AS (
         INSERT INTO audit_entry (seq, at, actor, action, subject_type, subject_id, case_id, details, prev_hash, hash)
         SELECT x.seq, x.at, x.actor, x.action, x.subject_type, x.subject_id, x.case_id, x.details, x.prev_hash, x.hash
           FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, at timestamptz, actor text, action text, subject_type text, subject_id text,
                                                   case_id bigint, details jsonb, prev_hash text, hash text))
       UPDATE audit_chain_head SET seq = $2, hash = $3 WHERE id = 1`,
      [
        JSON.stringify(chained.map((c) => ({ seq: c.seq, at: c.at, actor: c.actor, action: c.action, subject_type: c.subjectType, subject_id: c.subjectId,
          case_id: c.caseId, details: c.details, prev_hash: c.prevHash, hash: c.hash }))),
        last.seq,
        last.hash,
      ],
    );
    return chained.map(toEntry);
  }

  record(entry: AuditEntryInput): Promise<AuditEntry> {
    return this.dataSource.transaction((tx) => this.append(tx, entry));
  }

  async byCase(caseId: string, page: { after?: string; size: number }): Promise<AuditPage> {
    if (!isEngineKey(caseId)) return { items: [], nextAfter: null };
    await this.flushPending();
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_entry WHERE case_id = $1 AND seq > $2 ORDER BY audit_entry.seq LIMIT $3`,
      [caseId, page.after ?? '0', page.size + 1],
    );
    return toPage(rows, page.size);
  }

  async byActor(actor: string, page: { after?: string; size: number }, readerGroups: readonly string[] | null): Promise<AuditPage> {
    // An entry of a restricted case stays hidden unless the reader is in one of that case's restricted groups.
    const hidden =
      readerGroups === null
        ? ''
        : `AND (case_id IS NULL
             OR NOT EXISTS (SELECT 1 FROM user_task t WHERE t.root_process_instance_key = audit_entry.case_id AND t.candidate_groups && $4::text[])
             OR EXISTS (SELECT 1 FROM user_task t WHERE t.root_process_instance_key = audit_entry.case_id AND t.candidate_groups && $5::text[]))`;
    await this.flushPending();
    const params: unknown[] = [actor, page.after ?? '0', page.size + 1];
    if (readerGroups !== null) params.push(RESTRICTED_GROUPS, readerGroups.filter((g) => RESTRICTED_GROUPS.includes(g)));
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_entry WHERE actor = $1 AND seq > $2 ${hidden} ORDER BY audit_entry.seq LIMIT $3`,
      params,
    );
    return toPage(rows, page.size);
  }

  /** Walks the whole chain in pages (keyset on seq) under one snapshot, against the head row of that snapshot. */
  async verify(): Promise<ChainVerification> {
    await this.flushPending();
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const [head]: { seq: string; hash: string }[] = await tx.query(`SELECT seq::text, hash FROM audit_chain_head WHERE id = 1`);
      const verifier = new AuditChainVerifier();
      let after = '0';
      for (;;) {
        const rows: AuditRow[] = await tx.query(`SELECT ${COLUMNS} FROM audit_entry WHERE seq > $1 ORDER BY audit_entry.seq LIMIT $2`, [after, VERIFY_PAGE]);
        if (rows.length === 0) break;
        verifier.push(rows.map(toRecord));
        after = rows[rows.length - 1].seq;
      }
      return verifier.result(head ?? { seq: '0', hash: '' });
    });
  }
}

function toRecord(row: AuditRow): ChainedAuditRecord {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    caseId: row.case_id,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toEntry(record: ChainedAuditRecord): AuditEntry {
  const { seq, at, actor, action, subjectType, subjectId, caseId, details, hash } = record;
  return { seq, at, actor, action, subjectType, subjectId, caseId, details, hash };
}

function toPage(rows: AuditRow[], size: number): AuditPage {
  const items = rows.slice(0, size).map((r) => toEntry(toRecord(r)));
  return { items, nextAfter: rows.length > size ? (items[items.length - 1]?.seq ?? null) : null };
}
