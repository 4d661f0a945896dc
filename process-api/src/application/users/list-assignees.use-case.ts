import type { TeamMember } from '@werkbank/shared';
import type { UserDirectory } from '../ports';

/** The people a team lead can pick from when assigning: members of a candidate group or of a team. */
export class ListAssigneesUseCase {
  constructor(private readonly users: UserDirectory) {}

  byGroup(group: string): Promise<TeamMember[]> {
    return this.users.membersOfGroup(group);
  }

  byTeam(team: string): Promise<TeamMember[]> {
    return this.users.membersOfTeam(team);
  }
}
