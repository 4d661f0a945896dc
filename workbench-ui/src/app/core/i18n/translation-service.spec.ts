import { TestBed } from '@angular/core/testing';
import { MESSAGES_EN } from './messages-en';
import { MESSAGES_FR } from './messages-fr';
import { MESSAGES_NL } from './messages-nl';
import { browserLanguage, TranslationService } from './translation-service';

describe('TranslationService', () => {
  beforeEach(() => localStorage.clear());

  function create(): TranslationService {
    return TestBed.inject(TranslationService);
  }

  it('should translate a key with parameters in the chosen language', () => {
    // given
    const i18n = create();
    // when
    i18n.setLanguage('fr');
    // then
    expect(i18n.translate('tasks.total', { count: 3 })).toBe('3 tâches');
    expect(i18n.locale()).toBe('fr-BE');
  });

  it('should remember an explicit choice in localStorage', () => {
    // given
    const i18n = create();
    // when
    i18n.setLanguage('nl');
    // then
    expect(localStorage.getItem('wb.language')).toBe('nl');
    expect(i18n.translate('nav.mine')).toBe('Mijn taken');
    expect(document.documentElement.getAttribute('lang')).toBeDefined();
  });

  it('should start from the stored language and not let the profile language override it', () => {
    // given
    localStorage.setItem('wb.language', 'en');
    const i18n = create();
    // when
    i18n.applyDefault('fr');
    // then
    expect(i18n.language()).toBe('en');
  });

  it('should use the profile language when the user never chose one', () => {
    // given
    const i18n = create();
    // when
    i18n.applyDefault('fr');
    // then
    expect(i18n.language()).toBe('fr');
  });

  it('should return unknown keys unchanged', () => {
    expect(create().translate('no.such.key')).toBe('no.such.key');
  });

  it('should have the same keys and placeholders in every dictionary', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join();
    for (const dictionary of [MESSAGES_NL, MESSAGES_FR]) {
      expect(Object.keys(dictionary).sort()).toEqual(Object.keys(MESSAGES_EN).sort());
      for (const [key, text] of Object.entries(MESSAGES_EN)) {
        expect([key, placeholders(dictionary[key as keyof typeof MESSAGES_EN])]).toEqual([key, placeholders(text)]);
      }
    }
  });

  it('should start in the first preferred browser language we speak, else Dutch', () => {
    expect(browserLanguage(['de-DE', 'fr-BE', 'nl'])).toBe('fr');
    expect(browserLanguage(['en-GB'])).toBe('en');
    expect(browserLanguage(['de', 'es'])).toBe('nl');
    expect(browserLanguage([])).toBe('nl');
  });

  it('should prefer the saved choice over the browser language', () => {
    // given
    localStorage.setItem('wb.language', 'fr');
    // when
    const i18n = create();
    // then
    expect(i18n.language()).toBe('fr');
  });
});
