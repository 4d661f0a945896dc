import { DateTime } from 'luxon';
import { atFeelTime, parseIsoInstant, valueOf } from './feel';
import { scheduleTimer } from './timer-expression';

describe('feel', () => {
  const engineNow = new Date('2030-05-05T22:30:00.000Z');

  it('should evaluate now() and today() at the given engine time, in UTC', () => {
    // given an engine time far from the system time
    // when FEEL asks for the time inside atFeelTime
    const [now, due, today] = atFeelTime(engineNow, () => [valueOf('=string(now())', {}), valueOf('=string(now() + duration("P5D"))', {}), valueOf('=string(today())', {})]);
    // then it is that time with an explicit UTC offset (never the machine's wall time) and the UTC day
    expect(now).toBe('2030-05-05T22:30:00Z');
    expect(due).toBe('2030-05-10T22:30:00Z');
    expect(today).toBe('2030-05-05');
  });

  it('should restore the system clock and zone after the work, even when it throws', () => {
    // given FEEL work that fails inside atFeelTime
    expect(() => atFeelTime(engineNow, () => { throw new Error('boom'); })).toThrow('boom');
    // when now() is evaluated afterwards, then it is the system time again
    expect(Math.abs(DateTime.now().toMillis() - Date.now())).toBeLessThan(1000);
    expect(DateTime.now().zone.type).toBe('system');
  });

  it('should nest, the inner engine time winning inside and the outer one restored after', () => {
    // given nested evaluations at two engine times
    const other = new Date('2001-01-01T09:15:00.000Z');
    const [inner, outer] = atFeelTime(engineNow, () => [atFeelTime(other, () => valueOf('=string(now())', {})), valueOf('=string(now())', {})]);
    // then each sees its own time
    expect(inner).toBe('2001-01-01T09:15:00Z');
    expect(outer).toBe('2030-05-05T22:30:00Z');
  });

  it('should read ISO text without an offset as UTC', () => {
    // given the forms feelin prints, when parsed, then they are UTC instants; offsets are kept
    expect(parseIsoInstant('2026-12-08T13:39:48.128')?.toISOString()).toBe('2026-12-08T13:39:48.128Z');
    expect(parseIsoInstant('2026-12-08')?.toISOString()).toBe('2026-12-08T00:00:00.000Z');
    expect(parseIsoInstant('2026-12-08T13:39:48+01:00')?.toISOString()).toBe('2026-12-08T12:39:48.000Z');
    expect(parseIsoInstant('next tuesday')).toBeNull();
  });

  it('should schedule a FEEL date-time timer without offset at that UTC wall time', () => {
    // given a timer date FEEL expression giving a zoneless date-time value
    // when scheduled, then it is due at that wall time in UTC
    const schedule = atFeelTime(engineNow, () => scheduleTimer('date', '=date and time("2030-05-06T08:00:00")', {}, engineNow));
    expect(schedule.dueAt.toISOString()).toBe('2030-05-06T08:00:00.000Z');
  });
});
