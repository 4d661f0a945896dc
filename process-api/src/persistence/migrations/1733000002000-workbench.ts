import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The workbench's own tables (users, teams, sessions, cases, case timeline) and the typed, indexed case columns
 * on the engine's `user_task` that the task list filters and sorts on (never JSON lookups).
 */
export class Workbench1733000002000 implements MigrationInterface {
  name = 'Workbench1733000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE user_task
        ADD COLUMN enterprise_number char(10) NULL,
        ADD COLUMN employer_name text NULL,
        ADD COLUMN amount_due numeric(15,2) NULL,
        ADD COLUMN process_name text NULL`);
    // Team queue: open tasks whose candidate groups overlap the user's groups, sorted by due date.
    await q.query(`CREATE INDEX user_task_open_groups_idx ON user_task USING gin (candidate_groups) WHERE state = 'CREATED'`);
    await q.query(`CREATE INDEX user_task_open_due_idx ON user_task (due_date, key) WHERE state = 'CREATED'`);
    // My tasks.
    await q.query(`CREATE INDEX user_task_assignee_idx ON user_task (assignee, state, due_date)`);
    // Filters: enterprise number / employer name prefix, amount range; the case's current tasks.
    await q.query(`CREATE INDEX user_task_enterprise_idx ON user_task (enterprise_number bpchar_pattern_ops)`);
    await q.query(`CREATE INDEX user_task_employer_name_idx ON user_task (lower(employer_name) text_pattern_ops)`);
    await q.query(`CREATE INDEX user_task_open_amount_idx ON user_task (amount_due) WHERE state = 'CREATED'`);
    await q.query(`CREATE INDEX user_task_root_instance_idx ON user_task (root_process_instance_key)`);

    await q.query(`
      CREATE TABLE app_user (
        username text PRIMARY KEY,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en')),
        demo boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE TABLE team (id text PRIMARY KEY, name text NOT NULL)`);
    await q.query(`
      CREATE TABLE team_member (
        team text NOT NULL REFERENCES team (id) ON DELETE CASCADE,
        username text NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
        is_lead boolean NOT NULL DEFAULT false,
        PRIMARY KEY (team, username)
      )`);
    await q.query(`CREATE INDEX team_member_username_idx ON team_member (username)`);
    await q.query(`
      CREATE TABLE user_group (
        username text NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
        group_name text NOT NULL,
        PRIMARY KEY (username, group_name)
      )`);
    await q.query(`CREATE INDEX user_group_group_idx ON user_group (group_name, username)`);
    await q.query(`
      CREATE TABLE session (
        token_hash char(64) PRIMARY KEY,
        username text NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX session_expires_idx ON session (expires_at)`);

    await q.query(`
      CREATE TABLE work_case (
        id bigint PRIMARY KEY,
        bpmn_process_id text NOT NULL,
        process_version int NOT NULL,
        process_name text NULL,
        enterprise_number char(10) NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED', 'CANCELED')),
        amount_due numeric(15,2) NULL,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX work_case_enterprise_idx ON work_case (enterprise_number, status)`);
    await q.query(`CREATE INDEX work_case_open_idx ON work_case (opened_at) WHERE status = 'OPEN'`);
    await q.query(`
      CREATE TABLE case_event (
        id bigserial PRIMARY KEY,
        case_id bigint NOT NULL,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        actor text NULL,
        title text NOT NULL,
        detail jsonb NULL
      )`);
    await q.query(`CREATE INDEX case_event_case_idx ON case_event (case_id, at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_event, work_case, session, user_group, team_member, team, app_user`);
    await q.query(`
      ALTER TABLE user_task
        DROP COLUMN enterprise_number, DROP COLUMN employer_name, DROP COLUMN amount_due, DROP COLUMN process_name`);
  }
}
