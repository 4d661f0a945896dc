import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
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
