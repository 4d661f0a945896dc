import { hashPassword } from '../application/auth/password-hashing';
import type { DataSource } from 'typeorm';

export class WeakAdministratorPasswordError extends Error {
  readonly code = 'WEAK_ADMINISTRATOR_PASSWORD';
  constructor() {
    super('WERKBANK_ADMIN_PASSWORD must have at least 12 characters');
    this.name = 'WeakAdministratorPasswordError';
  }
}

/**
 * The first real (non-demo) administrator, from the environment: without it a production database has nobody who can
 * log in. Creates the account only when the username is free; an existing account is never changed.
 */
export async function bootstrapAdministrator(dataSource: DataSource, username: string, password: string): Promise<boolean> {
  if (password.length < 12) throw new WeakAdministratorPasswordError();
  const hash = await hashPassword(password);
  const rows: unknown[] = await dataSource.query(
    `INSERT INTO app_user (username, display_name, password_hash, roles, language, demo)
     VALUES ($1, 'Administrator', $2, '{admin}', 'en', false) ON CONFLICT (username) DO NOTHING RETURNING username`,
    [username, hash],
  );
  return rows.length === 1;
}
