import { resolve } from 'node:path';
import { readNdjson, sendEvents, type SendReport } from '../events/event-sender';
import { wantsHelp, type CliIo } from './cli-io';

export const SEND_EVENTS_USAGE = `Usage: npm run events -- <file.ndjson>

Posts the CloudEvents of an NDJSON file (one event per line) to a running Werkbank, in batches of 500.

Environment:
  WERKBANK_URL       where Werkbank runs (default http://localhost:3000)
  WERKBANK_USER      an administrator (default admin)
  WERKBANK_PASSWORD  their password (default werkbank)

Make a demo file first with: npm run demo:events`;

export type EventSending = (events: unknown[], options: { baseUrl: string; username: string; password: string }) => Promise<SendReport>;

/** `npm run events`: returns the exit code (0 done or help, 1 failed, 2 usage error). */
export async function runSendEvents(args: string[], io: CliIo, send: EventSending = sendEvents): Promise<number> {
  if (wantsHelp(args)) {
    io.out(SEND_EVENTS_USAGE);
    return 0;
  }
  const [file, ...rest] = args;
  if (!file || file.startsWith('-') || rest.length > 0) {
    io.err(file ? `Unexpected argument: ${file.startsWith('-') ? file : rest[0]}\n` : 'No events file given.\n');
    io.err(SEND_EVENTS_USAGE);
    return 2;
  }
  try {
    const events = readNdjson(resolve(io.env['INIT_CWD'] ?? process.cwd(), file));
    const report = await send(events, {
      baseUrl: io.env['WERKBANK_URL'] ?? 'http://localhost:3000',
      username: io.env['WERKBANK_USER'] ?? 'admin',
      password: io.env['WERKBANK_PASSWORD'] ?? 'werkbank',
    });
    const rate = Math.round(report.sent / Math.max(report.seconds, 0.001));
    io.out(
      `Sent ${report.sent} events in ${report.seconds.toFixed(1)} s: ${report.accepted} accepted, ${report.duplicates} duplicates` +
        ` (${report.conflicts} with other content than the stored event), ${rate} events/s`,
    );
    return 0;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
