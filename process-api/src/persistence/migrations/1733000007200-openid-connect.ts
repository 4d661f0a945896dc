import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenID Connect logins: accounts of the provider have no password (NULL never matches a password login) and are
 * bound to the provider's subject; pending logins hold the state, nonce and PKCE verifier between the redirect
 * and the callback (in the database, so any API process can finish a login another one started).
 */
export class OpenIdConnect1733000007200 implements MigrationInterface {
  name = 'OpenIdConnect1733000007200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL`);
    await q.query(`ALTER TABLE app_user ADD COLUMN oidc_subject text UNIQUE`);
    await q.query(`
      CREATE TABLE oidc_pending_login (
        state text PRIMARY KEY,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX oidc_pending_login_expires_idx ON oidc_pending_login (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oidc_pending_login`);
    await q.query(`ALTER TABLE app_user DROP COLUMN oidc_subject`);
    await q.query(`UPDATE app_user SET password_hash = '!' WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE app_user ALTER COLUMN password_hash SET NOT NULL`);
  }
}
