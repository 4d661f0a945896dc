import type { DataSource } from 'typeorm';
import type { LoginThrottleStore } from '../application/auth/login-throttle';

/** Failure counters in PostgreSQL: one atomic upsert per failure, so concurrent processes never lose a count. */
export class LoginThrottleRepository implements LoginThrottleStore {
  constructor(private readonly dataSource: DataSource) {}

  async lockedUntil(subjects: string[], now: Date): Promise<Date | null> {
    const [row] = await this.dataSource.query(
      `SELECT max(locked_until) AS until FROM login_throttle WHERE subject = ANY($1::text[]) AND locked_until > $2`,
      [subjects, now],
    );
    return row?.until ? new Date(row.until) : null;
  }

  async recordFailure(subject: string, now: Date, windowMs: number, maxFailures: number, lockMs: number): Promise<Date | null> {
    const [row] = await this.dataSource.query(
      `INSERT INTO login_throttle AS t (subject, failures, window_started_at, locked_until)
       VALUES ($1, 1, $2, CASE WHEN 1 >= $4::int THEN $2::timestamptz + make_interval(secs => $5::double precision / 1000) END)
       ON CONFLICT (subject) DO UPDATE SET
         failures = CASE WHEN t.window_started_at + make_interval(secs => $3::double precision / 1000) <= $2 OR t.locked_until <= $2 THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at + make_interval(secs => $3::double precision / 1000) <= $2 OR t.locked_until <= $2 THEN $2 ELSE t.window_started_at END,
         locked_until = CASE
           WHEN (CASE WHEN t.window_started_at + make_interval(secs => $3::double precision / 1000) <= $2 OR t.locked_until <= $2 THEN 1 ELSE t.failures + 1 END) >= $4::int
           THEN $2::timestamptz + make_interval(secs => $5::double precision / 1000)
           ELSE NULL END
       RETURNING locked_until`,
      [subject, now, windowMs, maxFailures, lockMs],
    );
    return row?.locked_until ? new Date(row.locked_until) : null;
  }

  async reset(subject: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttle WHERE subject = $1`, [subject]);
  }
}
