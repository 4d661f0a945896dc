import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TEMPORARY stand-in for the embedded engine's migration: creates only `user_task` so the workbench can be
 * tested before the engine is merged. The lead replaces this file with the engine's own when merging.
 */
export class Engine1733000001000 implements MigrationInterface {
  name = 'Engine1733000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_task (
        key bigint PRIMARY KEY,
        element_id text NOT NULL,
        element_instance_key bigint NOT NULL,
        name text NOT NULL,
        bpmn_process_id text NOT NULL,
        process_definition_key bigint NOT NULL,
        process_instance_key bigint NOT NULL,
        root_process_instance_key bigint NOT NULL,
        state text NOT NULL CHECK (state IN ('CREATED', 'COMPLETED', 'CANCELED')),
        assignee text NULL,
        candidate_groups text[] NOT NULL DEFAULT '{}',
        candidate_users text[] NOT NULL DEFAULT '{}',
        form_key text NULL,
        form_version int NULL,
        due_date timestamptz NULL,
        follow_up_date timestamptz NULL,
        priority int NOT NULL DEFAULT 50,
        version int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        completed_at timestamptz NULL,
        completed_by text NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_task`);
  }
}
