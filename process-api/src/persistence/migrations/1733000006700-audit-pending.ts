import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit entries of engine commands, committed with the command but not yet linked into the hash chain: the chainer
 * (persistence/audit-chainer.ts) links them right after the commit, so that no command holds the chain head lock.
 */
export class AuditPending1733000006700 implements MigrationInterface {
  name = 'AuditPending1733000006700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_pending (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      case_id bigint,
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_pending`);
  }
}
