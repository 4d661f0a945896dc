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
    // given
    const restoring = auth.restore();
    // when
    http.expectOne('/api/auth/me').flush(AGENT);
    // then
    await expect(restoring).resolves.toBe(true);
    expect(auth.isAuthenticated()).toBe(true);
    expect(auth.isTeamLead()).toBe(false);
  });

  it('should report no session when /api/auth/me answers 401', async () => {
    // given
    const restoring = auth.restore();
    // when
    http.expectOne('/api/auth/me').flush({ code: 'UNAUTHENTICATED', title: 'No' }, { status: 401, statusText: 'Unauthorized' });
    // then
    await expect(restoring).resolves.toBe(false);
    expect(auth.user()).toBeNull();
  });

  it('should forget the user on logout', async () => {
    // given
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
