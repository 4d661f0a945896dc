import type { DataSource } from 'typeorm';
import type { OidcIdentity } from '../application/auth/oidc/claim-mapping';
import { OidcRefusedError } from '../application/auth/oidc/oidc-errors';
import type { OidcUserStore, PendingLogin, PendingLoginStore } from '../application/auth/oidc/oidc-ports';

export class PendingLoginRepository implements PendingLoginStore {
  constructor(private readonly dataSource: DataSource) {}

  async save(state: string, login: PendingLogin, expiresAt: Date): Promise<void> {
    await this.dataSource.query(`INSERT INTO oidc_pending_login (state, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, $4)`, [state, login.nonce, login.codeVerifier, expiresAt]);
    // Abandoned logins are swept here so the table does not grow without bound.
    await this.dataSource.query(`DELETE FROM oidc_pending_login WHERE expires_at < now()`);
  }

  /** Deletes and returns in one statement: two callbacks with one state cannot both find it. */
  async take(state: string, now: Date): Promise<PendingLogin | null> {
    // Inside a CTE the DELETE answers rows like a SELECT (TypeORM wraps a bare DELETE's rows with the row count).
    const rows: { nonce: string; code_verifier: string; expires_at: Date }[] = await this.dataSource.query(
      `WITH taken AS (DELETE FROM oidc_pending_login WHERE state = $1 RETURNING nonce, code_verifier, expires_at) SELECT * FROM taken`,
      [state],
    );
    const row = rows[0];
    return row && row.expires_at > now ? { nonce: row.nonce, codeVerifier: row.code_verifier } : null;
  }
}

/**
 * Accounts of the provider, written in one transaction: the row (no password), its candidate groups and teams,
 * replaced on every login (the provider is authoritative). A username of a local account or of another subject is
 * refused, so a provider user can never take over the bootstrap administrator or a demo account.
 */
export class OidcUserRepository implements OidcUserStore {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(identity: OidcIdentity): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('werkbank-oidc-user'), hashtext($1))`, [identity.username]);
      const [existing] = await tx.query(`SELECT password_hash, oidc_subject FROM app_user WHERE username = $1`, [identity.username]);
      if (existing && (existing.password_hash !== null || existing.oidc_subject !== identity.subject)) {
        throw new OidcRefusedError('OIDC_ACCOUNT_CONFLICT', `the user name ${identity.username} belongs to another account`);
      }
      const [other] = await tx.query(`SELECT username FROM app_user WHERE oidc_subject = $1 AND username <> $2`, [identity.subject, identity.username]);
      if (other) throw new OidcRefusedError('OIDC_ACCOUNT_CONFLICT', 'this provider account is already bound to another user name');
      await tx.query(
        `INSERT INTO app_user (username, display_name, password_hash, roles, language, demo, oidc_subject) VALUES ($1, $2, NULL, $3, $4, false, $5)
         ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, roles = EXCLUDED.roles`,
        [identity.username, identity.displayName, identity.roles, identity.language, identity.subject],
      );
      await tx.query(`DELETE FROM user_group WHERE username = $1`, [identity.username]);
      for (const group of identity.groups) await tx.query(`INSERT INTO user_group (username, group_name) VALUES ($1, $2)`, [identity.username, group]);
      await tx.query(`DELETE FROM team_member WHERE username = $1`, [identity.username]);
      for (const team of identity.teams) {
        // A team named only by the provider is created with its id as name (an administrator can rename it).
        await tx.query(`INSERT INTO team (id, name) VALUES ($1, $1) ON CONFLICT (id) DO NOTHING`, [team.id]);
        await tx.query(`INSERT INTO team_member (team, username, is_lead) VALUES ($1, $2, $3)`, [team.id, identity.username, team.lead]);
      }
    });
  }
}
