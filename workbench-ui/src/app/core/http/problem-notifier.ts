import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Problem } from '@werkbank/shared';
import { MessageKey } from '../i18n/messages-en';
import { TranslationParams, TranslationService } from '../i18n/translation-service';
import { toProblem } from './problem';

/** Turns API problems into one readable sentence in the user's language and shows messages in a snack bar. */
@Injectable({ providedIn: 'root' })
export class ProblemNotifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(TranslationService);

  describe(problem: Problem): string {
    const key = `errors.${problem.code}`;
    if (this.i18n.has(key)) return this.i18n.translate(key, { status: problem.status });
    // An unknown code: the server's own wording is better than a generic sentence.
    return problem.detail ?? problem.title ?? this.i18n.translate('errors.UNKNOWN', { status: problem.status });
  }

  error(error: unknown): Problem {
    const problem = toProblem(error);
    this.snackBar.open(this.describe(problem), this.i18n.translate('app.close'), { duration: 8000, politeness: 'assertive', panelClass: 'wb-snack-error' });
    return problem;
  }

  info(key: MessageKey, params?: TranslationParams): void {
    this.snackBar.open(this.i18n.translate(key, params), undefined, { duration: 4000 });
  }
}
