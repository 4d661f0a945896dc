import type { TeamMember } from '@werkbank/shared';
import { assertCanListGroupMembers, type Actor } from '../../domain/tasks/task-access';
import type { UserDirectory } from '../ports';

/** Colleagues by name, and the people a team lead can pick from when assigning: members of a group or of a team. */
export class ListAssigneesUseCase {
  constructor(private readonly users: UserDirectory) {}

  /** `onlyMyTeams`: the members who share a team with the caller (a team lead's assign picker). */
  byGroup(actor: Actor, group: string, onlyMyTeams = false): Promise<TeamMember[]> {
    assertCanListGroupMembers(actor, group);
    return this.users.membersOfGroup(group, onlyMyTeams ? actor.username : undefined);
  }

  byTeam(team: string): Promise<TeamMember[]> {
    return this.users.membersOfTeam(team);
  }
}
