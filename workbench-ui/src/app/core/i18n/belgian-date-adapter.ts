import { Injectable } from '@angular/core';
import { MAT_NATIVE_DATE_FORMATS, MatDateFormats, NativeDateAdapter } from '@angular/material/core';

/** The typed/shown form of a day: dd/mm/yyyy in every language, as the field's placeholder says. */
export const DAY_INPUT_FORMAT = 'dd/mm/yyyy';

export const BELGIAN_DATE_FORMATS: MatDateFormats = {
  ...MAT_NATIVE_DATE_FORMATS,
  display: { ...MAT_NATIVE_DATE_FORMATS.display, dateInput: DAY_INPUT_FORMAT },
};

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

  /** nl-BE's Intl format would show "1/1/2027" after leaving the field; we show what the placeholder asks for. */
  override format(date: Date, displayFormat: object | string): string {
    if (displayFormat !== DAY_INPUT_FORMAT) return super.format(date, displayFormat as object);
    if (!this.isValid(date)) throw Error('BelgianDateAdapter: Cannot format invalid date.');
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
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
