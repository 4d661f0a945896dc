/**
 * `npm run events -- <file.ndjson>`: posts CloudEvents to a running Werkbank in batches of 500.
 * Logs in as WERKBANK_USER / WERKBANK_PASSWORD (admin / werkbank) at WERKBANK_URL (http://localhost:3000).
 */
import { processIo } from './cli-io';
import { runSendEvents } from './send-events-command';

// exitCode rather than exit(): lets a piped stdout drain before the process ends.
runSendEvents(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
