import fc from 'fast-check';
import { computeInstalmentSchedule } from './instalment-schedule';

describe('computeInstalmentSchedule', () => {
  it('should split into equal monthly instalments, the last absorbing the remainder', () => {
    expect(computeInstalmentSchedule(100_000, 3, '2026-12-03')).toEqual([
      { number: 1, dueDate: '2027-01-03', amountCents: 33_333, cumulativeCents: 33_333 },
      { number: 2, dueDate: '2027-02-03', amountCents: 33_333, cumulativeCents: 66_666 },
      { number: 3, dueDate: '2027-03-03', amountCents: 33_334, cumulativeCents: 100_000 },
    ]);
  });

  it('should fall back to the last day of a shorter month', () => {
    expect(computeInstalmentSchedule(400, 4, '2027-10-31').map((i) => i.dueDate)).toEqual(['2027-11-30', '2027-12-31', '2028-01-31', '2028-02-29']);
  });

  it('should always sum to the total with instalments that differ by less than the count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 36 }), fc.integer({ min: 36, max: 1_000_000_000 }), (n, total) => {
        const schedule = computeInstalmentSchedule(total, n, '2026-01-31');
        expect(schedule).toHaveLength(n);
        expect(schedule.reduce((sum, i) => sum + i.amountCents, 0)).toBe(total);
        expect(schedule[n - 1]?.cumulativeCents).toBe(total);
        const first = schedule[0]?.amountCents ?? 0;
        expect(schedule.every((i) => Number.isSafeInteger(i.amountCents) && i.amountCents - first >= 0 && i.amountCents - first < n)).toBe(true);
      }),
    );
  });

  it('should refuse impossible plans', () => {
    expect(() => computeInstalmentSchedule(0, 2, '2026-12-03')).toThrow(expect.objectContaining({ code: 'INVALID_DEFERRAL_REQUEST' }));
    expect(() => computeInstalmentSchedule(100, 37, '2026-12-03')).toThrow(expect.objectContaining({ code: 'INVALID_DEFERRAL_REQUEST' }));
    expect(() => computeInstalmentSchedule(2, 3, '2026-12-03')).toThrow(expect.objectContaining({ code: 'INVALID_DEFERRAL_REQUEST' }));
    expect(() => computeInstalmentSchedule(100, 2, '03/12/2026')).toThrow(expect.objectContaining({ code: 'INVALID_DEFERRAL_REQUEST' }));
  });
});
