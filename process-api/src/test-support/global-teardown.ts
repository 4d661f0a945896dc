import type { RunningDatabase } from '../persistence/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as { __WERKBANK_TEST_DB__?: RunningDatabase }).__WERKBANK_TEST_DB__;
  await db?.stop();
}
