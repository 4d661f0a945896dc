import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import type { Language } from '@werkbank/shared';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { LANGUAGES, TranslationService } from '../core/i18n/translation-service';

/** nl / fr / en menu; the choice is remembered in localStorage by the TranslationService. */
@Component({
  selector: 'wb-language-switch',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-button [matMenuTriggerFor]="menu" [attr.aria-label]="'lang.label' | translate" class="wb-lang-trigger">
      <mat-icon aria-hidden="true">translate</mat-icon>
      {{ i18n.language().toUpperCase() }}
    </button>
    <mat-menu #menu="matMenu">
      @for (language of languages; track language) {
        <button mat-menu-item (click)="choose(language)" [attr.aria-current]="language === i18n.language() ? 'true' : null" [attr.lang]="language">
          <mat-icon aria-hidden="true">{{ language === i18n.language() ? 'check' : '' }}</mat-icon>
          {{ 'lang.' + language | translate }}
        </button>
      }
    </mat-menu>
  `,
  styles: `.wb-lang-trigger { color: inherit; }`,
})
export class LanguageSwitch {
  protected readonly i18n = inject(TranslationService);
  protected readonly languages = LANGUAGES;

  choose(language: Language): void {
    this.i18n.setLanguage(language);
  }
}
