import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Timer start events: scheduled per process definition (no instance yet); a new version replaces the old rows. */
export class TimerStarts1733000004100 implements MigrationInterface {
  name = 'TimerStarts1733000004100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE timer_start (
      key bigint PRIMARY KEY, process_definition_key bigint NOT NULL REFERENCES process_definition(key), bpmn_process_id text NOT NULL,
      element_id text NOT NULL, due_at timestamptz NOT NULL, repetitions int, interval text)`);
    await q.query(`CREATE INDEX timer_start_due_idx ON timer_start (due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE timer_start`);
  }
}
