import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { CurrentUser, LoginRequest, LoginResponse, Role } from '@werkbank/shared';
import { firstValueFrom } from 'rxjs';
import { TranslationService } from '../i18n/translation-service';

/** The signed-in user. The session itself lives in the httpOnly `wb_session` cookie; we only mirror who it is. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly i18n = inject(TranslationService);
  private readonly current = signal<CurrentUser | null>(null);
  private restoring: Promise<boolean> | null = null;

  readonly user = this.current.asReadonly();
  readonly isAuthenticated = computed(() => this.current() !== null);
  readonly isTeamLead = computed(() => this.hasRole('team-lead'));

  hasRole(role: Role): boolean {
    return this.current()?.roles.includes(role) ?? false;
  }

  async login(request: LoginRequest): Promise<CurrentUser> {
    const response = await firstValueFrom(this.http.post<LoginResponse>('/api/auth/login', request));
    this.signedIn(response.user);
    return response.user;
  }

  /**
   * Asks the server who owns the session cookie (after a reload); false when nobody is signed in. The cookie is
   * httpOnly, so a local hint says whether a session may exist: without it we do not ask, because the browser
   * itself logs every 401 as a console error, and a first visit would always start with one.
   */
  restore(): Promise<boolean> {
    if (this.current()) return Promise.resolve(true);
    if (!readHint()) return Promise.resolve(false);
    this.restoring ??= firstValueFrom(this.http.get<CurrentUser | { user: CurrentUser }>('/api/auth/me'))
      .then((body) => {
        // Accept both the bare user and the login-style `{user}` envelope.
        this.signedIn('user' in body ? body.user : body);
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof HttpErrorResponse && (error.status === 401 || error.status === 403)) {
          writeHint(false);
          return false;
        }
        throw error;
      })
      .finally(() => (this.restoring = null));
    return this.restoring;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>('/api/auth/logout', {}));
    } finally {
      this.current.set(null);
      writeHint(false);
    }
  }

  /** Forget the user locally, e.g. when the server answered 401 because the session expired. */
  forget(): void {
    this.current.set(null);
    writeHint(false);
  }

  private signedIn(user: CurrentUser): void {
    this.current.set(user);
    writeHint(true);
    this.i18n.applyDefault(user.language);
  }
}

const HINT_KEY = 'wb.session';

/** Only a hint (no secret): true after a sign-in in this browser, until logout or a 401. */
function readHint(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return true; // no storage: ask the server every time, as before
  }
}

function writeHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // Storage disabled: readHint() then always asks the server.
  }
}
