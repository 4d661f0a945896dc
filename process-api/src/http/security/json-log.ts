/** One JSON object per line on stdout: what log collectors ingest without parsing rules. */
export type LogLevel = 'info' | 'warn' | 'error';
export type LogSink = (entry: Record<string, unknown>) => void;

export const stdoutSink: LogSink = (entry) => {
  process.stdout.write(`${JSON.stringify(entry)}\n`);
};

// jest sets NODE_ENV=test: tests stay quiet unless they capture the lines themselves
let sink: LogSink = process.env['NODE_ENV'] === 'test' ? () => undefined : stdoutSink;

/** Tests capture the log lines by swapping the sink. */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}

export function jsonLog(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  sink({ time: new Date().toISOString(), level, msg: message, ...fields });
}

/**
 * Paths can carry personal identifiers: Belgian enterprise numbers (10 digits, also written 0123.456.789) and
 * national register numbers (11 digits). Engine keys are longer (16+ digits) and stay readable.
 */
export function redactPath(path: string): string {
  return path.replace(/(?<!\d)(\d{4}\.\d{3}\.\d{3}|\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}|\d{10,11})(?!\d)/g, '{redacted}');
}
