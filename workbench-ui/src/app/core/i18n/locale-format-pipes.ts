import { formatCurrency, formatDate } from '@angular/common';
import { inject, Pipe, PipeTransform } from '@angular/core';
import { TranslationService } from './translation-service';

/** Euro amounts arrive as decimal strings ("1234.56"); formatted in the chosen locale. */
@Pipe({ name: 'wbAmount', pure: false })
export class AmountPipe implements PipeTransform {
  private readonly i18n = inject(TranslationService);

  transform(amount: string | null | undefined): string {
    if (amount === null || amount === undefined || amount === '') return '—';
    const value = Number(amount);
    if (Number.isNaN(value)) return amount;
    return formatCurrency(value, this.i18n.locale(), '€', 'EUR', '1.2-2');
  }
}

/** Dates (ISO strings) in the chosen locale; `withTime` for timeline entries. */
@Pipe({ name: 'wbDate', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly i18n = inject(TranslationService);

  transform(value: string | null | undefined, withTime = false): string {
    if (!value) return '—';
    const locale = this.i18n.locale();
    const date = formatDate(value, 'mediumDate', locale);
    return withTime ? `${date} ${formatDate(value, 'shortTime', locale)}` : date;
  }
}
