import { DOCUMENT } from '@angular/common';
import { computed, effect, inject, Injectable, signal } from '@angular/core';
import type { Language } from '@werkbank/shared';
import { formatMessage } from './message-format';
import { MESSAGES_EN, MessageKey, Messages } from './messages-en';
import { MESSAGES_FR } from './messages-fr';
import { MESSAGES_NL } from './messages-nl';

export const LANGUAGES: readonly Language[] = ['nl', 'fr', 'en'];
const STORAGE_KEY = 'wb.language';
const DICTIONARIES: Record<Language, Messages> = { nl: MESSAGES_NL, fr: MESSAGES_FR, en: MESSAGES_EN };
/** Belgian locales so that amounts and dates read the way our users expect (registered in app.config). */
const LOCALES: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-BE' };

export type TranslationParams = Record<string, string | number | null | undefined>;

/** Runtime translation: the language is a signal, so templates re-render when it changes. */
@Injectable({ providedIn: 'root' })
export class TranslationService {
  private readonly document = inject(DOCUMENT);
  private readonly stored = readStoredLanguage();
  private readonly current = signal<Language>(this.stored ?? browserLanguage());

  readonly language = this.current.asReadonly();
  readonly locale = computed(() => LOCALES[this.current()]);

  constructor() {
    effect(() => this.document.documentElement.setAttribute('lang', this.current()));
  }

  /** An explicit choice by the user: remembered across sessions. */
  setLanguage(language: Language): void {
    this.current.set(language);
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Storage can be disabled (private mode); the choice then lasts for this page only.
    }
  }

  /** The user's profile language applies only as long as they have not chosen one themselves. */
  applyDefault(language: Language): void {
    if (readStoredLanguage() === null) this.current.set(language);
  }

  has(key: string): key is MessageKey {
    return key in MESSAGES_EN;
  }

  translate(key: MessageKey | string, params?: TranslationParams): string {
    const dictionary = DICTIONARIES[this.current()];
    const template = this.has(key) ? dictionary[key] : key;
    // Plural and select arguments need the parameters; a template without any braces is returned as is.
    return params || template.includes('{') ? formatMessage(template, params, LOCALES[this.current()]) : template;
  }
}

function readStoredLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value && (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : null;
  } catch {
    return null;
  }
}

/** The first of the browser's preferred languages that we speak (nl-BE, fr, en-GB...), else Dutch. */
export function browserLanguage(preferred: readonly string[] = navigatorLanguages()): Language {
  for (const tag of preferred) {
    const language = tag.slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(language)) return language as Language;
  }
  return 'nl';
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}
