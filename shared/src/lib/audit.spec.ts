import { auditQuerySchema } from './audit';

describe('auditQuerySchema', () => {
  it('should take a case or an actor with paging defaults', () => {
    expect(auditQuerySchema.parse({ caseId: '42' })).toEqual({ caseId: '42', size: 100 });
    expect(auditQuerySchema.parse({ actor: 'agent1', after: '10', size: '5' })).toEqual({ actor: 'agent1', after: '10', size: 5 });
  });

  it('should refuse neither, both, bad keys and unknown fields', () => {
    for (const query of [{}, { caseId: '1', actor: 'a' }, { caseId: '1x' }, { actor: 'a', size: '0' }, { actor: 'a', extra: '1' }]) {
      expect(auditQuerySchema.safeParse(query).success).toBe(false);
    }
  });
});
