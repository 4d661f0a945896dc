import { validateFormSubmission } from './validate-form-submission';
import { calendarDay } from './check-date-time';

const evaluate = () => null;

// The shape of contact-employer.form's promised date once it disallows passed dates.
const form = {
  components: [
    { type: 'datetime', subtype: 'date', key: 'promisedDate', disallowPassedDates: true, validate: { required: true } },
    { type: 'datetime', subtype: 'datetime', key: 'callBackAt', disallowPassedDates: true },
    { type: 'datetime', subtype: 'date', key: 'lastContact' },
    { type: 'datetime', subtype: 'time', key: 'callTime' },
  ],
};

const validate = (data: Record<string, unknown>) => validateFormSubmission(form, data, { evaluate, today: '2026-12-01' }).errors;

describe('date rules of form submissions', () => {
  it('should refuse a passed date where the form disallows passed dates, and accept today and later', () => {
    expect(validate({ promisedDate: '2026-11-30' })).toEqual([{ field: 'promisedDate', message: 'must not be in the past (today is 2026-12-01)' }]);
    expect(validate({ promisedDate: '2026-12-01' })).toEqual([]);
    expect(validate({ promisedDate: '2027-03-15' })).toEqual([]);
  });

  it('should judge a date-time by the day it was picked on', () => {
    expect(validate({ promisedDate: '2026-12-01', callBackAt: '2026-11-30T23:30+01:00' })).toEqual([
      { field: 'callBackAt', message: 'must not be in the past (today is 2026-12-01)' },
    ]);
    expect(validate({ promisedDate: '2026-12-01', callBackAt: '2026-12-01T08:00+01:00' })).toEqual([]);
  });

  it('should accept a passed date where the form allows it', () => {
    expect(validate({ promisedDate: '2026-12-01', lastContact: '2019-05-02' })).toEqual([]);
  });

  it('should refuse any date more than ten years ahead', () => {
    expect(validate({ promisedDate: '9999-12-31', lastContact: '2036-12-02' })).toEqual([
      { field: 'promisedDate', message: 'must be at most 10 years ahead (2036-12-01 at the latest)' },
      { field: 'lastContact', message: 'must be at most 10 years ahead (2036-12-01 at the latest)' },
    ]);
    expect(validate({ promisedDate: '2036-12-01', callTime: '09:30' })).toEqual([]);
  });

  it('should skip the rules that need today when no clock is given', () => {
    expect(validateFormSubmission(form, { promisedDate: '2001-01-01', lastContact: '9999-12-31' }, { evaluate }).errors).toEqual([]);
  });
});

describe('calendarDay', () => {
  it('should give the day in Brussels, not in UTC', () => {
    expect(calendarDay(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(calendarDay(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(calendarDay(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});
