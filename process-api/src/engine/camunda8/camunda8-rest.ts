/*
 * The HTTP side of the Camunda 8 adapter: one @camunda8/sdk CamundaRestClient (its authentication, retries and
 * base URL come from the SDK's usual environment variables or a config object), JSON calls through its generic
 * `callApiEndpoint`, paged searches, and Camunda's problem answers turned into the port's EngineError.
 */
import { Camunda8, type CamundaRestClient } from '@camunda8/sdk';
import { EngineError, type EngineErrorCode } from '../process-engine';

export type { CamundaRestClient };
/** The SDK's configuration object (the same keys as its environment variables). */
export type Camunda8Config = NonNullable<ConstructorParameters<typeof Camunda8>[0]>;

/** A Camunda search answer (8.8: `items` and `page.totalItems`). */
export interface SearchPage<T> {
  items: T[];
  page?: { totalItems?: number };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The SDK's client configured as every Camunda tool is: `config` entries win over the environment
 * (ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY, CAMUNDA_BASIC_AUTH_USERNAME/PASSWORD, ZEEBE_CLIENT_ID/SECRET,
 * CAMUNDA_OAUTH_URL, ZEEBE_TOKEN_AUDIENCE, CAMUNDA_TENANT_ID...).
 */
export function camundaRestClient(config: Camunda8Config = {}): CamundaRestClient {
  return new Camunda8({ CAMUNDA_LOG_LEVEL: 'none', ...config }).getCamundaRestClient();
}

/** Status of an SDK error (its HTTPError carries the problem's `status`), 0 when the call never got an answer. */
export function statusOf(error: unknown): number {
  if (!error || typeof error !== 'object') return 0;
  const e = error as { statusCode?: unknown; response?: { statusCode?: unknown } };
  return Number(e.statusCode ?? e.response?.statusCode ?? 0) || 0;
}

/** The problem detail Camunda (or Werkbank's /v2) answered, for messages and deployment problems. */
function problemOf(error: unknown): { detail: string; errors: unknown[] } {
  const body = (error as { response?: { body?: unknown } })?.response?.body;
  try {
    const parsed = typeof body === 'string' && body ? JSON.parse(body) : {};
    return { detail: String(parsed.detail ?? (error as Error)?.message ?? 'request failed'), errors: Array.isArray(parsed.errors) ? parsed.errors : [] };
  } catch {
    return { detail: String((error as Error)?.message ?? 'request failed'), errors: [] };
  }
}

/** What a status means for the command that got it: its not-found code, its conflict code. */
export interface ErrorCodes {
  notFound?: EngineErrorCode;
  conflict?: EngineErrorCode;
  badRequest?: EngineErrorCode;
}

export function toEngineError(error: unknown, codes: ErrorCodes): unknown {
  const status = statusOf(error);
  const { detail, errors } = problemOf(error);
  const code = status === 404 ? codes.notFound : status === 409 ? codes.conflict : status === 400 ? codes.badRequest : undefined;
  if (!code) return error;
  const problems = errors.map((p) => {
    const problem = (p ?? {}) as { resource?: unknown; elementId?: unknown; message?: unknown };
    return { resource: String(problem.resource ?? ''), ...(problem.elementId ? { elementId: String(problem.elementId) } : {}), message: String(problem.message ?? p) };
  });
  return new EngineError(code, detail, problems);
}

/** JSON calls on one client; numbers parse as plain numbers (the SDK's lossless parser would wrap them). */
export class CamundaRest {
  constructor(readonly client: CamundaRestClient) {}

  async json<T>(method: Method, urlPath: string, body?: object, codes: ErrorCodes = {}): Promise<T> {
    try {
      return (await this.client.callApiEndpoint({ method, urlPath, body, parseJson: JSON.parse } as never)) as T;
    } catch (error) {
      throw toEngineError(error, codes);
    }
  }

  /** A command answered with 204 (or a body we do not need). */
  async command(method: Method, urlPath: string, body?: object, codes: ErrorCodes = {}): Promise<void> {
    try {
      await this.client.callApiEndpoint({ method, urlPath, body, json: false } as never);
    } catch (error) {
      throw toEngineError(error, codes);
    }
  }

  /** GET of one resource, null on 404. */
  async find<T>(urlPath: string): Promise<T | null> {
    try {
      return (await this.client.callApiEndpoint({ method: 'GET', urlPath, parseJson: JSON.parse } as never)) as T;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** Every item of a search, page after page (`from`/`limit`), in the requested order. */
  async searchAll<T>(urlPath: string, filter: Record<string, unknown>, sort: { field: string; order: 'ASC' | 'DESC' }[] = [], limit = 100): Promise<T[]> {
    const all: T[] = [];
    for (let from = 0; ; from += limit) {
      const page = await this.json<SearchPage<T>>('POST', urlPath, { filter: withoutUndefined(filter), sort, page: { from, limit } });
      all.push(...page.items);
      if (page.items.length < limit) return all;
    }
  }
}

export function withoutUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
