import { registerLocaleData } from '@angular/common';
import { provideHttpClient, withFetch, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import localeEnBe from '@angular/common/locales/en-BE';
import localeFrBe from '@angular/common/locales/fr-BE';
import localeNlBe from '@angular/common/locales/nl-BE';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { appRoutes } from './app.routes';
import { sessionExpiryInterceptor } from './core/auth/session-expiry-interceptor';

registerLocaleData(localeNlBe);
registerLocaleData(localeFrBe);
registerLocaleData(localeEnBe);

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // Angular's XSRF interceptor echoes the API's readable `wb_csrf` cookie in `X-CSRF-Token` on every same-origin
    // POST/PUT/PATCH/DELETE (the API refuses cookie-authenticated writes without it)
    provideHttpClient(
      withFetch(),
      withInterceptors([sessionExpiryInterceptor]),
      withXsrfConfiguration({ cookieName: 'wb_csrf', headerName: 'X-CSRF-Token' }),
    ),
    provideRouter(appRoutes, withComponentInputBinding()),
    // The icon font is bundled from the `material-symbols` package (outlined set), not fetched from Google.
    provideAppInitializer(() => {
      inject(MatIconRegistry).setDefaultFontSetClass('material-symbols-outlined');
    }),
  ],
};
