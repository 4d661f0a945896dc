import { hashPassword } from '../application/auth/password-hashing';
import type { DataSource } from 'typeorm';

interface DemoUser {
  username: string;
  displayName: string;
  roles: string[];
  language: 'nl' | 'fr';
  groups: string[];
  team?: { id: string; lead: boolean };
}

const AGENTS = ['recovery-agents'];
const LEADS = ['recovery-agents', 'recovery-leads'];
const INSPECTORS = ['inspectors'];
const INSPECTION_LEADS = ['inspection-leads', 'inspectors'];

const TEAMS = [
  { id: 'recovery-north', name: 'Invordering Noord / Recouvrement Nord' },
  { id: 'recovery-south', name: 'Invordering Zuid / Recouvrement Sud' },
  { id: 'inspection', name: 'Inspectie / Inspection' },
];

const USERS: DemoUser[] = [
  { username: 'agent1', displayName: 'Sofie Peeters', roles: ['agent'], language: 'nl', groups: AGENTS, team: { id: 'recovery-north', lead: false } },
  { username: 'agent2', displayName: 'Thomas Janssens', roles: ['agent'], language: 'nl', groups: AGENTS, team: { id: 'recovery-north', lead: false } },
  { username: 'agent3', displayName: 'Nathalie Dubois', roles: ['agent'], language: 'fr', groups: AGENTS, team: { id: 'recovery-north', lead: false } },
  { username: 'agent4', displayName: 'Julien Lambert', roles: ['agent'], language: 'fr', groups: AGENTS, team: { id: 'recovery-south', lead: false } },
  { username: 'agent5', displayName: 'Camille Dupont', roles: ['agent'], language: 'fr', groups: AGENTS, team: { id: 'recovery-south', lead: false } },
  { username: 'agent6', displayName: 'Lotte Maes', roles: ['agent'], language: 'nl', groups: AGENTS, team: { id: 'recovery-south', lead: false } },
  { username: 'lead1', displayName: 'Wim Claes', roles: ['team-lead'], language: 'nl', groups: LEADS, team: { id: 'recovery-north', lead: true } },
  { username: 'lead2', displayName: 'Isabelle Lejeune', roles: ['team-lead'], language: 'fr', groups: LEADS, team: { id: 'recovery-south', lead: true } },
  { username: 'inspector1', displayName: 'Koen Vermeulen', roles: ['agent'], language: 'nl', groups: INSPECTORS, team: { id: 'inspection', lead: false } },
  { username: 'inspector2', displayName: 'Sophie Renard', roles: ['agent'], language: 'fr', groups: INSPECTORS, team: { id: 'inspection', lead: false } },
  { username: 'ilead1', displayName: 'An De Smet', roles: ['team-lead'], language: 'nl', groups: INSPECTION_LEADS, team: { id: 'inspection', lead: true } },
  { username: 'designer1', displayName: 'Pieter Willems', roles: ['designer'], language: 'nl', groups: [] },
  { username: 'admin', displayName: 'Marie Leclercq', roles: ['admin'], language: 'fr', groups: ['recovery-agents', 'recovery-leads'] },
];

export const DEMO_USERNAMES = USERS.map((u) => u.username);

/**
 * Demo teams and accounts (flagged `demo`, refused in production). Idempotent: existing rows are left alone,
 * so a demo user who changed something keeps it across restarts.
 */
export async function seedDemoUsers(dataSource: DataSource, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await dataSource.transaction(async (tx) => {
    for (const team of TEAMS) {
      await tx.query(`INSERT INTO team (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`, [team.id, team.name]);
    }
    for (const user of USERS) {
      await tx.query(
        `INSERT INTO app_user (username, display_name, password_hash, roles, language, demo) VALUES ($1, $2, $3, $4, $5, true)
         ON CONFLICT (username) DO NOTHING`,
        [user.username, user.displayName, hash, user.roles, user.language],
      );
      for (const group of user.groups) {
        await tx.query(`INSERT INTO user_group (username, group_name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [user.username, group]);
      }
      if (user.team) {
        await tx.query(`INSERT INTO team_member (team, username, is_lead) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [user.team.id, user.username, user.team.lead]);
      }
    }
  });
}

export async function hasNoUsers(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query(`SELECT NOT EXISTS (SELECT 1 FROM app_user) AS empty`);
  return row.empty;
}
