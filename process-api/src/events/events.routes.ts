import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { requireRole } from '../http/auth/require-role';
import { jsonBody } from '../http/security/json-body';
import type { EmployerRepository } from '../persistence/employer.repository';
import { listEvents } from '../persistence/inbound-event.repository';
import { ingestEvents, validateEvents } from './ingest-events';

const SINGLE = 'application/cloudevents+json';
const BATCH = 'application/cloudevents-batch+json';
const JSON_TYPE = 'application/json';

class RequestError extends Error {
  constructor(
    readonly code: 'UNSUPPORTED_MEDIA_TYPE' | 'INVALID_EVENT' | 'INVALID_QUERY',
    message: string,
    readonly errors?: { field?: string; message: string }[],
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

const listQuerySchema = z.object({
  status: z.enum(['received', 'routed', 'unmatched', 'failed']).optional(),
  page: z.coerce.number().int().min(0).max(100000).default(0),
  size: z.coerce.number().int().min(1).max(500).default(50),
});

export interface EventsRoutesDependencies {
  dataSource: DataSource;
  employers: EmployerRepository;
  /** Called after events were stored, so the router picks them up at once. */
  onIngested?: () => void;
}

/** CloudEvents intake (`POST /events`) and the triage listing (`GET /events`). */
export function eventsRoutes(deps: EventsRoutesDependencies): Router {
  const router = Router();
  router.post('/events', requireRole('admin'), jsonBody({ type: [SINGLE, BATCH, JSON_TYPE], limit: '20mb' }), async (req, res) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (![SINGLE, BATCH, JSON_TYPE].includes(type)) throw new RequestError('UNSUPPORTED_MEDIA_TYPE', `Send ${SINGLE}, ${BATCH} or ${JSON_TYPE}`);
    const body: unknown = req.body;
    const batch = Array.isArray(body);
    if ((type === BATCH && !batch) || (type === SINGLE && (batch || typeof body !== 'object' || body === null))) {
      throw new RequestError('INVALID_EVENT', type === BATCH ? 'A batch is a JSON array of events' : 'Expected one event as a JSON object', [{ message: 'wrong JSON shape for the content type' }]);
    }
    const events = validateEvents(batch ? body : [body], batch);
    const result = await ingestEvents(deps.dataSource, deps.employers, events);
    res.status(202).json(result);
    if (result.accepted > 0) deps.onIngested?.();
  });

  router.get('/events', requireRole('team-lead', 'admin'), async (req, res) => {
    const query = listQuerySchema.safeParse(req.query);
    if (!query.success) {
      throw new RequestError('INVALID_QUERY', 'Invalid query', query.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
    }
    const { status, page, size } = query.data;
    res.json(await listEvents(deps.dataSource.manager, { status: status ? (status.toUpperCase() as 'RECEIVED') : undefined, page, size }));
  });
  return router;
}
