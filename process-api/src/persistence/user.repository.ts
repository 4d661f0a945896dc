import type { DataSource } from 'typeorm';
import type { CurrentUser, Language, Role, TeamMember } from '@werkbank/shared';
import type { UserCredentials, UserDirectory } from '../application/ports';

/** A user's profile from `app_user u` (with groups and teams): shared with the session lookup (one round trip). */
export const PROFILE_COLUMNS = `u.username, u.display_name, u.roles, u.language,
  COALESCE((SELECT array_agg(g.group_name ORDER BY g.group_name) FROM user_group g WHERE g.username = u.username), '{}') AS groups,
  COALESCE((SELECT array_agg(t.team ORDER BY t.team) FROM team_member t WHERE t.username = u.username), '{}') AS teams`;

interface ProfileRow {
  username: string;
  display_name: string;
  roles: string[];
  language: string;
  groups: string[];
  teams: string[];
}

export function toProfile(row: ProfileRow): CurrentUser {
  return { username: row.username, displayName: row.display_name, roles: row.roles as Role[], groups: row.groups, teams: row.teams, language: row.language as Language };
}

export class UserRepository implements UserDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async findCredentials(username: string): Promise<UserCredentials | null> {
    const [row] = await this.dataSource.query(`SELECT username, password_hash, demo FROM app_user WHERE username = $1`, [username]);
    return row ? { username: row.username, passwordHash: row.password_hash, demo: row.demo } : null;
  }

  async updatePasswordHash(username: string, previousHash: string, newHash: string): Promise<void> {
    await this.dataSource.query(`UPDATE app_user SET password_hash = $3 WHERE username = $1 AND password_hash = $2`, [username, previousHash, newHash]);
  }

  async findProfile(username: string): Promise<CurrentUser | null> {
    const [row] = await this.dataSource.query(`SELECT ${PROFILE_COLUMNS} FROM app_user u WHERE u.username = $1`, [username]);
    return row ? toProfile(row) : null;
  }

  async isInAnyGroup(username: string, groups: readonly string[]): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM user_group WHERE username = $1 AND group_name = ANY($2::text[])) AS member`, [
      username,
      groups,
    ]);
    return row.member;
  }

  async membersOfGroup(group: string, sharingTeamWith?: string): Promise<TeamMember[]> {
    const rows = await this.dataSource.query(
      `SELECT u.username, u.display_name FROM app_user u JOIN user_group g ON g.username = u.username
        WHERE g.group_name = $1
          AND ($2::text IS NULL OR EXISTS (
            SELECT 1 FROM team_member mine JOIN team_member theirs ON theirs.team = mine.team
             WHERE mine.username = $2 AND theirs.username = u.username))
        ORDER BY u.display_name, u.username`,
      [group, sharingTeamWith ?? null],
    );
    return rows.map((r: { username: string; display_name: string }) => ({ username: r.username, displayName: r.display_name }));
  }

  async shareTeam(username: string, other: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM team_member a JOIN team_member b ON b.team = a.team WHERE a.username = $1 AND b.username = $2) AS shared`,
      [username, other],
    );
    return row.shared;
  }

  async membersOfTeam(team: string): Promise<TeamMember[]> {
    const rows = await this.dataSource.query(
      `SELECT u.username, u.display_name FROM app_user u JOIN team_member m ON m.username = u.username
        WHERE m.team = $1 ORDER BY u.display_name, u.username`,
      [team],
    );
    return rows.map((r: { username: string; display_name: string }) => ({ username: r.username, displayName: r.display_name }));
  }
}
