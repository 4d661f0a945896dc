import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createApp, type AppDependencies } from '../http/app';

export interface TestServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** The real Express app (or one already built) on a free port, for HTTP integration tests. */
export async function startTestServer(depsOrApp: Omit<AppDependencies, 'uiDir'> | Express): Promise<TestServer> {
  const app = typeof depsOrApp === 'function' ? depsOrApp : createApp({ ...depsOrApp, uiDir: '/nonexistent' });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

export interface ApiResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are checked field by field
  headers: Headers;
}

/** A small JSON client bound to one user's bearer token. */
export function apiClient(baseUrl: string, token?: string) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body ?? {}, headers),
  };
}

export async function loginAs(baseUrl: string, username: string, password: string): Promise<string> {
  const { status, body } = await apiClient(baseUrl).post('/api/auth/login', { username, password });
  if (status !== 200) throw new Error(`login of ${username} failed with ${status}`);
  return body.token;
}
