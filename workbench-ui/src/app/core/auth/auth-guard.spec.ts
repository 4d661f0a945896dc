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

  it('should start loading the page and its child page while the session is still being restored', async () => {
    // given a session check that has not answered yet, and a shell route with a lazy task list below it
    let answer: (signedIn: boolean) => void = () => undefined;
    restore.mockReturnValue(new Promise<boolean>((resolve) => (answer = resolve)));
    const loadShell = jest.fn(() => new Promise<never>(() => undefined));
    const loadTaskList = jest.fn(() => Promise.reject(new Error('offline')));
    const child = { routeConfig: { path: 'tasks/group', loadComponent: loadTaskList }, firstChild: null } as unknown as ActivatedRouteSnapshot;
    const shell = { routeConfig: { path: '', loadComponent: loadShell }, firstChild: child } as unknown as ActivatedRouteSnapshot;
    // when the guard runs
    const result = TestBed.runInInjectionContext(() => authGuard(shell, { url: '/tasks/group' } as RouterStateSnapshot)) as Promise<boolean | UrlTree>;
    // then both pages are being loaded before the session is known (a failing load is left to the router)
    expect(loadShell).toHaveBeenCalledTimes(1);
    expect(loadTaskList).toHaveBeenCalledTimes(1);
    answer(true);
    await expect(result).resolves.toBe(true);
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
