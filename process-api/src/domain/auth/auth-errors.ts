/** One answer for an unknown user and a wrong password, so the login does not reveal which accounts exist. */
export class InvalidCredentialsError extends Error {
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    super('Unknown user name or wrong password');
    this.name = 'InvalidCredentialsError';
  }
}

export class DemoAccountDisabledError extends Error {
  readonly code = 'DEMO_ACCOUNT_DISABLED';
  constructor() {
    super('Demo accounts cannot log in to a production installation');
    this.name = 'DemoAccountDisabledError';
  }
}

/** Too many failed logins for the account or from the address: refused, even with the right password, until the lock ends. */
export class LoginThrottledError extends Error {
  readonly code = 'TOO_MANY_LOGIN_ATTEMPTS';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed logins; try again in ${retryAfterSeconds} seconds`);
    this.name = 'LoginThrottledError';
  }
}
