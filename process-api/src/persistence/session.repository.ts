import type { CurrentUser } from '@werkbank/shared';
import type { DataSource } from 'typeorm';
import type { SessionStore } from '../application/ports';
import { PROFILE_COLUMNS, toProfile } from './user.repository';

/** Sessions keyed by the SHA-256 of their token: a leaked table does not hand out live tokens. */
export class SessionRepository implements SessionStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(tokenHash: string, username: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(`INSERT INTO session (token_hash, username, expires_at) VALUES ($1, $2, $3)`, [tokenHash, username, expiresAt]);
    // Expired sessions are swept on login so the table does not grow without bound.
    await this.dataSource.query(`DELETE FROM session WHERE expires_at < now()`);
  }

  async findUsername(tokenHash: string, now: Date): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT username FROM session WHERE token_hash = $1 AND expires_at > $2`, [tokenHash, now]);
    return row?.username ?? null;
  }

  async findUser(tokenHash: string, now: Date): Promise<CurrentUser | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${PROFILE_COLUMNS} FROM session s JOIN app_user u ON u.username = s.username WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [tokenHash, now],
    );
    return row ? toProfile(row) : null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM session WHERE token_hash = $1`, [tokenHash]);
  }
}
