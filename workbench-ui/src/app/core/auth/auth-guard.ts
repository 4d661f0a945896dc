import { inject } from '@angular/core';
import { ActivatedRouteSnapshot, CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth-service';

/**
 * Starts loading the code of the page being entered (this route and its children), which the router would only ask
 * for once the guard answered: on a reload it downloads and compiles while the session is being restored. The router
 * gets the same modules when it loads them itself; a failure is its to report.
 */
function preloadPages(route: ActivatedRouteSnapshot): void {
  for (let r: ActivatedRouteSnapshot | null = route; r; r = r.firstChild) {
    const loading = r.routeConfig?.loadComponent?.();
    if (loading instanceof Promise) loading.catch(() => undefined);
  }
}

/** Lets signed-in users through; restores the session on reload; everyone else goes to /login. */
export const authGuard: CanActivateFn = async (route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const restoring = auth.restore(); // the session check goes out first: it decides, the page code only overlaps it
  preloadPages(route);
  const signedIn = await restoring.catch(() => false);
  return signedIn ? true : router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** The login page is pointless once signed in. */
export const guestGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const signedIn = await auth.restore().catch(() => false);
  return signedIn ? router.createUrlTree(['/tasks/mine']) : true;
};
