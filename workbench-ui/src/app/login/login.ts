import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import type { AuthConfig } from '@werkbank/shared';
import { AuthService } from '../core/auth/auth-service';
import { toProblem } from '../core/http/problem';
import { ProblemNotifier } from '../core/http/problem-notifier';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { LanguageSwitch } from '../ui/language-switch';

const KNOWN_PROVIDER_ERRORS = ['OIDC_LOGIN_FAILED', 'OIDC_NO_ROLE', 'OIDC_ACCOUNT_CONFLICT', 'OIDC_PROVIDER_UNAVAILABLE'];

@Component({
  selector: 'wb-login',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslatePipe,
    LanguageSwitch,
  ],
  templateUrl: './login.html',
  styleUrl: './login.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Login {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly notifier = inject(ProblemNotifier);

  /** Where the guard sent us from (query parameter), so a reload after expiry lands on the same page. */
  readonly returnUrl = input<string>();
  readonly busy = signal(false);
  readonly formError = signal<string | null>(null);
  /** The stable code of a refused OpenID Connect login (`/login?error=OIDC_NO_ROLE`), set by the API's redirect. */
  readonly error = input<string>();
  readonly providerErrorKey = computed(() => {
    const code = this.error();
    if (!code) return null;
    return KNOWN_PROVIDER_ERRORS.includes(code) ? `login.oidcError.${code}` : 'login.oidcError.OIDC_LOGIN_FAILED';
  });
  /** Password form and/or "Sign in with <provider>", as the API says (the form alone until it has answered). */
  readonly config = signal<AuthConfig>({ localLogin: true, oidc: null });

  constructor() {
    inject(HttpClient)
      .get<AuthConfig>('/api/auth/config')
      .subscribe({ next: (config) => this.config.set(config), error: () => undefined });
  }
  readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.formError.set('login.required');
      return;
    }
    this.busy.set(true);
    this.formError.set(null);
    try {
      await this.auth.login(this.form.getRawValue());
      const target = this.returnUrl();
      await this.router.navigateByUrl(target && target.startsWith('/') && !target.startsWith('/login') ? target : '/tasks/mine');
    } catch (error: unknown) {
      const problem = toProblem(error);
      if (problem.status === 401 || problem.code === 'INVALID_CREDENTIALS') {
        this.formError.set('errors.INVALID_CREDENTIALS');
        this.form.controls.password.reset();
      } else {
        this.formError.set(null);
        this.notifier.error(error);
      }
    } finally {
      this.busy.set(false);
    }
  }
}
