import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { AuditEntryInput } from '../application/audit/audit-log.port';
import { chainAuditRecord, type AuditRecord } from '../domain/audit/audit-chain';
import { StatementBatch } from './statement-batch';

/** Marks a query runner whose transaction wrote pending audit entries. */
const PENDING = 'werkbankAuditPending';
/** Entries linked per round at most (a round is one short transaction under the chain head lock). */
const ROUND_SIZE = 5000;

interface PendingRow {
  id: string;
  at: Date;
  actor: string;
  action: AuditRecord['action'];
  subject_type: AuditRecord['subjectType'];
  subject_id: string;
  case_id: string | null;
  details: AuditRecord['details'];
}

const chainers = new WeakMap<DataSource, AuditChainer>();

/**
 * Links audit entries into the hash chain after their transaction committed, so that commands never wait for each
 * other on the chain head. A command writes its entries to `audit_pending` (they commit or roll back with it); when
 * its transaction commits, the chainer runs a round on that same connection before the commit call returns: lock the
 * head, read every pending entry, link them in id order (a command's entries stay in their order), move them into
 * `audit_entry` and the head forward, commit. Commands that commit while a round runs share the next round. The head
 * lock keeps one gapless, unforked chain across processes; a round's pending read follows the lock, so it sees what
 * an earlier round (of any process) took. Entries left over by a crash are linked by the next round or read.
 */
export class AuditChainer implements EntitySubscriberInterface {
  private current: Promise<number> | null = null;
  private queued: Promise<number> | null = null;

  private constructor(private readonly dataSource: DataSource) {}

  /** One chainer per data source, subscribed to its commits. */
  static of(dataSource: DataSource): AuditChainer {
    let chainer = chainers.get(dataSource);
    if (!chainer) {
      chainer = new AuditChainer(dataSource);
      dataSource.subscribers.push(chainer);
      chainers.set(dataSource, chainer);
    }
    return chainer;
  }

  /** Writes the entries in the caller's transaction; they are linked right after it commits. */
  async enqueue(tx: EntityManager, entries: readonly AuditEntryInput[], at: string): Promise<void> {
    if (entries.length === 0) return;
    await tx.query(
      `INSERT INTO audit_pending (at, actor, action, subject_type, subject_id, case_id, details)
       SELECT $2::timestamptz, x.actor, x.action, x.subject_type, x.subject_id, x.case_id, x.details
         FROM jsonb_to_recordset($1::jsonb) AS x(ord int, actor text, action text, subject_type text, subject_id text, case_id bigint, details jsonb)
        ORDER BY x.ord`,
      [JSON.stringify(entries.map((e, ord) => ({ ord, actor: e.actor, action: e.action, subject_type: e.subjectType, subject_id: e.subjectId, case_id: e.caseId ?? null, details: e.details ?? {} }))), at],
    );
    const runner = tx.queryRunner;
    if (runner?.isTransactionActive) runner.data[PENDING] = true;
    else await this.flush();
  }

  /** Links every pending entry now (readers call this, so that they see what committed before them). */
  async flush(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      while ((await this.schedule(client)) >= ROUND_SIZE);
    } finally {
      await runner.release();
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): Promise<number> | undefined {
    const runner: QueryRunner = event.queryRunner;
    // A released savepoint is no commit: wait for the outermost one.
    if (!runner.data?.[PENDING] || runner.isTransactionActive) return undefined;
    delete runner.data[PENDING];
    return this.schedule((runner as unknown as { databaseConnection: PoolClient }).databaseConnection);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) delete event.queryRunner.data?.[PENDING];
  }

  /** A round that starts after every commit so far; rounds of this process run one at a time. */
  private schedule(client: PoolClient): Promise<number> {
    if (this.queued) return this.queued;
    if (!this.current) return (this.current = this.start(client));
    this.queued = this.current.then(() => {
      this.queued = null;
      return (this.current = this.start(client));
    });
    return this.queued;
  }

  private start(client: PoolClient): Promise<number> {
    const round: Promise<number> = this.round(client).finally(() => {
      if (this.current === round) this.current = null;
    });
    return round;
  }

  /** Two round trips: (begin, lock the head, read the pending entries), (link them, move the head, commit). */
  private async round(client: PoolClient): Promise<number> {
    try {
      const results = (await client.query(
        `BEGIN; SELECT seq::text, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE;
         SELECT id::text, at, actor, action, subject_type, subject_id, case_id::text, details FROM audit_pending ORDER BY audit_pending.id LIMIT ${ROUND_SIZE}`,
      )) as unknown as { rows: unknown[] }[];
      const [head] = results[1].rows as { seq: string; hash: string }[];
      const pending = results[2].rows as PendingRow[];
      if (!head) throw new Error('The audit chain head is missing: the audit_trail migration has not run');
      if (pending.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      let seq = BigInt(head.seq);
      let prevHash = head.hash;
      const linked = pending.map((p) => {
        const link = chainAuditRecord(prevHash, {
          seq: String(++seq), at: p.at.toISOString(), actor: p.actor, action: p.action, subjectType: p.subject_type, subjectId: p.subject_id, caseId: p.case_id, details: p.details,
        });
        prevHash = link.hash;
        return { id: p.id, seq: link.seq, at: link.at, actor: link.actor, action: link.action, subject_type: link.subjectType, subject_id: link.subjectId,
          case_id: link.caseId, details: link.details, prev_hash: link.prevHash, hash: link.hash };
      });
      const last = linked[linked.length - 1];
      const write = new StatementBatch();
      write.add(
        `WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, seq bigint, at timestamptz, actor text, action text, subject_type text, subject_id text,
                                                                    case_id bigint, details jsonb, prev_hash text, hash text)),
              d AS (DELETE FROM audit_pending p USING x WHERE p.id = x.id),
              i AS (INSERT INTO audit_entry (seq, at, actor, action, subject_type, subject_id, case_id, details, prev_hash, hash)
                    SELECT seq, at, actor, action, subject_type, subject_id, case_id, details, prev_hash, hash FROM x)
         UPDATE audit_chain_head SET seq = $2, hash = $3 WHERE id = 1`,
        [linked, last.seq, last.hash],
      );
      write.add('COMMIT');
      await client.query(write.text());
      return linked.length;
    } catch (error) {
      // The entries stay pending (committed with their commands) and are linked by the next round.
      await client.query('ROLLBACK').catch(() => undefined);
      console.error('Audit chainer: round failed, entries stay pending:', error);
      return 0;
    }
  }
}
