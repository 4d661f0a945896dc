import { actorStampedFields, assertFourEyes, FOUR_EYES_RULES } from './four-eyes';

const lead1 = { username: 'lead1', roles: ['team-lead'], groups: ['recovery-leads'] };
const approve = { step: 'Activity_ApproveTransfer', process: { bpmnProcessId: 'recovery' } };

describe('four-eyes', () => {
  it('should refuse the approval to the user who prepared the transfer', () => {
    expect(() => assertFourEyes(FOUR_EYES_RULES, lead1, approve, { preparedBy: 'lead1' })).toThrow(expect.objectContaining({ code: 'FOUR_EYES_VIOLATION' }));
  });

  it('should refuse the approval of an administrative agreement to the user who assessed the deferral request', () => {
    const agreement = { step: 'Activity_ApproveAgreement', process: { bpmnProcessId: 'payment-deferral' } };
    expect(() => assertFourEyes(FOUR_EYES_RULES, lead1, agreement, { assessedBy: 'lead1' })).toThrow(expect.objectContaining({ code: 'FOUR_EYES_VIOLATION' }));
    expect(() => assertFourEyes(FOUR_EYES_RULES, lead1, agreement, { assessedBy: 'agent1' })).not.toThrow();
  });

  it('should allow another user, and leave steps without a rule alone', () => {
    expect(() => assertFourEyes(FOUR_EYES_RULES, lead1, approve, { preparedBy: 'agent1' })).not.toThrow();
    expect(() => assertFourEyes(FOUR_EYES_RULES, lead1, { ...approve, step: 'Activity_ContactEmployer' }, { preparedBy: 'lead1' })).not.toThrow();
    expect(() => assertFourEyes(FOUR_EYES_RULES, lead1, { ...approve, process: { bpmnProcessId: 'other' } }, { preparedBy: 'lead1' })).not.toThrow();
  });

  it('should stamp only read-only fields whose key ends in By, also inside groups', () => {
    const schema = {
      components: [
        { type: 'textfield', key: 'preparedBy', readonly: true },
        { type: 'textfield', key: 'requestedBy' },
        { type: 'textfield', key: 'notes', readonly: true },
        { type: 'group', components: [{ type: 'textfield', key: 'checkedBy', readonly: true }] },
      ],
    };
    expect(actorStampedFields(schema)).toEqual(['preparedBy', 'checkedBy']);
    expect(actorStampedFields(null)).toEqual([]);
  });
});
