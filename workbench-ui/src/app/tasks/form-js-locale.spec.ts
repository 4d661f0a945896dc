import { localizeDatepickers, parseDayFirst, translateFormMessage, validationTranslationModule } from './form-js-locale';

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
});
