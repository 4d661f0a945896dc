/** The OpenAPI description of the process catalogue (`processes.routes.ts`), merged into the one document. */
import { mergeOpenApi, type OpenApiDocument } from './openapi';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const localized = { type: 'object', required: ['en', 'nl', 'fr'], properties: { en: { type: 'string' }, nl: { type: 'string' }, fr: { type: 'string' } }, description: 'From the model: `name`, zeebe:properties `name.nl` / `name.fr` (English when missing)' };
const figureKind = { enum: ['cents', 'integer', 'score', 'codes', 'count', 'date', 'text', 'schedule'] };

const schemas: Json = {
  LocalizedName: localized,
  ProcessDescription: {
    type: 'object',
    required: ['key', 'bpmnProcessId', 'version', 'name', 'steps', 'figures'],
    properties: {
      key: { type: 'string', description: 'Process definition key of this version' },
      bpmnProcessId: { type: 'string' },
      version: { type: 'integer' },
      name: ref('LocalizedName'),
      steps: {
        type: 'array',
        description: 'Every named flow node except gateways, in model order (sub-processes included)',
        items: { type: 'object', required: ['elementId', 'kind', 'name'], properties: { elementId: { type: 'string' }, kind: { type: 'string', examples: ['userTask', 'serviceTask', 'boundaryEvent'] }, name: ref('LocalizedName') } },
      },
      figures: {
        type: 'array',
        description: 'Case figures the model declares (zeebe:property `caseFigure.<variable>` = kind, names in `caseFigure.<variable>.name.<lang>`)',
        items: { type: 'object', required: ['variable', 'kind', 'name'], properties: { variable: { type: 'string' }, kind: figureKind, name: ref('LocalizedName') } },
      },
    },
  },
  CaseFigure: {
    type: 'object',
    required: ['variable', 'kind', 'name', 'value'],
    properties: { variable: { type: 'string' }, kind: figureKind, name: ref('LocalizedName'), value: { description: 'The variable as the engine holds it; null when not set' } },
  },
};

const paths: Json = {
  '/api/processes': {
    get: {
      summary: 'The latest version of every deployed process with its steps and case figures named in en/nl/fr (any signed-in user)',
      responses: { '200': { description: 'Processes sorted by id', content: json({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('ProcessDescription') } } }) }, '401': problem('Not logged in (UNAUTHENTICATED)') },
    },
  },
  '/api/processes/{bpmnProcessId}/versions/{version}': {
    get: {
      summary: 'One deployed version of a process, named as above (any signed-in user)',
      parameters: [
        { name: 'bpmnProcessId', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
      ],
      responses: { '200': { description: 'The version', content: json(ref('ProcessDescription')) }, '401': problem('Not logged in (UNAUTHENTICATED)'), '404': problem('Not deployed (PROCESS_NOT_FOUND)') },
    },
  },
};

/** Adds the process catalogue routes, and the case figures of a case, to the document (idempotent). */
export function describeProcessRoutes(document: OpenApiDocument): OpenApiDocument {
  mergeOpenApi(document, { paths, schemas });
  const caseDetail = document.components.schemas['CaseDetail'] as { properties: Json } | undefined;
  if (caseDetail) caseDetail.properties['figures'] = { type: 'array', items: ref('CaseFigure'), description: 'Key figures the case’s model version declares, with current values' };
  return document;
}
