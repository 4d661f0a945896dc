import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open tasks by amount, largest first (`ORDER BY amount_due DESC NULLS LAST, key DESC`): the ascending partial index
 * `user_task_open_amount_idx` read backwards gives DESC NULLS *FIRST*, so PostgreSQL read every open task above the
 * minimum amount (13,580 at 1,000,000 rows), filtered them by group and sorted them for one page (72 ms, bench/README.md).
 * With the repository's exact order in an index it walks from the largest amount and stops after the page.
 */
export class TaskAmountDescIndex1733000007300 implements MigrationInterface {
  name = 'TaskAmountDescIndex1733000007300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX user_task_open_amount_desc_idx ON user_task (amount_due DESC NULLS LAST, key DESC) WHERE state = 'CREATED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX user_task_open_amount_desc_idx`);
  }
}
