import type { DataSource } from 'typeorm';
import type { Clock } from '../process-engine';
import { durationMs } from './timer-expression';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * Demo/test clock: system time plus an offset kept in `engine_clock`, so that it survives restarts and every
 * engine process on the database sees the same time (each refreshes the offset when it polls).
 */
export class ControllableClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly dataSource: DataSource) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  async refresh(): Promise<void> {
    const [row] = await this.dataSource.query(`SELECT offset_ms::text AS offset FROM engine_clock WHERE id = 1`);
    this.offsetMs = Number(row?.offset ?? 0);
  }

  async advance(duration: string): Promise<Date> {
    const [row] = await this.dataSource.query(`WITH c AS (UPDATE engine_clock SET offset_ms = offset_ms + $1 WHERE id = 1 RETURNING offset_ms) SELECT offset_ms::text AS offset FROM c`, [Math.round(durationMs(duration))]);
    this.offsetMs = Number(row.offset);
    return this.now();
  }
}
