import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, Router } from '@angular/router';
import { TranslationService } from '../core/i18n/translation-service';
import { Login } from './login';

describe('Login', () => {
  let fixture: ComponentFixture<Login>;
  let http: HttpTestingController;
  const open = jest.fn();

  beforeEach(() => {
    localStorage.clear();
    open.mockReset();
    TestBed.configureTestingModule({
      imports: [Login],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideNoopAnimations(), { provide: MatSnackBar, useValue: { open } }],
    });
    TestBed.inject(TranslationService).setLanguage('en');
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Login);
    fixture.detectChanges();
    // The page asks what it offers; these tests run with the password form alone.
    http.expectOne('/api/auth/config').flush({ localLogin: true, oidc: null });
  });

  /** A second login page, for an installation whose API answers `config`. */
  function pageWith(config: unknown, error?: string): ComponentFixture<Login> {
    const page = TestBed.createComponent(Login);
    if (error) page.componentRef.setInput('error', error);
    page.detectChanges();
    http.expectOne('/api/auth/config').flush(config);
    page.detectChanges();
    return page;
  }

  it('should offer the provider beside the password form when OpenID Connect is on', () => {
    // given an installation with OpenID Connect and passwords
    // when the page opens
    const page = pageWith({ localLogin: true, oidc: { providerName: 'RSZ-ONSS', loginUrl: '/api/auth/oidc/login' } });
    // then a link to the API's login route, and the form
    const link: HTMLAnchorElement = page.nativeElement.querySelector('a.wb-login-oidc');
    expect(link.textContent).toContain('Sign in with RSZ-ONSS');
    expect(link.getAttribute('href')).toBe('/api/auth/oidc/login');
    expect(page.nativeElement.querySelector('form')).not.toBeNull();
  });

  it('should show only the provider when password login is disabled, with the refusal it came back with', () => {
    // given passwords are off and the provider's user had no Werkbank role
    // when the page opens at /login?error=OIDC_NO_ROLE
    const page = pageWith({ localLogin: false, oidc: { providerName: 'RSZ-ONSS', loginUrl: '/api/auth/oidc/login' } }, 'OIDC_NO_ROLE');
    // then no password form, and the reason in words
    expect(page.nativeElement.querySelector('form')).toBeNull();
    expect(page.nativeElement.querySelector('[role="alert"]')?.textContent).toContain('has no Werkbank role');
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
  }

  function fill(username: string, password: string): void {
    fixture.componentInstance.form.setValue({ username, password });
  }

  it('should show a clear message on 401 and empty the password', async () => {
    // given
    fill('agent1', 'wrong');
    // when
    const submitting = fixture.componentInstance.submit();
    http.expectOne('/api/auth/login').flush(
      { type: 'x', title: 'Invalid', status: 401, code: 'INVALID_CREDENTIALS' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await submitting;
    await settle();
    // then
    expect(fixture.nativeElement.querySelector('[role="alert"]')?.textContent).toContain('Unknown username or wrong password.');
    expect(fixture.componentInstance.form.controls.password.value).toBe('');
    expect(open).not.toHaveBeenCalled();
  });

  it('should sign in and go to the return url', async () => {
    // given
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture.componentRef.setInput('returnUrl', '/tasks/group');
    fill('agent1', 'werkbank');
    // when
    const submitting = fixture.componentInstance.submit();
    http.expectOne('/api/auth/login').flush({
      user: { username: 'agent1', displayName: 'An', roles: ['agent'], groups: [], teams: [], language: 'nl' },
      token: 't',
    });
    await submitting;
    // then
    expect(navigate).toHaveBeenCalledWith('/tasks/group');
  });

  it('should not call the server when a field is empty', async () => {
    // given
    fill('agent1', '');
    // when
    await fixture.componentInstance.submit();
    await settle();
    // then
    http.expectNone('/api/auth/login');
    expect(fixture.nativeElement.textContent).toContain('Enter your username and password.');
  });

  it('should submit with Enter through the form', async () => {
    // given
    fill('agent1', 'werkbank');
    // when
    const form: HTMLFormElement = fixture.nativeElement.querySelector('form');
    form.dispatchEvent(new Event('submit'));
    // then
    http.expectOne('/api/auth/login').flush({ type: 'x', title: 'Invalid', status: 401, code: 'INVALID_CREDENTIALS' }, { status: 401, statusText: 'Unauthorized' });
    await settle();
  });
});
