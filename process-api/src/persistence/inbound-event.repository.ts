import type { EntityManager } from 'typeorm';
import type { EventStatus, StoredEvent } from '@werkbank/shared';

export interface NewInboundEvent {
  id: string;
  type: string;
  source: string;
  time: string | null;
  data: unknown;
}

export interface PendingEvent {
  id: string;
  type: string;
  source: string;
  time: string | null;
  data: Record<string, unknown> | null;
  attempts: number;
}

/** Inserts in request order; returns the ids that were new (an id already stored is a duplicate and ignored). */
export async function insertEvents(events: NewInboundEvent[], tx: EntityManager): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const rows: unknown[] = await tx.query(
    `INSERT INTO inbound_event (id, type, source, time, data)
     SELECT id, type, source, time, data FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[]) WITH ORDINALITY
       AS e(id, type, source, time, data, n)
     ORDER BY n
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [events.map((e) => e.id), events.map((e) => e.type), events.map((e) => e.source), events.map((e) => e.time), events.map((e) => (e.data === undefined ? null : JSON.stringify(e.data)))],
  );
  return new Set((rows as { id: string }[]).map((r) => r.id));
}

/** The stored type, source and data of events by id (to compare a replay with what was stored first). */
export async function storedEvents(ids: string[], tx: EntityManager): Promise<Map<string, Omit<NewInboundEvent, 'time'>>> {
  if (ids.length === 0) return new Map();
  const rows: Omit<NewInboundEvent, 'time'>[] = await tx.query(`SELECT id, type, source, data FROM inbound_event WHERE id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((r) => [r.id, r]));
}

/** Ids of events waiting to be routed, oldest first (not locked: each is locked in its own transaction). */
export async function pendingEventIds(tx: EntityManager, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await tx.query(
    `SELECT id FROM inbound_event WHERE status = 'RECEIVED' AND (next_attempt_at IS NULL OR next_attempt_at <= now()) ORDER BY seq LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}

/**
 * Events waiting to be routed, oldest first, each with its correlation subject (the employer's enterprise number;
 * '' for events without one): events of one subject must be routed in order of receipt.
 */
export async function pendingEventsWithSubject(tx: EntityManager, limit: number): Promise<{ id: string; type: string; subject: string }[]> {
  return tx.query(
    `SELECT id, type, coalesce(data->>'enterpriseNumber', '') AS subject FROM inbound_event
     WHERE status = 'RECEIVED' AND (next_attempt_at IS NULL OR next_attempt_at <= now()) ORDER BY seq LIMIT $1`,
    [limit],
  );
}

/**
 * Locks one still-pending event for routing; null when another router holds it, it moved on, or an earlier event of the
 * same employer is still pending (being routed elsewhere, or waiting for a retry): an employer's events are routed in
 * order of receipt even by several routers or API processes at once.
 */
export async function lockPendingEvent(tx: EntityManager, id: string): Promise<PendingEvent | null> {
  const [row]: { id: string; type: string; source: string; time: Date | null; data: Record<string, unknown> | null; attempts: number }[] = await tx.query(
    `SELECT e.id, e.type, e.source, e.time, e.data, e.attempts FROM inbound_event e
     WHERE e.id = $1 AND e.status = 'RECEIVED'
       AND NOT EXISTS (SELECT 1 FROM inbound_event earlier
                       WHERE earlier.status = 'RECEIVED' AND earlier.seq < e.seq
                         AND coalesce(earlier.data->>'enterpriseNumber', '') = coalesce(e.data->>'enterpriseNumber', ''))
     FOR UPDATE OF e SKIP LOCKED`,
    [id],
  );
  return row ? { ...row, time: row.time ? row.time.toISOString() : null } : null;
}

export async function markEvent(tx: EntityManager, id: string, status: Exclude<EventStatus, 'RECEIVED'>, detail: string): Promise<void> {
  await tx.query(`UPDATE inbound_event SET status = $2, detail = $3, routed_at = now(), attempts = attempts + 1 WHERE id = $1`, [id, status, detail]);
}

/** Counts a failed attempt: the event waits `retryDelayMs` and is retried, or ends FAILED after the last attempt. */
export async function recordFailedAttempt(tx: EntityManager, id: string, detail: string, maxAttempts: number, retryDelayMs: number): Promise<void> {
  await tx.query(
    `UPDATE inbound_event
     SET attempts = attempts + 1, detail = $2,
         status = CASE WHEN attempts + 1 >= $3 THEN 'FAILED' ELSE 'RECEIVED' END,
         routed_at = CASE WHEN attempts + 1 >= $3 THEN now() END,
         next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
     WHERE id = $1 AND status = 'RECEIVED'`,
    [id, detail, maxAttempts, retryDelayMs],
  );
}

export async function listEvents(m: EntityManager, query: { status?: EventStatus; page: number; size: number }): Promise<{ items: StoredEvent[]; total: number }> {
  const where = query.status ? `WHERE status = $1` : `WHERE $1::text IS NULL`;
  const params = [query.status ?? null];
  const [{ total }]: { total: number }[] = await m.query(`SELECT count(*)::int AS total FROM inbound_event ${where}`, params);
  const rows: { id: string; type: string; source: string; time: Date | null; status: EventStatus; received_at: Date; detail: string | null; data: unknown }[] = await m.query(
    `SELECT id, type, source, time, status, received_at, detail, data FROM inbound_event ${where} ORDER BY seq DESC LIMIT $2 OFFSET $3`,
    [...params, query.size, query.page * query.size],
  );
  return {
    total,
    items: rows.map((r) => ({ id: r.id, type: r.type, source: r.source, time: r.time?.toISOString() ?? null, status: r.status, receivedAt: r.received_at.toISOString(), detail: r.detail, data: r.data })),
  };
}
