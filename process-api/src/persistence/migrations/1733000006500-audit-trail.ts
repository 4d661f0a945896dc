import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tamper-evident audit trail: append-only entries linked by sha256 (prev_hash -> hash), and a one-row chain head.
 * Appenders lock the head row (SELECT ... FOR UPDATE) so the chain never forks, and take seq = head.seq + 1 under that
 * lock: seq is gapless, so a deleted entry shows as a gap as well as a broken link.
 */
export class AuditTrail1733000006500 implements MigrationInterface {
  name = 'AuditTrail1733000006500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_entry (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        case_id bigint,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_entry_case_idx ON audit_entry (case_id, seq) WHERE case_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_entry_actor_idx ON audit_entry (actor, seq)`);
    await q.query(`CREATE TABLE audit_chain_head (id smallint PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash char(64) NOT NULL)`);
    await q.query(`INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`DROP TABLE audit_entry`);
  }
}
