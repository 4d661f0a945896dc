import { formatEnterpriseNumber } from '../ui/enterprise-number';
import { cleanAmount, displayedState, isOverdue } from './task-values';

describe('task values', () => {
  it('should accept amounts with a comma or dot and reject anything else', () => {
    expect(cleanAmount('1234,5')).toBe('1234.5');
    expect(cleanAmount(' 100 ')).toBe('100');
    expect(cleanAmount('12.345')).toBeUndefined();
    expect(cleanAmount('abc')).toBeUndefined();
    expect(cleanAmount('')).toBeUndefined();
  });

  it('should call an open task overdue only when its due date lies before today', () => {
    const today = new Date(2026, 2, 10);
    expect(isOverdue({ dueDate: '2026-03-09', state: 'CREATED' }, today)).toBe(true);
    expect(isOverdue({ dueDate: '2026-03-10', state: 'CREATED' }, today)).toBe(false);
    expect(isOverdue({ dueDate: '2026-03-09', state: 'COMPLETED' }, today)).toBe(false);
    expect(isOverdue({ dueDate: null, state: 'CREATED' }, today)).toBe(false);
  });

  it('should show an open task someone holds as assigned', () => {
    expect(displayedState({ state: 'CREATED', assignee: null })).toBe('CREATED');
    expect(displayedState({ state: 'CREATED', assignee: 'agent1' })).toBe('ASSIGNED');
    expect(displayedState({ state: 'COMPLETED', assignee: 'agent1' })).toBe('COMPLETED');
  });

  it('should format enterprise numbers as 0xxx.xxx.xxx', () => {
    expect(formatEnterpriseNumber('403170701')).toBe('0403.170.701');
    expect(formatEnterpriseNumber('BE 0403.170.701')).toBe('0403.170.701');
    expect(formatEnterpriseNumber('12')).toBe('12');
  });
});
