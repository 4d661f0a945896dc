import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Completed element instances, for the /v2 element instance search (Camunda answers finished elements too, e.g.
 * which end event an instance reached; the engine itself deletes an element instance when it leaves it).
 */
export class ElementHistory1733000006800 implements MigrationInterface {
  name = 'ElementHistory1733000006800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE element_history (
      key bigint PRIMARY KEY,
      process_instance_key bigint NOT NULL,
      bpmn_process_id text NOT NULL,
      element_id text NOT NULL,
      element_name text,
      element_type text NOT NULL,
      ended_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX element_history_instance ON element_history (process_instance_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE element_history`);
  }
}
