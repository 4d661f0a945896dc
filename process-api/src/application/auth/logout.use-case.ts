import type { SessionStore } from '../ports';
import { hashSessionToken } from './session-token';

export class LogoutUseCase {
  constructor(private readonly sessions: SessionStore) {}

  async execute(token: string): Promise<void> {
    await this.sessions.delete(hashSessionToken(token));
  }
}
