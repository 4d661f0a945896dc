import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Finds an employer's earlier pending events fast: the router keeps each employer's events in order of receipt. */
export class PendingEventSubject1733000005000 implements MigrationInterface {
  name = 'PendingEventSubject1733000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX inbound_event_pending_subject_idx ON inbound_event ((coalesce(data->>'enterpriseNumber', '')), seq) WHERE status = 'RECEIVED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inbound_event_pending_subject_idx`);
  }
}
