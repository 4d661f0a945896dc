import type { DataSource } from 'typeorm';

/**
 * Sets the controllable clock's persisted offset so that "now" is `at` (Camunda's PUT /v2/clock), or back to zero
 * (POST /v2/clock/reset). Unlike Camunda's pinned clock, ours keeps ticking from there: the engine's time is system
 * time plus an offset shared by every engine process through engine_clock.
 */
export async function setClockOffset(dataSource: DataSource, at: Date | null): Promise<void> {
  const offset = at ? at.getTime() - Date.now() : 0;
  await dataSource.query(`UPDATE engine_clock SET offset_ms = $1 WHERE id = 1`, [Math.round(offset)]);
}
