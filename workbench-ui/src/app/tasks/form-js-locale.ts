import type { TranslationParams } from '../core/i18n/translation-service';

/**
 * form-js 1.23 has no translation service: its validation messages are English literals in its Validator, and
 * its datepicker formats dates in the browser's default locale (mm/dd/yyyy in an en-US browser) with a flatpickr
 * that rolls "31/02/2026" over into another date. This file adapts both from the outside, without forking it.
 */
export type Translate = (key: string, params?: TranslationParams) => string;

const MESSAGES: readonly [RegExp, string, string?][] = [
  [/^Field is required\.$/, 'form.required'],
  [/^Field must have minimum value of (.+)\.$/, 'form.min', 'value'],
  [/^Field must have maximum value of (.+)\.$/, 'form.max', 'value'],
  [/^Field must have minimum length of (.+)\.$/, 'form.minLength', 'value'],
  [/^Field must have maximum length of (.+)\.$/, 'form.maxLength', 'value'],
  [/^Value is not a number\.$/, 'form.notNumber'],
  [/^Field must be a valid email\.$/, 'form.email'],
  [/^Field must match pattern (.+)\.$/, 'form.pattern'],
];

/** One of form-js's English messages in the user's language; messages we do not know pass unchanged. */
export function translateFormMessage(message: string, translate: Translate): string {
  for (const [pattern, key, param] of MESSAGES) {
    const match = pattern.exec(message);
    if (match) return translate(key, param ? { [param]: match[1] } : undefined);
  }
  return message;
}

interface Validator {
  validateField(field: unknown, value: unknown): string[];
  validateFieldInstance(fieldInstance: unknown, value: unknown): string[];
}

/** A didi module for `additionalModules`: wraps form-js's `validator` so that its messages are translated. */
export function validationTranslationModule(translate: Translate): Record<string, unknown> {
  class TranslatedValidation {
    static $inject = ['validator'];
    constructor(validator: Validator) {
      const field = validator.validateField.bind(validator);
      const instance = validator.validateFieldInstance.bind(validator);
      validator.validateField = (f, value) => field(f, value).map((message) => translateFormMessage(message, translate));
      validator.validateFieldInstance = (f, value) => instance(f, value).map((message) => translateFormMessage(message, translate));
    }
  }
  return { __init__: ['wbTranslatedValidation'], wbTranslatedValidation: ['type', TranslatedValidation] };
}

/** A typed day, d/m/yyyy (also with - or .); null when it is not a real calendar day. */
export function parseDayFirst(text: string): Date | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

interface Flatpickr {
  set(option: string, value: unknown): void;
  config: { dateFormat: string };
}

/**
 * flatpickr's locale for the UI language: its Dutch and French ones, and for English its default (English names) with
 * the week starting on Monday, as everywhere in Belgium (the default starts on Sunday).
 */
export function datepickerLocale<L>(language: 'nl' | 'fr' | 'en', locales: { Dutch: L; French: L }): L | { firstDayOfWeek: number } {
  return language === 'nl' ? locales.Dutch : language === 'fr' ? locales.French : { firstDayOfWeek: 1 };
}

export interface DatepickerOptions {
  placeholder: string;
  /** flatpickr's locale object (month and day names), from flatpickr/dist/esm/l10n. */
  locale: unknown;
}

/**
 * Re-configures the flatpickr instances form-js created under `root`: dd/mm/yyyy whatever the browser, day
 * names in the app language, and strict parsing (an impossible day empties the field, so a required field is
 * reported, instead of becoming another date). Returns the number of pickers changed.
 */
export function localizeDatepickers(root: HTMLElement, options: DatepickerOptions): number {
  let changed = 0;
  for (const input of Array.from(root.querySelectorAll<HTMLInputElement & { _flatpickr?: Flatpickr }>('input'))) {
    const picker = input._flatpickr;
    if (!picker || input.dataset['wbLocalized'] === options.placeholder) continue;
    picker.set('locale', options.locale);
    picker.set('parseDate', (text: string) => parseDayFirst(text) ?? undefined);
    picker.set('dateFormat', 'd/m/Y');
    input.placeholder = options.placeholder;
    input.dataset['wbLocalized'] = options.placeholder;
    changed++;
  }
  return changed;
}

/**
 * form-js 1.23 writes the texts of its selects and tag lists as English literals ("Select" in an empty select,
 * "Search" in a searchable one, "No results" in an empty option list). `literals` maps each to the user's language.
 * The text node is changed in place, because Preact keeps writing the next value into it; what we wrote is
 * remembered, so that a language switch starts again from the English. Returns the number of texts changed.
 */
export function localizeSelects(root: HTMLElement, literals: Readonly<Record<string, string>>): number {
  let changed = 0;
  for (const element of Array.from(root.querySelectorAll<HTMLElement>('.fjs-select-placeholder, .fjs-dropdownlist-empty'))) {
    const text = element.firstChild;
    if (text instanceof Text && relabel(element, text.data, literals, (shown) => (text.data = shown))) changed++;
  }
  for (const input of Array.from(root.querySelectorAll<HTMLInputElement>('.fjs-form-field-select input[placeholder], .fjs-form-field-taglist input[placeholder]'))) {
    if (relabel(input, input.placeholder, literals, (shown) => (input.placeholder = shown))) changed++;
  }
  return changed;
}

function relabel(element: HTMLElement, current: string, literals: Readonly<Record<string, string>>, write: (shown: string) => void): boolean {
  // Our own text still showing: translate its English original; anything else was written by form-js.
  const english = current === element.dataset['wbShown'] ? (element.dataset['wbLiteral'] ?? current) : current;
  const shown = literals[english];
  if (shown === undefined || shown === current) return false;
  element.dataset['wbLiteral'] = english;
  element.dataset['wbShown'] = shown;
  write(shown);
  return true;
}
