/** What a command-line tool touches outside itself, so that tests can run it without a process or a terminal. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
}

export const processIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
};

export function wantsHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
