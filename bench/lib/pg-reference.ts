import { Client } from 'pg';
import { perSecond } from './stats';

/** Raw PostgreSQL through `pg`, same server, same run: round trip, sequential commits and commits from 6 clients. */
export async function measurePostgres(url: string, samples: number) {
  const clients = await Promise.all(Array.from({ length: 6 }, async () => {
    const c = new Client({ connectionString: url });
    await c.connect();
    return c;
  }));
  const [first] = clients;
  await first.query(`CREATE TABLE bench_commit (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())`);
  let t = performance.now();
  for (let i = 0; i < samples; i++) await first.query('SELECT 1');
  const roundTripMs = (performance.now() - t) / samples;
  t = performance.now();
  for (let i = 0; i < samples; i++) await first.query('INSERT INTO bench_commit DEFAULT VALUES');
  const sequentialMs = performance.now() - t;
  t = performance.now();
  await Promise.all(clients.map(async (c) => {
    for (let i = 0; i < samples; i++) await c.query('INSERT INTO bench_commit DEFAULT VALUES');
  }));
  const parallelMs = performance.now() - t;
  await first.query('DROP TABLE bench_commit');
  await Promise.all(clients.map((c) => c.end()));
  return {
    roundTripMs: Number(roundTripMs.toFixed(3)),
    commitsPerSecond: perSecond(samples, sequentialMs),
    commitMs: Number((sequentialMs / samples).toFixed(3)),
    commitsPerSecond6Clients: perSecond(samples * clients.length, parallelMs),
  };
}
export type PostgresReference = Awaited<ReturnType<typeof measurePostgres>>;
