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
