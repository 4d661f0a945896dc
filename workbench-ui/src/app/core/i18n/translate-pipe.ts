import { inject, Pipe, PipeTransform } from '@angular/core';
import { MessageKey } from './messages-en';
import { TranslationParams, TranslationService } from './translation-service';

/** Impure on purpose: it reads the language signal, so a language switch re-renders every label. */
@Pipe({ name: 'translate', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(TranslationService);

  transform(key: MessageKey | string, params?: TranslationParams): string {
    return this.i18n.translate(key, params);
  }
}
