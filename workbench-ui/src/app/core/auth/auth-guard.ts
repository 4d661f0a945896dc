import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth-service';

/** Lets signed-in users through; restores the session on reload; everyone else goes to /login. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const signedIn = await auth.restore().catch(() => false);
  return signedIn ? true : router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** The login page is pointless once signed in. */
export const guestGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const signedIn = await auth.restore().catch(() => false);
  return signedIn ? router.createUrlTree(['/tasks/mine']) : true;
};
