/** The OpenAPI description of the audit routes, merged into the one document like the other modules'. */
import { mergeOpenApi, type OpenApiDocument } from './openapi';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const key = { type: 'string', pattern: '^\\d{1,19}$' };
const query = (name: string, schema: Json, description: string) => ({ name, in: 'query', required: false, schema, description });

const schemas: Json = {
  AuditEntry: {
    type: 'object',
    required: ['seq', 'at', 'actor', 'action', 'subjectType', 'subjectId', 'caseId', 'details', 'hash'],
    properties: {
      seq: { ...key, description: 'Position in the chain, gapless from 1' },
      at: { type: 'string', format: 'date-time' },
      actor: { type: 'string', description: 'Username, `system` for the engine, `(unknown)` for a failed login of no account' },
      action: {
        enum: ['task.created', 'task.claimed', 'task.unclaimed', 'task.assigned', 'task.completed', 'task.canceled', 'case.opened', 'case.closed',
          'case.canceled', 'deployment.created', 'login.succeeded', 'login.failed', 'logout', 'access.denied'],
      },
      subjectType: { enum: ['task', 'case', 'deployment', 'user', 'route'] },
      subjectId: { type: 'string' },
      caseId: { type: ['string', 'null'] },
      details: { type: 'object', description: 'Ids and codes only (no form values, passwords or tokens)' },
      hash: { type: 'string', description: 'sha256(prev_hash || canonical JSON of the entry), hex' },
    },
  },
  AuditPage: { type: 'object', required: ['items', 'nextAfter'], properties: { items: { type: 'array', items: ref('AuditEntry') }, nextAfter: { type: ['string', 'null'] } } },
  AuditVerification: {
    type: 'object',
    required: ['valid', 'entries', 'firstBrokenSeq'],
    properties: { valid: { type: 'boolean' }, entries: { type: 'integer' }, firstBrokenSeq: { type: ['string', 'null'], description: 'The first entry whose link or content does not match' } },
  },
};

const paths: Json = {
  '/api/audit': {
    get: {
      summary: 'The audit trail of a case (team lead, admin) or of a user (admin; a team lead for themselves and their team)',
      description: 'Exactly one of caseId or actor. Restricted (inspection) cases only for members of their groups and administrators.',
      parameters: [
        query('caseId', key, 'Entries of this case'),
        query('actor', { type: 'string' }, 'Entries by this user'),
        query('after', key, 'Page after this seq (nextAfter of the previous page)'),
        query('size', { type: 'integer', minimum: 1, maximum: 500, default: 100 }, 'Page size'),
      ],
      responses: {
        '200': { description: 'A page of entries in chain order', content: json(ref('AuditPage')) },
        '400': problem('Neither or both of caseId and actor, or a bad key (VALIDATION_FAILED)'),
        '401': problem('Not logged in (UNAUTHENTICATED)'),
        '403': problem('Not allowed (FORBIDDEN); recorded as access.denied'),
        '404': problem('Unknown case (CASE_NOT_FOUND)'),
      },
    },
  },
  '/api/audit/verify': {
    get: {
      summary: 'Walks the hash chain from the first entry (admin)',
      responses: {
        '200': { description: 'Whether the chain is intact, and where it breaks', content: json(ref('AuditVerification')) },
        '401': problem('Not logged in (UNAUTHENTICATED)'),
        '403': problem('Not allowed (FORBIDDEN)'),
      },
    },
  },
};

/** Adds the audit routes to the document (idempotent). */
export function describeAuditRoutes(document: OpenApiDocument): OpenApiDocument {
  mergeOpenApi(document, { paths, schemas });
  return document;
}
