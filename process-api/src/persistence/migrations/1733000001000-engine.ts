import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables of the embedded BPMN engine: definitions, runtime state as rows, scheduling and the outbox. */
export class Engine1733000001000 implements MigrationInterface {
  name = 'Engine1733000001000';

  async up(q: QueryRunner): Promise<void> {
    // Keys come in blocks of 1000 per command so that the pure interpreter can allocate them synchronously.
    await q.query(`CREATE SEQUENCE engine_key_block START 1000 INCREMENT BY 1000`);
    await q.query(`CREATE TABLE deployment (key bigint PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE process_definition (
      key bigint PRIMARY KEY, bpmn_process_id text NOT NULL, name text, version int NOT NULL, resource_name text NOT NULL,
      checksum text NOT NULL, xml text NOT NULL, deployment_key bigint NOT NULL REFERENCES deployment(key),
      created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (bpmn_process_id, version))`);
    await q.query(`CREATE TABLE form_definition (
      key bigint PRIMARY KEY, form_id text NOT NULL, version int NOT NULL, resource_name text NOT NULL, checksum text NOT NULL,
      schema jsonb NOT NULL, deployment_key bigint NOT NULL REFERENCES deployment(key), created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (form_id, version))`);
    await q.query(`CREATE TABLE process_instance (
      key bigint PRIMARY KEY, process_definition_key bigint NOT NULL REFERENCES process_definition(key),
      bpmn_process_id text NOT NULL, version int NOT NULL, root_process_instance_key bigint NOT NULL,
      state text NOT NULL, correlation_tag text, start_element_id text, created_at timestamptz NOT NULL, ended_at timestamptz)`);
    await q.query(`CREATE INDEX process_instance_tag_idx ON process_instance (bpmn_process_id, correlation_tag) WHERE state = 'ACTIVE'`);
    await q.query(`CREATE TABLE element_instance (
      key bigint PRIMARY KEY, process_instance_key bigint NOT NULL, element_id text NOT NULL, element_type text NOT NULL,
      scope_key bigint, state text NOT NULL, data jsonb NOT NULL DEFAULT '{}')`);
    await q.query(`CREATE INDEX element_instance_pi_idx ON element_instance (process_instance_key)`);
    await q.query(`CREATE TABLE variable (
      scope_key bigint NOT NULL, name text NOT NULL, process_instance_key bigint NOT NULL, value jsonb,
      PRIMARY KEY (scope_key, name))`);
    await q.query(`CREATE INDEX variable_pi_idx ON variable (process_instance_key)`);
    await q.query(`CREATE TABLE job (
      key bigint PRIMARY KEY, type text NOT NULL, state text NOT NULL, retries int NOT NULL, process_instance_key bigint NOT NULL,
      element_instance_key bigint NOT NULL, element_id text NOT NULL, bpmn_process_id text NOT NULL, custom_headers jsonb NOT NULL DEFAULT '{}',
      deadline timestamptz, retry_at timestamptz, worker text, error_message text, created_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX job_activatable_idx ON job (type, state)`);
    await q.query(`CREATE INDEX job_element_idx ON job (element_instance_key)`);
    await q.query(`CREATE TABLE timer (
      key bigint PRIMARY KEY, process_instance_key bigint NOT NULL, element_instance_key bigint NOT NULL, element_id text NOT NULL,
      due_at timestamptz NOT NULL, repetitions int, interval text)`);
    await q.query(`CREATE INDEX timer_due_idx ON timer (due_at)`);
    await q.query(`CREATE INDEX timer_element_idx ON timer (element_instance_key)`);
    await q.query(`CREATE TABLE message_subscription (
      key bigint PRIMARY KEY, process_instance_key bigint NOT NULL, element_instance_key bigint NOT NULL, element_id text NOT NULL,
      bpmn_process_id text NOT NULL, message_name text NOT NULL, correlation_key text NOT NULL)`);
    await q.query(`CREATE INDEX message_subscription_match_idx ON message_subscription (message_name, correlation_key)`);
    await q.query(`CREATE INDEX message_subscription_element_idx ON message_subscription (element_instance_key)`);
    await q.query(`CREATE TABLE message (
      key bigint PRIMARY KEY, name text NOT NULL, correlation_key text NOT NULL, message_id text, variables jsonb NOT NULL DEFAULT '{}',
      expires_at timestamptz NOT NULL, created_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX message_match_idx ON message (name, correlation_key, expires_at)`);
    // Zeebe: a buffered message correlates at most once per bpmnProcessId.
    await q.query(`CREATE TABLE message_correlation (message_key bigint NOT NULL, bpmn_process_id text NOT NULL, PRIMARY KEY (message_key, bpmn_process_id))`);
    await q.query(`CREATE TABLE message_start_subscription (
      process_definition_key bigint NOT NULL, bpmn_process_id text NOT NULL, element_id text NOT NULL, message_name text NOT NULL,
      PRIMARY KEY (process_definition_key, element_id))`);
    await q.query(`CREATE TABLE incident (
      key bigint PRIMARY KEY, process_instance_key bigint NOT NULL, element_instance_key bigint NOT NULL, element_id text NOT NULL,
      job_key bigint, error_type text NOT NULL, error_message text NOT NULL, state text NOT NULL, created_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX incident_pi_idx ON incident (process_instance_key)`);
    await q.query(`CREATE TABLE outbox (id bigserial PRIMARY KEY, kind text NOT NULL, process_instance_key bigint NOT NULL, record jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), processed_at timestamptz)`);
    await q.query(`CREATE TABLE engine_clock (id int PRIMARY KEY CHECK (id = 1), offset_ms bigint NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO engine_clock (id, offset_ms) VALUES (1, 0)`);
    await q.query(`CREATE TABLE user_task (
      key bigint PRIMARY KEY, element_id text NOT NULL, element_instance_key bigint NOT NULL, name text,
      bpmn_process_id text NOT NULL, process_definition_key bigint NOT NULL, process_instance_key bigint NOT NULL,
      root_process_instance_key bigint NOT NULL, state text NOT NULL, assignee text,
      candidate_groups text[] NOT NULL DEFAULT '{}', candidate_users text[] NOT NULL DEFAULT '{}',
      form_key text, form_version int, due_date timestamptz, follow_up_date timestamptz, priority int NOT NULL DEFAULT 50,
      version int NOT NULL DEFAULT 0, created_at timestamptz NOT NULL, completed_at timestamptz, completed_by text)`);
    // The task-list indexes (open tasks by group, by assignee, by case data) come with the workbench migration.
    await q.query(`CREATE INDEX user_task_pi_idx ON user_task (process_instance_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['user_task', 'engine_clock', 'outbox', 'incident', 'message_start_subscription', 'message_correlation', 'message',
      'message_subscription', 'timer', 'job', 'variable', 'element_instance', 'process_instance', 'form_definition', 'process_definition', 'deployment']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP SEQUENCE engine_key_block`);
  }
}
