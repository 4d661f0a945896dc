import type { DataSource } from 'typeorm';
import type { ZodIssue } from 'zod';
import { cloudEventSchema, type CloudEvent, type IngestResult } from '@werkbank/shared';
import { parseAmountToCents } from '../domain/amount/amount';
import { formatEnterpriseNumber, parseEnterpriseNumber } from '../domain/employer/enterprise-number';
import type { EmployerRepository } from '../persistence/employer.repository';
import { insertEvents, type NewInboundEvent } from '../persistence/inbound-event.repository';
import { EVENT_DATA_SCHEMAS } from './event-data-schemas';
import { InvalidEventError, type FieldError } from './invalid-event.error';

export const MAX_BATCH = 1000;

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
    const accepted = await insertEvents(rows, tx);
    return { accepted, duplicates: events.length - accepted };
  });
}
