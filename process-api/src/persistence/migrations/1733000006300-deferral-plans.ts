import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Instalment plans of the payment-deferral process, written by its job workers when a plan is opened and closed.
 * The eligibility check reads an employer's earlier plans here ("a plan defaulted in the last 12 months").
 */
export class DeferralPlans1733000006300 implements MigrationInterface {
  name = 'DeferralPlans1733000006300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deferral_plan (
        plan_id text PRIMARY KEY,
        request_id text NOT NULL,
        enterprise_number char(10) NOT NULL,
        process_instance_key bigint NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('ACTIVE', 'PAID', 'CANCELLED', 'INSOLVENT')),
        total_cents bigint NOT NULL,
        instalments int NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX deferral_plan_employer_idx ON deferral_plan (enterprise_number, opened_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deferral_plan`);
  }
}
