import { effect, inject, Injectable } from '@angular/core';
import { MatDatepickerIntl } from '@angular/material/datepicker';
import { TranslationService } from './translation-service';

/** Datepicker button and calendar labels in the chosen language (month and day names come from the date locale). */
@Injectable()
export class TranslatedDatepickerIntl extends MatDatepickerIntl {
  private readonly i18n = inject(TranslationService);

  constructor() {
    super();
    effect(() => {
      this.i18n.language();
      this.openCalendarLabel = this.i18n.translate('datepicker.open');
      this.closeCalendarLabel = this.i18n.translate('datepicker.close');
      this.calendarLabel = this.i18n.translate('datepicker.calendar');
      this.prevMonthLabel = this.i18n.translate('datepicker.prevMonth');
      this.nextMonthLabel = this.i18n.translate('datepicker.nextMonth');
      this.prevYearLabel = this.i18n.translate('datepicker.prevYear');
      this.nextYearLabel = this.i18n.translate('datepicker.nextYear');
      this.prevMultiYearLabel = this.i18n.translate('datepicker.prevYears');
      this.nextMultiYearLabel = this.i18n.translate('datepicker.nextYears');
      this.switchToMonthViewLabel = this.i18n.translate('datepicker.chooseDate');
      this.switchToMultiYearViewLabel = this.i18n.translate('datepicker.chooseMonthYear');
      this.changes.next();
    });
  }
}
