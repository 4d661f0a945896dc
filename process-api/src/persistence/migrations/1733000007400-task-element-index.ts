import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open tasks by element instance: when a step leaves an element, the engine cancels its open user task
 * (`UPDATE user_task ... WHERE element_instance_key = ANY($1) AND state = 'CREATED'`, instance-store.ts). Without this
 * index PostgreSQL read every open task for it: 130 ms per completed task with 200,000 open tasks (BENCH_SCALE=full,
 * bench/README.md), the whole cost of a completion. Incidents are resolved the same way, by element instance.
 */
export class TaskElementIndex1733000007400 implements MigrationInterface {
  name = 'TaskElementIndex1733000007400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX user_task_open_element_idx ON user_task (element_instance_key) WHERE state = 'CREATED'`);
    await q.query(`CREATE INDEX incident_active_element_idx ON incident (element_instance_key) WHERE state = 'ACTIVE'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX incident_active_element_idx`);
    await q.query(`DROP INDEX user_task_open_element_idx`);
  }
}
