/**
 * `npm run events -- <file.ndjson>`: posts CloudEvents to a running Werkbank in batches of 500.
 * Logs in as WERKBANK_USER / WERKBANK_PASSWORD (admin / werkbank) at WERKBANK_URL (http://localhost:3000).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ingestResultSchema, loginResponseSchema } from '@werkbank/shared';

const BATCH_SIZE = 500;

async function login(baseUrl: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: process.env['WERKBANK_USER'] ?? 'admin', password: process.env['WERKBANK_PASSWORD'] ?? 'werkbank' }),
  });
  if (!res.ok) throw new Error(`Login failed: ${res.status} ${await res.text()}`);
  const { token } = loginResponseSchema.parse(await res.json());
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  return { authorization: `Bearer ${token}`, ...(cookie ? { cookie } : {}) };
}

function readEvents(file: string): unknown[] {
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

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error('Usage: npm run events -- <file.ndjson>');
    process.exit(2);
  }
  const baseUrl = (process.env['WERKBANK_URL'] ?? 'http://localhost:3000').replace(/\/$/, '');
  const events = readEvents(resolve(process.env['INIT_CWD'] ?? process.cwd(), file));
  const auth = await login(baseUrl);
  const started = Date.now();
  let accepted = 0;
  let duplicates = 0;
  for (let i = 0; i < events.length; i += BATCH_SIZE) {
    const batch = events.slice(i, i + BATCH_SIZE);
    const res = await fetch(`${baseUrl}/api/events`, { method: 'POST', headers: { 'content-type': 'application/cloudevents-batch+json', ...auth }, body: JSON.stringify(batch) });
    if (res.status !== 202) {
      const problem = await res.text();
      throw new Error(`Batch starting at event ${i + 1} refused (${res.status}): ${problem}`);
    }
    const result = ingestResultSchema.parse(await res.json());
    accepted += result.accepted;
    duplicates += result.duplicates;
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`Sent ${events.length} events: ${accepted} accepted, ${duplicates} duplicates, ${Math.round(events.length / Math.max(seconds, 0.001))} events/s`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
