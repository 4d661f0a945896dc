import { Injectable } from '@angular/core';
import { NativeDateAdapter } from '@angular/material/core';

/**
 * Dates typed day first, as everyone writes them in Belgium whatever the language ("31/12/2026", "31-12-26",
 * "31.12.2026"), or ISO "2026-12-31". The native adapter would use `Date.parse`, which reads "01/02/2026" as January 2nd.
 */
@Injectable()
export class BelgianDateAdapter extends NativeDateAdapter {
  private engineToday: Date | null = null;

  /** The calendar marks and starts at the engine's "today" (in demo mode it runs ahead of the browser). */
  setToday(now: Date | null): void {
    this.engineToday = now;
  }

  override today(): Date {
    const now = this.engineToday;
    return now ? new Date(now.getFullYear(), now.getMonth(), now.getDate()) : super.today();
  }

  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value !== 'string') return super.parse(value, parseFormat);
    const text = value.trim();
    if (text === '') return null;
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    if (iso) return this.valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
    if (dayFirst) {
      const year = dayFirst[3].length === 2 ? 2000 + Number(dayFirst[3]) : Number(dayFirst[3]);
      return this.valid(year, Number(dayFirst[2]), Number(dayFirst[1]));
    }
    return this.invalid();
  }

  /** A real calendar day (no 31st of February rolling over into March), at local midnight. */
  private valid(year: number, month: number, day: number): Date {
    const date = new Date(year, month - 1, day);
    return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : this.invalid();
  }
}
