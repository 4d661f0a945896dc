/**
 * `npm run events -- <file.ndjson>`: posts CloudEvents to a running Werkbank in batches of 500.
 * Logs in as WERKBANK_USER / WERKBANK_PASSWORD (admin / werkbank) at WERKBANK_URL (http://localhost:3000).
 */
import { resolve } from 'node:path';
import { readNdjson, sendEvents } from '../events/event-sender';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error('Usage: npm run events -- <file.ndjson>');
    process.exit(2);
  }
  const events = readNdjson(resolve(process.env['INIT_CWD'] ?? process.cwd(), file));
  const report = await sendEvents(events, {
    baseUrl: process.env['WERKBANK_URL'] ?? 'http://localhost:3000',
    username: process.env['WERKBANK_USER'] ?? 'admin',
    password: process.env['WERKBANK_PASSWORD'] ?? 'werkbank',
  });
  const rate = Math.round(report.sent / Math.max(report.seconds, 0.001));
  console.log(`Sent ${report.sent} events in ${report.seconds.toFixed(1)} s: ${report.accepted} accepted, ${report.duplicates} duplicates, ${rate} events/s`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
