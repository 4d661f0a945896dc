import { registerLocaleData } from '@angular/common';
import localeFrBe from '@angular/common/locales/fr-BE';
import localeNlBe from '@angular/common/locales/nl-BE';
import { TestBed } from '@angular/core/testing';
import { AmountPipe, LocalDatePipe } from './locale-format-pipes';
import { TranslationService } from './translation-service';

describe('AmountPipe and LocalDatePipe', () => {
  beforeAll(() => {
    registerLocaleData(localeNlBe);
    registerLocaleData(localeFrBe);
  });

  function pipes() {
    TestBed.configureTestingModule({ providers: [AmountPipe, LocalDatePipe] });
    return { amount: TestBed.inject(AmountPipe), date: TestBed.inject(LocalDatePipe), i18n: TestBed.inject(TranslationService) };
  }

  it('should format decimal-string amounts as euro in the chosen locale', () => {
    // given
    const { amount, i18n } = pipes();
    // when
    i18n.setLanguage('nl');
    // then
    expect(amount.transform('1234.5').replace(/\s/g, ' ')).toBe('€ 1.234,50');
    expect(amount.transform(null)).toBe('—');
  });

  it('should format dates in the chosen locale', () => {
    // given
    const { date, i18n } = pipes();
    // when
    i18n.setLanguage('fr');
    // then
    expect(date.transform('2026-03-09')).toMatch(/9 mars 2026/);
  });
});
