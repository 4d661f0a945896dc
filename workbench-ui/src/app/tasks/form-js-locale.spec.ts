import { datepickerLocale, localizeDatepickers, localizeSelects, parseDayFirst, translateFormMessage, validationTranslationModule } from './form-js-locale';

describe('form-js-locale', () => {
  const translate = (key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`;

  it('should translate form-js validation messages it knows and keep the others', () => {
    expect(translateFormMessage('Field is required.', translate)).toBe('form.required');
    expect(translateFormMessage('Field must have minimum value of 10.', translate)).toBe('form.min{"value":"10"}');
    expect(translateFormMessage('Something new.', translate)).toBe('Something new.');
  });

  it('should wrap the validator of a form through a didi module', () => {
    // given
    const validator = { validateField: () => ['Field is required.'], validateFieldInstance: () => ['Field must be a valid email.'] };
    const module = validationTranslationModule(translate) as { wbTranslatedValidation: [string, new (v: typeof validator) => unknown] };
    // when
    new module.wbTranslatedValidation[1](validator);
    // then
    expect(validator.validateField()).toEqual(['form.required']);
    expect(validator.validateFieldInstance()).toEqual(['form.email']);
  });

  it('should parse typed days day first and refuse impossible ones', () => {
    expect(parseDayFirst('07/02/2028')?.toDateString()).toBe(new Date(2028, 1, 7).toDateString());
    expect(parseDayFirst('31/02/2026')).toBeNull();
    expect(parseDayFirst('2/31/2026')).toBeNull();
  });

  it("should start the date picker's weeks on Monday in every language, as in Belgium, with the language's names", () => {
    // given flatpickr's Dutch and French locales (Monday first) and its default English one (Sunday first)
    const Dutch = { firstDayOfWeek: 1, weekdays: { shorthand: ['zo'] } };
    const French = { firstDayOfWeek: 1, weekdays: { shorthand: ['dim'] } };
    // then
    expect(datepickerLocale('nl', { Dutch, French })).toBe(Dutch);
    expect(datepickerLocale('fr', { Dutch, French })).toBe(French);
    // English names (flatpickr fills in its default locale), Monday first
    expect(datepickerLocale('en', { Dutch, French })).toEqual({ firstDayOfWeek: 1 });
  });

  it('should re-configure flatpickr instances once per language', () => {
    // given
    const root = document.createElement('div');
    const input = document.createElement('input') as HTMLInputElement & { _flatpickr?: unknown };
    const set = jest.fn();
    input._flatpickr = { set, config: { dateFormat: 'n/j/Y' } };
    root.append(input);
    // when
    const first = localizeDatepickers(root, { placeholder: 'dd/mm/jjjj', locale: { nl: true } });
    const again = localizeDatepickers(root, { placeholder: 'dd/mm/jjjj', locale: { nl: true } });
    // then
    expect([first, again]).toEqual([1, 0]);
    expect(set).toHaveBeenCalledWith('dateFormat', 'd/m/Y');
    expect(input.placeholder).toBe('dd/mm/jjjj');
  });

  it('should put the app\'s words in place of form-js\'s English select texts, also after a language switch', () => {
    // given an empty select and a searchable one as form-js renders them
    const root = document.createElement('div');
    root.innerHTML = `
      <div class="fjs-form-field fjs-form-field-select"><div class="fjs-input-group">
        <div class="fjs-select-display fjs-select-placeholder">Select</div><input class="fjs-select-hidden-input" /></div></div>
      <div class="fjs-form-field fjs-form-field-select"><div class="fjs-input-group">
        <input class="fjs-input" type="text" placeholder="Search" /></div><div class="fjs-dropdownlist-empty">No results</div></div>`;
    const display = root.querySelector('.fjs-select-display') as HTMLElement;
    const text = display.firstChild as Text;
    const search = root.querySelector('input.fjs-input') as HTMLInputElement;
    const dutch = { Select: 'Selecteer', Search: 'Zoeken', 'No results': 'Geen resultaten' };
    // when
    const changed = localizeSelects(root, dutch);
    // then the same text node (Preact keeps writing to it) reads Dutch
    expect(changed).toBe(3);
    expect([display.firstChild === text, text.data, search.placeholder]).toEqual([true, 'Selecteer', 'Zoeken']);
    expect(root.querySelector('.fjs-dropdownlist-empty')?.textContent).toBe('Geen resultaten');
    expect(localizeSelects(root, dutch)).toBe(0);
    // when the user switches to French
    localizeSelects(root, { Select: 'Sélectionner', Search: 'Rechercher', 'No results': 'Aucun résultat' });
    // then
    expect([text.data, search.placeholder]).toEqual(['Sélectionner', 'Rechercher']);
    // when form-js writes its own English again (the choice was cleared), it is translated again
    text.data = 'Select';
    localizeSelects(root, dutch);
    expect(text.data).toBe('Selecteer');
  });

  it('should leave a chosen value of a select alone', () => {
    // given a select with a value (no placeholder class)
    const root = document.createElement('div');
    root.innerHTML = '<div class="fjs-select-display">Select</div>';
    // when
    const changed = localizeSelects(root, { Select: 'Selecteer' });
    // then
    expect([changed, root.textContent]).toEqual([0, 'Select']);
  });
});
