import { TestBed } from '@angular/core/testing';
import { BelgianDateAdapter } from './belgian-date-adapter';

describe('BelgianDateAdapter', () => {
  let adapter: BelgianDateAdapter;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [BelgianDateAdapter] });
    adapter = TestBed.inject(BelgianDateAdapter);
  });

  function ymd(date: Date | null): string {
    return date && adapter.isValid(date) ? `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}` : 'invalid';
  }

  it('should read typed dates day first', () => {
    expect(ymd(adapter.parse('01/02/2026'))).toBe('2026-2-1');
    expect(ymd(adapter.parse('31-12-26'))).toBe('2026-12-31');
    expect(ymd(adapter.parse('5.3.2027'))).toBe('2027-3-5');
  });

  it('should read ISO dates', () => {
    expect(ymd(adapter.parse('2026-12-31'))).toBe('2026-12-31');
  });

  it('should refuse days that do not exist and text that is no date', () => {
    expect(ymd(adapter.parse('31/02/2026'))).toBe('invalid');
    expect(ymd(adapter.parse('tomorrow'))).toBe('invalid');
  });

  it('should treat an empty field as no date', () => {
    expect(adapter.parse('  ')).toBeNull();
  });

  it('should display dates in the chosen Belgian locale', () => {
    adapter.setLocale('fr-BE');
    expect(adapter.format(new Date(2026, 11, 31), { year: 'numeric', month: '2-digit', day: '2-digit' })).toBe('31/12/2026');
  });

  it("should take the engine's day as today once it is known", () => {
    expect(ymd(adapter.today())).toBe(ymd(new Date()));
    adapter.setToday(new Date(2026, 11, 20, 15, 30));
    expect(ymd(adapter.today())).toBe('2026-12-20');
  });
});
