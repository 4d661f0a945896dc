import { effect, inject, Injectable } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslationService } from './translation-service';

/** Paginator labels in the chosen language, re-announced to the paginator on every language switch. */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  private readonly i18n = inject(TranslationService);
  /** The length is the server's bound, not the count ("1 – 25 of 1,000+"): more items match than were counted. */
  private lengthIsLowerBound = false;

  constructor() {
    super();
    effect(() => {
      this.i18n.language();
      this.itemsPerPageLabel = this.i18n.translate('paginator.itemsPerPage');
      this.nextPageLabel = this.i18n.translate('paginator.next');
      this.previousPageLabel = this.i18n.translate('paginator.previous');
      this.firstPageLabel = this.i18n.translate('paginator.first');
      this.lastPageLabel = this.i18n.translate('paginator.last');
      this.changes.next();
    });
  }

  /** Whether the paginator's length is exact or only "at least"; the label is shown again when it changes. */
  setLengthIsLowerBound(lowerBound: boolean): void {
    if (lowerBound === this.lengthIsLowerBound) return;
    this.lengthIsLowerBound = lowerBound;
    this.changes.next();
  }

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    const start = length === 0 ? 0 : page * pageSize + 1;
    const end = Math.min(length, (page + 1) * pageSize);
    const number = new Intl.NumberFormat(this.i18n.locale());
    const key = this.lengthIsLowerBound ? 'paginator.rangeAtLeast' : 'paginator.range';
    return this.i18n.translate(key, { start: number.format(start), end: number.format(end), total: number.format(length) });
  };
}
