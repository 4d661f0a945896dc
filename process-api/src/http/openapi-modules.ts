/**
 * The OpenAPI description of the routes that live outside the workbench core: inbound events, employers and the
 * demo clock. Merged into the one document by `describeModuleRoutes` (the events module's routers are mounted by
 * the composition root, so the description sits beside the document rather than in each router).
 */
import { mergeOpenApi, type OpenApiDocument } from './openapi';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const denied = { '401': problem('Not logged in (UNAUTHENTICATED)'), '403': problem('Not allowed (FORBIDDEN)') };

const schemas: Json = {
  CloudEvent: {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type'],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', minLength: 1, maxLength: 200, description: 'Unique: a replay of the same id is acknowledged and ignored' },
      source: { type: 'string' },
      type: { type: 'string', examples: ['debt.detected', 'payment.received', 'contact.updated'] },
      time: { type: 'string', format: 'date-time' },
      data: { description: 'Checked against the schema of known event types' },
    },
  },
  IngestResult: {
    type: 'object',
    required: ['accepted', 'duplicates', 'conflicts'],
    properties: {
      accepted: { type: 'integer' },
      duplicates: { type: 'integer' },
      conflicts: { type: 'integer', description: 'Duplicate ids whose type, source or data differ from the stored event (the stored one is kept)' },
    },
  },
  StoredEvent: {
    type: 'object',
    required: ['id', 'type', 'source', 'status', 'receivedAt'],
    properties: {
      id: { type: 'string' },
      type: { type: 'string' },
      source: { type: 'string' },
      time: { type: ['string', 'null'] },
      status: { enum: ['RECEIVED', 'ROUTED', 'UNMATCHED', 'FAILED'] },
      receivedAt: { type: 'string' },
      detail: { type: ['string', 'null'] },
      data: {},
    },
  },
  EmployerSummary: { type: 'object', required: ['enterpriseNumber', 'formattedNumber', 'name'], additionalProperties: true, properties: { enterpriseNumber: { type: 'string' }, formattedNumber: { type: 'string' }, name: { type: 'string' } } },
  Clock: { type: 'object', required: ['now'], properties: { now: { type: 'string', format: 'date-time' }, timersFired: { type: 'integer' } } },
};

const paths: Json = {
  '/api/events': {
    post: {
      summary: 'Ingest CloudEvents (admin / back-end systems): stored before the 202, then routed by the routing rules',
      requestBody: {
        required: true,
        content: {
          'application/cloudevents+json': { schema: ref('CloudEvent') },
          'application/cloudevents-batch+json': { schema: { type: 'array', items: ref('CloudEvent') } },
          'application/json': { schema: { oneOf: [ref('CloudEvent'), { type: 'array', items: ref('CloudEvent') }] } },
        },
      },
      responses: {
        '202': { description: 'Stored (duplicates counted, not stored again)', content: json(ref('IngestResult')) },
        '400': problem('Malformed event, errors[] name the field (INVALID_EVENT, MALFORMED_JSON)'),
        '413': problem('Body too large (PAYLOAD_TOO_LARGE)'),
        '415': problem('Not a CloudEvents or JSON media type (UNSUPPORTED_MEDIA_TYPE)'),
        ...denied,
      },
    },
    get: {
      summary: 'Stored events by status, newest first (team lead/admin), e.g. status=unmatched for triage',
      parameters: [
        { name: 'status', in: 'query', required: false, schema: { enum: ['received', 'routed', 'unmatched', 'failed'] } },
        { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
        { name: 'size', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500 } },
      ],
      responses: {
        '200': { description: 'A page of events', content: json({ type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: ref('StoredEvent') }, total: { type: 'integer' } } }) },
        '400': problem('Invalid query (INVALID_QUERY)'),
        ...denied,
      },
    },
  },
  '/api/employers/{enterpriseNumber}': {
    get: {
      summary: 'Employer summary (any authenticated user); the number may carry dots or a BE prefix',
      parameters: [{ name: 'enterpriseNumber', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': { description: 'The employer', content: json(ref('EmployerSummary')) },
        '400': problem('Not a valid enterprise number (INVALID_ENTERPRISE_NUMBER)'),
        '404': problem('Unknown employer (NOT_FOUND)'),
        ...denied,
      },
    },
  },
  '/api/clock': {
    get: { summary: "The engine's current time (any signed-in user; it runs ahead in demo mode)", responses: { '200': { description: 'Now', content: json(ref('Clock')) }, ...denied } },
  },
  '/api/admin/clock/advance': {
    post: {
      summary: 'Demo/test: move the engine clock and fire what fell due (admin; CLOCK_NOT_CONTROLLABLE in production)',
      requestBody: { required: true, content: json({ type: 'object', additionalProperties: false, required: ['duration'], properties: { duration: { type: 'string', examples: ['P16D'] } } }) },
      responses: { '200': { description: 'The new time', content: json(ref('Clock')) }, '400': problem('Invalid duration (VALIDATION_FAILED)'), '415': problem('The body is not JSON (UNSUPPORTED_MEDIA_TYPE)'), ...denied },
    },
  },
};

/** Adds the events, employers and admin routes to the document (idempotent). */
export function describeModuleRoutes(document: OpenApiDocument): OpenApiDocument {
  mergeOpenApi(document, { paths, schemas });
  return document;
}
