import type { DataSource } from 'typeorm';
import type { CloudEvent } from '@werkbank/shared';
import type { ProcessEngine } from '../engine/process-engine';
import { generateDemoQuarter } from '../events/demo-quarter';
import type { EventRouter } from '../events/event-router';
import { ingestEvents } from '../events/ingest-events';
import type { EmployerRepository } from '../persistence/employer.repository';

export interface DemoCasesResult {
  events: number;
  openTasks: number;
}

/**
 * First start in demo mode: a quarter of back-end events (the same `npm run demo:events` writes) goes through the
 * real intake and router, then the demo clock moves past the 15-day payment deadline so agents find contact tasks.
 */
export async function seedDemoCases(
  deps: { dataSource: DataSource; engine: ProcessEngine; employers: EmployerRepository; router: EventRouter },
  options: { employerCount?: number } = {},
): Promise<DemoCasesResult> {
  const events = generateDemoQuarter({ employerCount: options.employerCount ?? 2000, seed: 42, quarter: '2026-Q3' });
  // Fraud signals arrive on the demo's "today": their triage tasks (due in 5 days) are fresh, not overdue from day one.
  const today = events.filter((e) => e.type === 'fraud.signal');
  await ingestAndRoute(deps, events.filter((e) => e.type !== 'fraud.signal'));
  await deps.engine.runDueWork();
  await deps.engine.advanceClock('P16D');
  await deps.engine.runDueWork();
  await ingestAndRoute(deps, today);
  await deps.engine.runDueWork();
  const [row] = await deps.dataSource.query(`SELECT count(*)::int AS n FROM user_task WHERE state = 'CREATED'`);
  return { events: events.length, openTasks: row.n };
}

async function ingestAndRoute(deps: { dataSource: DataSource; employers: EmployerRepository; router: EventRouter }, events: CloudEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) await ingestEvents(deps.dataSource, deps.employers, events.slice(i, i + 1000));
  // the background router may hold some events meanwhile: wait until every event is settled
  for (;;) {
    await deps.router.drain();
    const [{ pending }] = await deps.dataSource.query(`SELECT count(*)::int AS pending FROM inbound_event WHERE status = 'RECEIVED'`);
    if (pending === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
