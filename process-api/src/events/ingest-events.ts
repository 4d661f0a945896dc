import type { DataSource, EntityManager } from 'typeorm';
import type { ZodIssue } from 'zod';
import { cloudEventSchema, type CloudEvent, type IngestResult } from '@werkbank/shared';
import { parseAmountToCents } from '../domain/amount/amount';
import { formatEnterpriseNumber, parseEnterpriseNumber } from '../domain/employer/enterprise-number';
import type { EmployerRepository } from '../persistence/employer.repository';
import { insertEvents, storedEvents, type NewInboundEvent } from '../persistence/inbound-event.repository';
import { EVENT_DATA_SCHEMAS } from './event-data-schemas';
import { InvalidEventError, type FieldError } from './invalid-event.error';

export const MAX_BATCH = 1000;
/** One event's serialized size; the request as a whole may be larger (a batch of many events). */
export const MAX_EVENT_BYTES = 64 * 1024;

type EventData = Record<string, unknown>;

function fieldPath(prefix: string, path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), prefix);
}

function issues(prefix: string, list: ZodIssue[]): FieldError[] {
  return list.map((i) => ({ field: fieldPath(prefix, i.path), message: i.message }));
}

/** Validates every event of the request; returns them or throws with every problem found (field paths as `[3].data.x`). */
export function validateEvents(events: unknown[], batch: boolean): CloudEvent[] {
  if (events.length === 0) throw new InvalidEventError('No events in the request', [{ message: 'expected at least one event' }]);
  if (events.length > MAX_BATCH) throw new InvalidEventError(`At most ${MAX_BATCH} events per batch`, [{ message: `got ${events.length} events, at most ${MAX_BATCH} allowed` }]);
  const errors: FieldError[] = [];
  const valid: CloudEvent[] = [];
  events.forEach((raw, index) => {
    const prefix = batch ? `[${index}]` : '';
    const size = Buffer.byteLength(JSON.stringify(raw) ?? '', 'utf8');
    if (size > MAX_EVENT_BYTES) {
      errors.push({ field: `[${index}]`, message: `event [${index}] is ${size} bytes serialized; at most ${MAX_EVENT_BYTES} bytes (64 KiB) per event` });
      return;
    }
    const envelope = cloudEventSchema.safeParse(raw);
    if (!envelope.success) {
      errors.push(...issues(prefix, envelope.error.issues));
      return;
    }
    const schema = EVENT_DATA_SCHEMAS[envelope.data.type];
    if (schema) {
      const data = schema.safeParse(envelope.data.data);
      if (!data.success) {
        errors.push(...issues(fieldPath(prefix, ['data']), data.error.issues));
        return;
      }
    }
    valid.push(envelope.data);
  });
  if (errors.length > 0) throw new InvalidEventError(`${errors.length} problem(s) in the events; nothing was stored`, errors);
  return valid;
}

/** Canonical data: 10-digit enterprise number, exact `amountCents`, and the employer's name for the processes. */
function normaliseData(event: CloudEvent): EventData | null {
  if (!EVENT_DATA_SCHEMAS[event.type]) return (event.data ?? null) as EventData | null;
  const data: EventData = { ...(event.data as EventData) };
  data['enterpriseNumber'] = parseEnterpriseNumber(String(data['enterpriseNumber']));
  if (data['amount'] !== undefined) data['amountCents'] = parseAmountToCents(data['amount']);
  return data;
}

/**
 * Stores the events (one transaction, duplicates by id ignored) before the caller acknowledges them.
 * Employers first seen here get a minimal record so that every stored event has its employer.
 */
export async function ingestEvents(dataSource: DataSource, employers: EmployerRepository, events: CloudEvent[]): Promise<IngestResult> {
  const prepared = events.map((event) => ({ event, data: normaliseData(event), known: event.type in EVENT_DATA_SCHEMAS }));
  const employerNumber = (p: (typeof prepared)[number]) => (p.known && typeof p.data?.['enterpriseNumber'] === 'string' ? p.data['enterpriseNumber'] : null);
  return dataSource.transaction(async (tx) => {
    const numbers = [...new Set(prepared.map(employerNumber).filter((n): n is string => n !== null))];
    const known = await employers.names(numbers, tx);
    const created = new Map<string, string>();
    for (const p of prepared) {
      const number = employerNumber(p);
      if (number === null || !p.data || known.has(number) || created.has(number)) continue;
      const given = typeof p.data['employerName'] === 'string' ? p.data['employerName'].trim() : '';
      created.set(number, given || `Werkgever ${formatEnterpriseNumber(number)}`);
    }
    await employers.ensureMinimal([...created].map(([enterpriseNumber, name]) => ({ enterpriseNumber, name })), tx);
    const rows: NewInboundEvent[] = prepared.map((p) => {
      const { event, data } = p;
      const number = employerNumber(p);
      if (data && number !== null) data['employerName'] = known.get(number) ?? created.get(number);
      return { id: event.id, type: event.type, source: event.source, time: event.time ?? null, data };
    });
    const inserted = await insertEvents(rows, tx);
    return { accepted: inserted.size, duplicates: events.length - inserted.size, conflicts: await countConflicts(rows.filter((r) => !inserted.has(r.id)), tx) };
  });
}

/**
 * Replays of a stored id are acknowledged (at-least-once senders resend), but one that carries another type, source
 * or data than the stored event is a sender bug worth reporting. `employerName` is left out of the comparison: the
 * intake fills it from the employer register, so it may differ between a first delivery and a faithful replay.
 */
async function countConflicts(duplicates: NewInboundEvent[], tx: EntityManager): Promise<number> {
  const stored = await storedEvents([...new Set(duplicates.map((d) => d.id))], tx);
  const conflicting = new Set<string>();
  for (const d of duplicates) {
    const s = stored.get(d.id);
    if (s && (s.type !== d.type || s.source !== d.source || canonicalJson(comparable(s.type, s.data)) !== canonicalJson(comparable(d.type, d.data)))) {
      conflicting.add(d.id);
    }
  }
  return conflicting.size;
}

function comparable(type: string, data: unknown): unknown {
  if (!(type in EVENT_DATA_SCHEMAS) || typeof data !== 'object' || data === null || Array.isArray(data)) return data ?? null;
  const rest: EventData = { ...(data as EventData) };
  delete rest['employerName'];
  return rest;
}

/** JSON with object keys sorted, so that key order (which jsonb does not keep) does not count as a difference. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as EventData).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
