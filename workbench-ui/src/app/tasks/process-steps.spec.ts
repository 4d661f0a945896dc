import { scopeToQuery, stepScope } from './process-steps';

describe('process steps', () => {
  it('should turn the filter value into process and step query parameters', () => {
    expect(scopeToQuery('process:recovery')).toEqual({ process: 'recovery' });
    expect(scopeToQuery(stepScope('inspection', 'Activity_Triage'))).toEqual({ process: 'inspection', step: 'Activity_Triage' });
    expect(scopeToQuery('')).toEqual({});
    expect(scopeToQuery('other:x')).toEqual({});
    expect(scopeToQuery(stepScope('recovery', ['Activity_ClaimInsolvency', 'Activity_ClaimAfterDeferral']))).toEqual({
      process: 'recovery',
      step: 'Activity_ClaimInsolvency,Activity_ClaimAfterDeferral',
    });
  });

  it('should still read a saved link that names only the step', () => {
    expect(scopeToQuery('step:Activity_ContactEmployer')).toEqual({ step: 'Activity_ContactEmployer' });
  });
});
