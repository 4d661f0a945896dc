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

  /** Asks the server who owns the session cookie (after a reload); false when nobody is signed in. */
  restore(): Promise<boolean> {
    if (this.current()) return Promise.resolve(true);
    this.restoring ??= firstValueFrom(this.http.get<CurrentUser | { user: CurrentUser }>('/api/auth/me'))
      .then((body) => {
        // Accept both the bare user and the login-style `{user}` envelope.
        this.signedIn('user' in body ? body.user : body);
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof HttpErrorResponse && (error.status === 401 || error.status === 403)) return false;
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
    }
  }

  /** Forget the user locally, e.g. when the server answered 401 because the session expired. */
  forget(): void {
    this.current.set(null);
  }

  private signedIn(user: CurrentUser): void {
    this.current.set(user);
    this.i18n.applyDefault(user.language);
  }
}
