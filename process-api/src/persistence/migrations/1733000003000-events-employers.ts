import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Employers with their contact data, code lists, inbound events, routing rules and case documents. */
export class EventsEmployers1733000003000 implements MigrationInterface {
  name = 'EventsEmployers1733000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE nace_code (
        code varchar(10) PRIMARY KEY,
        broader varchar(10),
        label_nl text NOT NULL,
        label_fr text NOT NULL,
        label_en text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE legal_form (
        code varchar(3) PRIMARY KEY,
        label_nl text NOT NULL,
        label_fr text NOT NULL,
        label_de text
      )`);
    await q.query(`
      CREATE TABLE employer (
        enterprise_number char(10) PRIMARY KEY CHECK (enterprise_number ~ '^[01][0-9]{9}$'),
        name text NOT NULL,
        legal_form_code varchar(3),
        nace_code varchar(10),
        street text,
        postal_code varchar(10),
        city text,
        -- the language letters are written in (nl/fr)
        language char(2) NOT NULL DEFAULT 'nl',
        category varchar(10),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX employer_name_idx ON employer (lower(name))`);
    await q.query(`
      CREATE TABLE employer_contact (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        enterprise_number char(10) NOT NULL REFERENCES employer (enterprise_number) ON DELETE CASCADE,
        kind varchar(10) NOT NULL CHECK (kind IN ('phone', 'email', 'person', 'address')),
        value text NOT NULL,
        label text,
        source text NOT NULL,
        valid_from timestamptz NOT NULL DEFAULT now(),
        valid_to timestamptz
      )`);
    await q.query(`CREATE INDEX employer_contact_current_idx ON employer_contact (enterprise_number) WHERE valid_to IS NULL`);
    await q.query(`
      CREATE TABLE inbound_event (
        id text PRIMARY KEY,
        -- order of receipt; received_at alone ties within one batch
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        type text NOT NULL,
        source text NOT NULL,
        time timestamptz,
        data jsonb,
        status varchar(10) NOT NULL DEFAULT 'RECEIVED' CHECK (status IN ('RECEIVED', 'ROUTED', 'UNMATCHED', 'FAILED')),
        detail text,
        received_at timestamptz NOT NULL DEFAULT now(),
        routed_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        -- back-off after a failed attempt, so one failing event does not spin the router
        next_attempt_at timestamptz
      )`);
    await q.query(`CREATE INDEX inbound_event_pending_idx ON inbound_event (seq) WHERE status = 'RECEIVED'`);
    await q.query(`CREATE INDEX inbound_event_status_idx ON inbound_event (status, seq)`);
    await q.query(`
      CREATE TABLE routing_rule (
        event_type text NOT NULL,
        action varchar(30) NOT NULL,
        message_name text NOT NULL DEFAULT '',
        correlation_key text,
        variables text,
        time_to_live varchar(40),
        enabled boolean NOT NULL DEFAULT true,
        PRIMARY KEY (event_type, action, message_name)
      )`);
    await q.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id bigint,
        enterprise_number char(10),
        kind varchar(40) NOT NULL,
        title text NOT NULL,
        content text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX document_case_idx ON document (case_id, created_at)`);
    await q.query(`CREATE INDEX document_employer_idx ON document (enterprise_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['document', 'routing_rule', 'inbound_event', 'employer_contact', 'employer', 'legal_form', 'nace_code']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
