/** The OpenAPI description of the deployment API (`deployments.routes.ts`), merged into the one document. */
import { mergeOpenApi, type OpenApiDocument } from './openapi';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const denied = { '401': problem('Not logged in (UNAUTHENTICATED)'), '403': problem('Not allowed (FORBIDDEN)') };

const schemas: Json = {
  DeploymentResource: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'content'],
    properties: { name: { type: 'string', maxLength: 200, examples: ['recovery.bpmn', 'contact-employer.form'] }, content: { type: 'string', description: 'BPMN XML or form-js JSON' } },
  },
  Deployment: {
    type: 'object',
    required: ['key', 'processes', 'forms'],
    properties: {
      key: { type: 'string' },
      processes: {
        type: 'array',
        items: { type: 'object', required: ['key', 'bpmnProcessId', 'name', 'version', 'resourceName'], properties: { key: { type: 'string' }, bpmnProcessId: { type: 'string' }, name: { type: ['string', 'null'] }, version: { type: 'integer' }, resourceName: { type: 'string' } } },
      },
      forms: {
        type: 'array',
        items: { type: 'object', required: ['key', 'formId', 'version', 'resourceName'], properties: { key: { type: 'string' }, formId: { type: 'string' }, version: { type: 'integer' }, resourceName: { type: 'string' } } },
      },
    },
  },
  ProcessDefinitionList: {
    type: 'object',
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['bpmnProcessId', 'name', 'latestVersion', 'versions'],
          properties: {
            bpmnProcessId: { type: 'string' },
            name: { type: ['string', 'null'] },
            latestVersion: { type: 'integer' },
            versions: {
              type: 'array',
              description: 'Latest first',
              items: { type: 'object', required: ['key', 'version', 'name', 'resourceName', 'deployedAt'], properties: { key: { type: 'string' }, version: { type: 'integer' }, name: { type: ['string', 'null'] }, resourceName: { type: 'string' }, deployedAt: { type: 'string', format: 'date-time' } } },
            },
          },
        },
      },
    },
  },
};

const paths: Json = {
  '/api/deployments': {
    post: {
      summary: 'Deploy BPMN models and forms atomically (designer/admin): every file gets its new version, or nothing is deployed',
      description: 'A file identical to the latest version keeps that version. Running instances stay on the version they started on.',
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', properties: { files: { type: 'array', maxItems: 20, items: { type: 'string', format: 'binary' }, description: 'Any field name; at most 20 files of 2 MiB each, named *.bpmn or *.form' } } },
          },
          'application/json': { schema: { type: 'object', additionalProperties: false, required: ['resources'], properties: { resources: { type: 'array', maxItems: 20, items: ref('DeploymentResource') } } } },
        },
      },
      responses: {
        '201': { description: 'Deployed', content: json(ref('Deployment')) },
        '400': problem('Refused: DEPLOYMENT_REJECTED with errors[] of {resource, elementId?, message} for every problem (bad name, empty, DOCTYPE, invalid XML, unsupported element...); VALIDATION_FAILED, MALFORMED_JSON, TOO_MANY_FILES'),
        '413': problem('A file over 2 MiB or a JSON body over 1 MB (PAYLOAD_TOO_LARGE)'),
        '415': problem('Neither multipart/form-data nor JSON (UNSUPPORTED_MEDIA_TYPE)'),
        ...denied,
      },
    },
  },
  '/api/process-definitions': {
    get: { summary: 'Deployed processes with every version, latest first (designer/admin/team lead)', responses: { '200': { description: 'Processes', content: json(ref('ProcessDefinitionList')) }, ...denied } },
  },
  '/api/process-definitions/{key}/xml': {
    get: {
      summary: 'The BPMN XML of one deployed version (designer/admin/team lead)',
      parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d+$' } }],
      responses: { '200': { description: 'The XML as deployed', content: { 'application/xml': { schema: { type: 'string' } } } }, '404': problem('Unknown key (PROCESS_NOT_FOUND)'), ...denied },
    },
  },
};

/** Adds the deployment routes to the document (idempotent). */
export function describeDeploymentRoutes(document: OpenApiDocument): OpenApiDocument {
  mergeOpenApi(document, { paths, schemas });
  return document;
}
