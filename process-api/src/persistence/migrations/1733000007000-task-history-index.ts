import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task history, newest first (a team lead's "completed" view): without it PostgreSQL reads and sorts every completed
 * row (900,000 of a 1,000,000-row table) for one page; with it, it walks the index and stops after the page
 * (bench/README.md, EXPLAIN ANALYZE). Matches the repository's `ORDER BY created_at DESC NULLS LAST, key DESC`.
 */
export class TaskHistoryIndex1733000007000 implements MigrationInterface {
  name = 'TaskHistoryIndex1733000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX user_task_state_created_idx ON user_task (state, created_at DESC NULLS LAST, key DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX user_task_state_created_idx`);
  }
}
