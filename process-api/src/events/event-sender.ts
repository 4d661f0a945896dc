import { readFileSync } from 'node:fs';
import { ingestResultSchema, loginResponseSchema } from '@werkbank/shared';

export const SEND_BATCH_SIZE = 500;

export interface SendOptions {
  baseUrl: string;
  username: string;
  password: string;
  batchSize?: number;
}

export interface SendReport {
  sent: number;
  accepted: number;
  duplicates: number;
  /** Duplicates whose content differs from the stored event (a sender bug worth looking at). */
  conflicts: number;
  seconds: number;
}

async function login(options: SendOptions): Promise<Record<string, string>> {
  const res = await fetch(`${options.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: options.username, password: options.password }),
  });
  if (!res.ok) throw new Error(`Login as ${options.username} failed: ${res.status} ${await res.text()}`);
  const { token } = loginResponseSchema.parse(await res.json());
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  return { authorization: `Bearer ${token}`, ...(cookie ? { cookie } : {}) };
}

/** Reads NDJSON (one CloudEvent per line, blank lines ignored). */
export function readNdjson(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new Error(`${file}:${number}: not valid JSON`);
      }
    });
}

/** Logs in and posts the events as CloudEvents batches; stops at the first refused batch. */
export async function sendEvents(events: unknown[], options: SendOptions): Promise<SendReport> {
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const auth = await login({ ...options, baseUrl });
  const size = options.batchSize ?? SEND_BATCH_SIZE;
  const started = Date.now();
  let accepted = 0;
  let duplicates = 0;
  let conflicts = 0;
  for (let i = 0; i < events.length; i += size) {
    const res = await fetch(`${baseUrl}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents-batch+json', ...auth },
      body: JSON.stringify(events.slice(i, i + size)),
    });
    if (res.status !== 202) throw new Error(`Batch starting at event ${i + 1} refused (${res.status}): ${await res.text()}`);
    const result = ingestResultSchema.parse(await res.json());
    accepted += result.accepted;
    duplicates += result.duplicates;
    conflicts += result.conflicts;
  }
  return { sent: events.length, accepted, duplicates, conflicts, seconds: (Date.now() - started) / 1000 };
}
