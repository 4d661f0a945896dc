import { DEFAULT_STATE, formatAmountInput, hasFilters, isCalendarDay, isInvertedRange, parseAmount, readListState, writeListState } from './task-filters';

describe('parseAmount', () => {
  it('should read amounts as nl-BE, fr-BE and en-BE show them', () => {
    expect(parseAmount('10.000,00', 'nl-BE')).toEqual({ value: '10000.00' });
    expect(parseAmount('10 000,5', 'fr-BE')).toEqual({ value: '10000.5' });
    expect(parseAmount('10\u202f000,50 €', 'fr-BE')).toEqual({ value: '10000.50' });
    expect(parseAmount('€ 10.000,00', 'en-BE')).toEqual({ value: '10000.00' });
    expect(parseAmount('100,5', 'nl-BE')).toEqual({ value: '100.5' });
    expect(parseAmount('1.234', 'nl-BE')).toEqual({ value: '1234' });
  });

  it('should read amounts with a decimal point first where the locale writes them so', () => {
    expect(parseAmount('10,000.00', 'en-US')).toEqual({ value: '10000.00' });
    expect(parseAmount('1,234', 'en-US')).toEqual({ value: '1234' });
  });

  it('should accept the other convention when the text only makes sense that way', () => {
    expect(parseAmount('10,000.00', 'en-BE')).toEqual({ value: '10000.00' });
    expect(parseAmount('10.5', 'nl-BE')).toEqual({ value: '10.5' });
    expect(parseAmount('10,50', 'en-US')).toEqual({ value: '10.50' });
  });

  it('should treat empty as no filter', () => {
    expect(parseAmount('  ', 'nl-BE')).toEqual({ value: '' });
  });

  it('should refuse text, negative amounts and badly grouped numbers', () => {
    expect(parseAmount('abc', 'nl-BE')).toEqual({ error: 'invalid' });
    expect(parseAmount('-5', 'en-BE')).toEqual({ error: 'negative' });
    expect(parseAmount('-5,00', 'nl-BE')).toEqual({ error: 'negative' });
    expect(parseAmount('10.00.0', 'nl-BE')).toEqual({ error: 'invalid' });
    expect(parseAmount('1,2345', 'nl-BE')).toEqual({ error: 'invalid' });
    expect(parseAmount('12e3', 'fr-BE')).toEqual({ error: 'invalid' });
  });
});

describe('formatAmountInput', () => {
  it('should show a canonical amount in the locale', () => {
    expect(formatAmountInput('10000.5', 'nl-BE')).toBe('10.000,5');
    expect(formatAmountInput('10000.5', 'en-BE')).toBe('10.000,5');
    expect(formatAmountInput('', 'nl-BE')).toBe('');
  });
});

describe('isInvertedRange', () => {
  it('should flag a minimum above the maximum only', () => {
    expect(isInvertedRange('500', '100')).toBe(true);
    expect(isInvertedRange('100', '500')).toBe(false);
    expect(isInvertedRange('500', '')).toBe(false);
  });
});

describe('isCalendarDay', () => {
  it('should refuse days that do not exist', () => {
    expect(isCalendarDay('2026-02-31')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('31/02/2026')).toBe(false);
  });
});

describe('readListState / writeListState', () => {
  it('should round-trip a state through the query string', () => {
    // given
    const state = { ...DEFAULT_STATE, employer: 'bakker', amountMin: '100.5', dueBefore: '2027-01-05', scope: 'step:Activity_ReviewDispute', sort: 'amountDue', direction: 'desc' as const, page: 2, size: 50 };
    // when
    const params = writeListState(state);
    // then
    expect(readListState(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null)) as Record<string, string>)).toEqual(state);
  });

  it('should leave defaults out of the URL', () => {
    expect(Object.values(writeListState(DEFAULT_STATE)).every((value) => value === null)).toBe(true);
  });

  it('should ignore malformed hand-edited values', () => {
    expect(readListState({ amountMin: 'abc', dueBefore: '2026-02-31', sort: 'hack', page: '-3', size: '7', scope: 'x' })).toEqual(DEFAULT_STATE);
  });

  it('should tell whether any filter is set', () => {
    expect(hasFilters(DEFAULT_STATE)).toBe(false);
    expect(hasFilters({ ...DEFAULT_STATE, scope: 'process:recovery' })).toBe(true);
  });
});
