import bcrypt from 'bcryptjs';
import type { LoginRequest, LoginResponse } from '@werkbank/shared';
import { DemoAccountDisabledError, InvalidCredentialsError } from '../../domain/auth/auth-errors';
import type { SessionStore, UserDirectory } from '../ports';
import { SESSION_TTL_MS, hashSessionToken, newSessionToken } from './session-token';

// Compared against when the user does not exist, so both failures take the same time.
const DUMMY_HASH = bcrypt.hashSync('no such user', 10);

export interface LoginDependencies {
  users: UserDirectory;
  sessions: SessionStore;
  production: boolean;
  now?: () => Date;
}

export class LoginUseCase {
  constructor(private readonly deps: LoginDependencies) {}

  async execute(request: LoginRequest): Promise<LoginResponse & { expiresAt: Date }> {
    const credentials = await this.deps.users.findCredentials(request.username);
    const matches = await bcrypt.compare(request.password, credentials?.passwordHash ?? DUMMY_HASH);
    if (!credentials || !matches) throw new InvalidCredentialsError();
    if (credentials.demo && this.deps.production) throw new DemoAccountDisabledError();
    const user = await this.deps.users.findProfile(credentials.username);
    if (!user) throw new InvalidCredentialsError();
    const token = newSessionToken();
    const expiresAt = new Date((this.deps.now?.() ?? new Date()).getTime() + SESSION_TTL_MS);
    await this.deps.sessions.create(hashSessionToken(token), user.username, expiresAt);
    return { user, token, expiresAt };
  }
}
