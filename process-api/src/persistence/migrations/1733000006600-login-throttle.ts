import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins, counted in the database so that every API process sharing it agrees on a lock-out.
 * `subject` is `account:<username>` or `ip:<sha-256 of the address>` (no raw IP addresses are stored).
 */
export class LoginThrottle1733000006600 implements MigrationInterface {
  name = 'LoginThrottle1733000006600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE login_throttle (
      subject text PRIMARY KEY,
      failures integer NOT NULL,
      window_started_at timestamptz NOT NULL,
      locked_until timestamptz
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
  }
}
