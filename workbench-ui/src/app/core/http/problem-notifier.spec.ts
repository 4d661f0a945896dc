import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { PROBLEM_CODES } from '@werkbank/shared';
import { TranslationService } from '../i18n/translation-service';
import { toProblem } from './problem';
import { ProblemNotifier } from './problem-notifier';

describe('ProblemNotifier', () => {
  const open = jest.fn();

  beforeEach(() => {
    open.mockReset();
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [{ provide: MatSnackBar, useValue: { open } }] });
    TestBed.inject(TranslationService).setLanguage('en');
  });

  it('should translate a known problem code', () => {
    // given
    const error = new HttpErrorResponse({ status: 409, error: { type: 'x', title: 'Conflict', status: 409, code: 'TASK_ALREADY_CLAIMED' } });
    // when
    TestBed.inject(ProblemNotifier).error(error);
    // then
    expect(open).toHaveBeenCalledWith('Someone else has already claimed this task.', 'Close', expect.anything());
  });

  it('should show a 403 in the language of the UI, not the server\'s English', () => {
    // given a team lead's assignment outside their teams, refused in English
    const error = new HttpErrorResponse({
      status: 403,
      error: { type: 'x', title: 'agent9 is not a member of any of your teams; ask their team lead or an administrator', status: 403, code: 'ASSIGNEE_NOT_IN_TEAM' },
    });
    const i18n = TestBed.inject(TranslationService);
    // when shown in Dutch and in French
    i18n.setLanguage('nl');
    TestBed.inject(ProblemNotifier).error(error);
    i18n.setLanguage('fr');
    TestBed.inject(ProblemNotifier).error(error);
    // then
    expect(open.mock.calls.map(([message]) => message)).toEqual([
      'Deze persoon zit niet in een van jouw teams. Vraag het aan hun teamleider of aan een beheerder.',
      'Cette personne ne fait partie d’aucune de vos équipes. Demandez à son chef d’équipe ou à un administrateur.',
    ]);
  });

  it('should translate every problem code of the API contract in every language', () => {
    // given
    const i18n = TestBed.inject(TranslationService);
    const notifier = TestBed.inject(ProblemNotifier);
    const serverTitle = 'the server wording';
    for (const language of ['nl', 'fr', 'en'] as const) {
      // when
      i18n.setLanguage(language);
      const untranslated = PROBLEM_CODES.filter((code) => notifier.describe({ type: 'x', title: serverTitle, status: 400, code }) === serverTitle);
      // then
      expect([language, untranslated]).toEqual([language, []]);
    }
  });

  it('should fall back to the server wording for an unknown code', () => {
    // given
    const error = new HttpErrorResponse({ status: 422, error: { type: 'x', title: 'Odd', status: 422, code: 'ODD', detail: 'Something odd' } });
    // when
    const problem = TestBed.inject(ProblemNotifier).error(error);
    // then
    expect(problem.code).toBe('ODD');
    expect(open).toHaveBeenCalledWith('Something odd', 'Close', expect.anything());
  });

  it('should describe a network failure', () => {
    expect(toProblem(new HttpErrorResponse({ status: 0 })).code).toBe('NETWORK');
  });
});
