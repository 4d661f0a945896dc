import { assertCanAssign, assertCanClaim, assertCanComplete, assertCanSeeCase, assertCanUnclaim, canSee, restrictedGroupsOf, type Actor, type TaskAudience } from './task-access';

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

  describe('restricted (inspection) work', () => {
    const inspection: TaskAudience = { assignee: null, candidateGroups: ['inspectors'], candidateUsers: [] };
    const admin: Actor = { username: 'admin', roles: ['admin'], groups: ['recovery-agents'] };
    const inspectionLead: Actor = { username: 'ilead', roles: ['team-lead'], groups: ['inspection-leads'] };

    it('should show a restricted task to members of its groups and administrators only', () => {
      // then the inspector and the admin see it; a recovery agent and a recovery lead do not
      expect(canSee(outsider, inspection)).toBe(true);
      expect(canSee(admin, inspection)).toBe(true);
      expect(canSee(agent, inspection)).toBe(false);
      expect(canSee(lead, inspection)).toBe(false);
      // and membership counts per group: a lead only in inspection-leads sees that group's tasks, not the inspectors'
      expect(canSee(inspectionLead, inspection)).toBe(false);
      expect(canSee(inspectionLead, { ...inspection, candidateGroups: ['inspectors', 'inspection-leads'] })).toBe(true);
    });

    it('should refuse a recovery lead every command on a restricted task', () => {
      const assigned = { ...inspection, assignee: 'insp1' };
      expect(() => assertCanUnclaim(lead, assigned)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
      expect(() => assertCanClaim(agent, inspection)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
      expect(() => assertCanComplete(outsider, assigned)).not.toThrow();
    });

    it('should restrict a case by the restricted groups of its tasks', () => {
      expect(restrictedGroupsOf(['recovery-agents', 'inspectors'])).toEqual(['inspectors']);
      expect(() => assertCanSeeCase(agent, [])).not.toThrow();
      expect(() => assertCanSeeCase(outsider, ['inspectors'])).not.toThrow();
      expect(() => assertCanSeeCase(admin, ['inspectors'])).not.toThrow();
      expect(() => assertCanSeeCase(lead, ['inspectors'])).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    });
  });
});
