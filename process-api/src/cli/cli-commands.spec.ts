import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from './cli-io';
import { DEMO_EVENTS_USAGE, runDemoEvents } from './demo-events-command';
import { runSendEvents, SEND_EVENTS_USAGE, type EventSending } from './send-events-command';

function capture(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: { INIT_CWD: cwd } };
}

describe('command-line tools', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'werkbank-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('events', () => {
    const neverSend: EventSending = async () => {
      throw new Error('should not send');
    };

    it('should print usage for --help and exit 0 without sending', async () => {
      const io = capture(dir);
      expect(await runSendEvents(['--help'], io, neverSend)).toBe(0);
      expect(io.stdout).toEqual([SEND_EVENTS_USAGE]);
      expect(SEND_EVENTS_USAGE).toContain('npm run events -- <file.ndjson>');
    });

    it('should print usage and exit 2 without a file or with an unknown option', async () => {
      const none = capture(dir);
      expect(await runSendEvents([], none, neverSend)).toBe(2);
      expect(none.stderr.join('\n')).toContain('Usage: npm run events');
      const option = capture(dir);
      expect(await runSendEvents(['--verbose'], option, neverSend)).toBe(2);
      expect(option.stderr[0]).toContain('--verbose');
    });

    it('should send the file and print accepted, duplicates and conflicts', async () => {
      // given a file of two events and a server that reports one conflicting duplicate
      writeFileSync(join(dir, 'q.ndjson'), '{"id":"a"}\n\n{"id":"a"}\n');
      const io = capture(dir);
      const send: EventSending = async (events) => ({ sent: events.length, accepted: 1, duplicates: 1, conflicts: 1, seconds: 0.5 });
      // when sending it
      const code = await runSendEvents(['q.ndjson'], io, send);
      // then the summary names the conflict
      expect(code).toBe(0);
      expect(io.stdout).toEqual(['Sent 2 events in 0.5 s: 1 accepted, 1 duplicates (1 with other content than the stored event), 4 events/s']);
    });

    it('should exit 1 with the reason when the file cannot be read', async () => {
      const io = capture(dir);
      expect(await runSendEvents(['missing.ndjson'], io, neverSend)).toBe(1);
      expect(io.stderr[0]).toContain('missing.ndjson');
    });
  });

  describe('demo:events', () => {
    it('should print usage for --help and write no file', () => {
      const io = capture(dir);
      expect(runDemoEvents(['--help'], io)).toBe(0);
      expect(io.stdout).toEqual([DEMO_EVENTS_USAGE]);
      expect(existsSync(join(dir, 'demo-quarter.ndjson'))).toBe(false);
      expect(existsSync(join(dir, '--help'))).toBe(false);
    });

    it('should refuse an unknown option or a bad value with usage and exit 2', () => {
      const unknown = capture(dir);
      expect(runDemoEvents(['--employer', '5'], unknown)).toBe(2);
      expect(unknown.stderr[0]).toContain('--employer');
      expect(runDemoEvents(['--quarter', 'Q3'], capture(dir))).toBe(2);
      expect(existsSync(join(dir, 'demo-quarter.ndjson'))).toBe(false);
    });

    it('should write the demo quarter to the named file', () => {
      const io = capture(dir);
      expect(runDemoEvents(['small.ndjson', '--employers', '3', '--seed', '7'], io)).toBe(0);
      const lines = readFileSync(join(dir, 'small.ndjson'), 'utf8').trim().split('\n');
      expect(lines.length).toBeGreaterThan(0);
      expect(JSON.parse(lines[0])).toMatchObject({ specversion: '1.0' });
      expect(io.stdout[0]).toContain(`Wrote ${lines.length} events`);
    });
  });
});
