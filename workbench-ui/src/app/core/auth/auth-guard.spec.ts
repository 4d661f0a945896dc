import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, provideRouter, Router, RouterStateSnapshot, UrlTree } from '@angular/router';
import { authGuard, guestGuard } from './auth-guard';
import { AuthService } from './auth-service';

describe('authGuard and guestGuard', () => {
  const restore = jest.fn<Promise<boolean>, []>();

  beforeEach(() => {
    restore.mockReset();
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: AuthService, useValue: { restore } }] });
  });

  function run(guard: typeof authGuard, url = '/tasks/group') {
    return TestBed.runInInjectionContext(() => guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot));
  }

  it('should send an anonymous visitor to /login with the return url', async () => {
    // given
    restore.mockResolvedValue(false);
    // when
    const result = await run(authGuard);
    // then
    expect(result).toBeInstanceOf(UrlTree);
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe('/login?returnUrl=%2Ftasks%2Fgroup');
  });

  it('should let a signed-in user through', async () => {
    // given
    restore.mockResolvedValue(true);
    // when / then
    await expect(run(authGuard)).resolves.toBe(true);
  });

  it('should treat a failing session check as signed out', async () => {
    // given
    restore.mockRejectedValue(new Error('network'));
    // when
    const result = await run(authGuard);
    // then
    expect(result).toBeInstanceOf(UrlTree);
  });

  it('should send a signed-in user away from the login page', async () => {
    // given
    restore.mockResolvedValue(true);
    // when
    const result = await run(guestGuard, '/login');
    // then
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe('/tasks/mine');
  });
});
