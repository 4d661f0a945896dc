import { formatMessage } from './message-format';

describe('formatMessage', () => {
  const tasks = '{count, plural, one {# task} other {# tasks}}';

  it('should replace simple placeholders and keep unknown ones visible', () => {
    expect(formatMessage('Hello {name}, {missing}', { name: 'Sofie' }, 'en-BE')).toBe('Hello Sofie, {missing}');
  });

  it('should choose the English singular only for exactly one', () => {
    expect(formatMessage(tasks, { count: 1 }, 'en-BE')).toBe('1 task');
    expect(formatMessage(tasks, { count: 0 }, 'en-BE')).toBe('0 tasks');
    expect(formatMessage(tasks, { count: 2 }, 'en-BE')).toBe('2 tasks');
  });

  it('should treat zero and one as singular in French', () => {
    const fr = '{count, plural, one {# tâche} other {# tâches}}';
    expect(formatMessage(fr, { count: 0 }, 'fr-BE')).toBe('0 tâche');
    expect(formatMessage(fr, { count: 1 }, 'fr-BE')).toBe('1 tâche');
    expect(formatMessage(fr, { count: 3 }, 'fr-BE')).toBe('3 tâches');
  });

  it('should use the Dutch plural and format large numbers in the locale', () => {
    const nl = '{count, plural, one {# taak} other {# taken}}';
    expect(formatMessage(nl, { count: 1 }, 'nl-BE')).toBe('1 taak');
    expect(formatMessage(nl, { count: 1234 }, 'nl-BE')).toBe('1.234 taken');
  });

  it('should prefer an exact =n option over the category', () => {
    expect(formatMessage('{count, plural, =0 {no tasks} one {# task} other {# tasks}}', { count: 0 }, 'en-BE')).toBe('no tasks');
  });

  it('should pick a select option and fall back to other', () => {
    const template = '{role, select, lead {Team lead {name}} other {Agent {name}}}';
    expect(formatMessage(template, { role: 'lead', name: 'Wim' }, 'en-BE')).toBe('Team lead Wim');
    expect(formatMessage(template, { role: 'x', name: 'An' }, 'en-BE')).toBe('Agent An');
  });

  it('should keep text around arguments', () => {
    expect(formatMessage('Queue: {count, plural, one {# task} other {# tasks}} open', { count: 1 }, 'en-BE')).toBe('Queue: 1 task open');
  });
});
