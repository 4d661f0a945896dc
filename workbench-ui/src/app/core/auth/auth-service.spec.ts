import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CurrentUser } from '@werkbank/shared';
import { TranslationService } from '../i18n/translation-service';
import { AuthService } from './auth-service';

export const AGENT: CurrentUser = {
  username: 'agent1',
  displayName: 'An Peeters',
  roles: ['agent'],
  groups: ['recovery-agents'],
  teams: ['recovery-north'],
  language: 'fr',
};

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('should sign in and take over the profile language', async () => {
    // given
    const login = auth.login({ username: 'agent1', password: 'werkbank' });
    // when
    const request = http.expectOne('/api/auth/login');
    request.flush({ user: AGENT, token: 't' });
    await login;
    // then
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ username: 'agent1', password: 'werkbank' });
    expect(auth.user()?.displayName).toBe('An Peeters');
    expect(TestBed.inject(TranslationService).language()).toBe('fr');
  });

  it('should restore the session from /api/auth/me', async () => {
    // given a browser that signed in before
    localStorage.setItem('wb.session', '1');
    const restoring = auth.restore();
    // when
    http.expectOne('/api/auth/me').flush(AGENT);
    // then
    await expect(restoring).resolves.toBe(true);
    expect(auth.isAuthenticated()).toBe(true);
    expect(auth.isTeamLead()).toBe(false);
  });

  it('should report no session when /api/auth/me answers 401, and not ask again', async () => {
    // given
    localStorage.setItem('wb.session', '1');
    const restoring = auth.restore();
    // when
    http.expectOne('/api/auth/me').flush({ code: 'UNAUTHENTICATED', title: 'No' }, { status: 401, statusText: 'Unauthorized' });
    // then
    await expect(restoring).resolves.toBe(false);
    expect(auth.user()).toBeNull();
    await expect(auth.restore()).resolves.toBe(false);
    http.expectNone('/api/auth/me');
  });

  it('should not ask the server on a first visit, so the browser logs no 401', async () => {
    // when
    const restored = await auth.restore();
    // then
    expect(restored).toBe(false);
    http.expectNone('/api/auth/me');
  });

  it('should remember a sign-in for the next visit and forget it on logout', async () => {
    // given
    const login = auth.login({ username: 'agent1', password: 'werkbank' });
    http.expectOne('/api/auth/login').flush({ user: AGENT, token: 't' });
    await login;
    expect(localStorage.getItem('wb.session')).toBe('1');
    // when
    const logout = auth.logout();
    http.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    await logout;
    // then
    expect(localStorage.getItem('wb.session')).toBeNull();
  });

  it('should forget the user on logout', async () => {
    // given
    localStorage.setItem('wb.session', '1');
    const restoring = auth.restore();
    http.expectOne('/api/auth/me').flush(AGENT);
    await restoring;
    // when
    const logout = auth.logout();
    http.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    await logout;
    // then
    expect(auth.user()).toBeNull();
  });
});
