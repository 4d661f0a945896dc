import { createHash } from 'node:crypto';
import { LoginThrottledError } from '../../domain/auth/auth-errors';

/** Where failure counters live (the database, so that several API processes agree). */
export interface LoginThrottleStore {
  /** The latest lock end among the subjects still locked at `now`, or null. */
  lockedUntil(subjects: string[], now: Date): Promise<Date | null>;
  /** Counts one failure in the subject's window; returns the lock end when this failure locks it. */
  recordFailure(subject: string, now: Date, windowMs: number, maxFailures: number, lockMs: number): Promise<Date | null>;
  reset(subject: string): Promise<void>;
}

export interface LoginThrottlePolicy {
  /** Failures of one account within the window that lock it (default 5). */
  accountMaxFailures: number;
  /** Failures from one client address within the window that block it (default 20: an office behind one NAT). */
  addressMaxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = { accountMaxFailures: 5, addressMaxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * Lock-out per account and per client address. Unknown user names are counted too (as accounts), so the answer
 * does not reveal which accounts exist. Addresses are hashed: the table holds no raw IP address.
 */
export class LoginThrottle {
  constructor(
    private readonly store: LoginThrottleStore,
    private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_THROTTLE,
  ) {}

  private subjects(username: string, address: string | null): { account: string; address: string | null } {
    return {
      account: `account:${username.toLowerCase()}`,
      address: address ? `ip:${createHash('sha256').update(address).digest('hex').slice(0, 32)}` : null,
    };
  }

  /** Throws LoginThrottledError while the account or the address is locked, before any password is checked. */
  async assertAllowed(username: string, address: string | null, now: Date): Promise<void> {
    const s = this.subjects(username, address);
    const until = await this.store.lockedUntil([s.account, ...(s.address ? [s.address] : [])], now);
    if (until) throw new LoginThrottledError(retryAfterSeconds(until, now));
  }

  async failed(username: string, address: string | null, now: Date): Promise<void> {
    const s = this.subjects(username, address);
    const { windowMs, lockMs } = this.policy;
    const locks = await Promise.all([
      this.store.recordFailure(s.account, now, windowMs, this.policy.accountMaxFailures, lockMs),
      s.address ? this.store.recordFailure(s.address, now, windowMs, this.policy.addressMaxFailures, lockMs) : null,
    ]);
    const until = locks.filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
    if (until) throw new LoginThrottledError(retryAfterSeconds(until, now));
  }

  /** A successful login clears the account's counter (not the address's: one good login must not hide a spray). */
  async succeeded(username: string): Promise<void> {
    await this.store.reset(this.subjects(username, null).account);
  }
}

function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
