import type { LoginRequest, LoginResponse } from '@werkbank/shared';
import { DemoAccountDisabledError, InvalidCredentialsError } from '../../domain/auth/auth-errors';
import type { SessionStore, UserDirectory } from '../ports';
import type { LoginThrottle } from './login-throttle';
import { hashPassword, needsRehash, verifyPassword } from './password-hashing';
import { SESSION_TTL_MS, hashSessionToken, newSessionToken } from './session-token';

// Compared against when the user does not exist, so both failures take the same time.
const DUMMY_HASH = hashPassword('no such user');

export interface LoginDependencies {
  users: UserDirectory;
  sessions: SessionStore;
  production: boolean;
  /** Lock-out per account and address; without it (unit tests) there is none. */
  throttle?: LoginThrottle;
  now?: () => Date;
}

export class LoginUseCase {
  constructor(private readonly deps: LoginDependencies) {}

  async execute(request: LoginRequest, clientAddress: string | null = null): Promise<LoginResponse & { expiresAt: Date }> {
    const now = this.deps.now?.() ?? new Date();
    await this.deps.throttle?.assertAllowed(request.username, clientAddress, now);
    const credentials = await this.deps.users.findCredentials(request.username);
    const matches = await verifyPassword(request.password, credentials?.passwordHash ?? (await DUMMY_HASH));
    if (!credentials || !matches) {
      await this.deps.throttle?.failed(request.username, clientAddress, now);
      throw new InvalidCredentialsError();
    }
    if (credentials.demo && this.deps.production) throw new DemoAccountDisabledError();
    const user = await this.deps.users.findProfile(credentials.username);
    if (!user) throw new InvalidCredentialsError();
    await this.deps.throttle?.succeeded(request.username);
    // bcrypt hashes of earlier versions (and weaker scrypt parameters) are upgraded while the password is at hand
    if (credentials.passwordHash && needsRehash(credentials.passwordHash)) {
      await this.deps.users.updatePasswordHash(credentials.username, credentials.passwordHash, await hashPassword(request.password));
    }
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await this.deps.sessions.create(hashSessionToken(token), user.username, expiresAt);
    return { user, token, expiresAt };
  }
}
