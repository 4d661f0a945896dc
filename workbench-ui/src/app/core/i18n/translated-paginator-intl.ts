import { effect, inject, Injectable } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslationService } from './translation-service';

/** Paginator labels in the chosen language, re-announced to the paginator on every language switch. */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  private readonly i18n = inject(TranslationService);

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

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    const start = length === 0 ? 0 : page * pageSize + 1;
    const end = Math.min(length, (page + 1) * pageSize);
    return this.i18n.translate('paginator.range', { start, end, total: length });
  };
}
