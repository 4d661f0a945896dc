import { localName, scopeToQuery } from './process-steps';

describe('process steps', () => {
  it('should turn the filter value into process or step query parameters', () => {
    expect(scopeToQuery('process:recovery')).toEqual({ process: 'recovery' });
    expect(scopeToQuery('step:Activity_ContactEmployer')).toEqual({ step: 'Activity_ContactEmployer' });
    expect(scopeToQuery('')).toEqual({});
  });

  it('should name a known step in the user language and fall back to the model name', () => {
    const i18n = { has: (key: string) => key === 'step.Known', translate: () => 'Gekend' };
    expect(localName(i18n, 'step', 'Known', 'Known step')).toBe('Gekend');
    expect(localName(i18n, 'step', 'Other', 'Other step')).toBe('Other step');
  });
});
