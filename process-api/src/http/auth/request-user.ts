import type { Role } from '@werkbank/shared';

/** The authenticated caller, set on the request by the authentication middleware. */
export interface RequestUser {
  username: string;
  displayName: string;
  roles: Role[];
  groups: string[];
  teams: string[];
}

declare global {
  // Express merges its Request type with this global namespace.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: RequestUser;
      requestId?: string;
    }
  }
}
