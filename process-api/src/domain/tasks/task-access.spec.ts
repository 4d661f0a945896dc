import { assertCanAssign, assertCanClaim, assertCanComplete, assertCanUnclaim, canSee, type Actor, type TaskAudience } from './task-access';

const agent: Actor = { username: 'agent1', roles: ['agent'], groups: ['recovery-agents'] };
const outsider: Actor = { username: 'insp1', roles: ['agent'], groups: ['inspectors'] };
const lead: Actor = { username: 'lead1', roles: ['team-lead'], groups: ['recovery-leads'] };
const task: TaskAudience = { assignee: null, candidateGroups: ['recovery-agents'], candidateUsers: [] };

describe('task access', () => {
  it('should let a candidate group member claim and see a task', () => {
    expect(() => assertCanClaim(agent, task)).not.toThrow();
    expect(canSee(agent, task)).toBe(true);
  });

  it('should refuse a claim from outside the candidate groups', () => {
    expect(() => assertCanClaim(outsider, task)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(canSee(outsider, task)).toBe(false);
  });

  it('should let a candidate user claim even outside the groups', () => {
    expect(() => assertCanClaim(outsider, { ...task, candidateUsers: ['insp1'] })).not.toThrow();
  });

  it('should let only the assignee or a lead unclaim, and only the assignee complete', () => {
    // given a task assigned to agent1
    const assigned = { ...task, assignee: 'agent1' };
    // then
    expect(() => assertCanUnclaim(agent, assigned)).not.toThrow();
    expect(() => assertCanUnclaim(lead, assigned)).not.toThrow();
    expect(() => assertCanUnclaim({ ...agent, username: 'agent2' }, assigned)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => assertCanComplete(agent, assigned)).not.toThrow();
    expect(() => assertCanComplete(lead, assigned)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('should let only supervisors assign', () => {
    expect(() => assertCanAssign(lead)).not.toThrow();
    expect(() => assertCanAssign({ ...agent, roles: ['admin'] })).not.toThrow();
    expect(() => assertCanAssign(agent)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
