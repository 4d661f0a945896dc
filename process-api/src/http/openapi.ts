/**
 * The OpenAPI 3.1 description of the workbench API, written by hand next to the routes it describes.
 * Other modules add their paths by merging into `paths` and `components.schemas` (see `mergeOpenApi`).
 */
type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ 'application/json': { schema } });
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const nullable = (type: string) => ({ type: [type, 'null'] });
const amount = { type: 'string', pattern: '^-?\\d{1,13}(\\.\\d{1,2})?$', description: 'Euro amount as a decimal string' };
const taskId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d+$' } };
const versionBody = (extra: Json = {}, required: string[] = []) => ({
  required: true,
  content: json({ type: 'object', additionalProperties: false, required: ['version', ...required], properties: { version: { type: 'integer', minimum: 0 }, ...extra } }),
});
const errors = {
  '400': problemResponse('Invalid request (VALIDATION_FAILED with errors[], MALFORMED_JSON)'),
  '401': problemResponse('Not logged in (UNAUTHENTICATED)'),
  '403': problemResponse('Not allowed (FORBIDDEN)'),
};
/** Any JSON body route: a body in another media type is refused before the route (security/json-body.ts). */
const notJson = { '415': problemResponse('The body is not JSON (UNSUPPORTED_MEDIA_TYPE)') };
const taskCommandErrors = {
  ...errors,
  ...notJson,
  '404': problemResponse('Unknown task (TASK_NOT_FOUND)'),
  '409': problemResponse('Stale version, claimed by someone else or no longer active (TASK_VERSION_CONFLICT, TASK_ALREADY_CLAIMED, TASK_NOT_ACTIVE)'),
};
const queryParam = (name: string, schema: Json, description?: string) => ({ name, in: 'query', required: false, schema, ...(description ? { description } : {}) });

const schemas: Json = {
  Problem: {
    type: 'object',
    required: ['type', 'title', 'status', 'code'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      code: { type: 'string' },
      detail: { type: 'string' },
      errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } }, required: ['message'] } },
    },
  },
  LoginRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['username', 'password'],
    properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  CurrentUser: {
    type: 'object',
    required: ['username', 'displayName', 'roles', 'groups', 'teams', 'language'],
    properties: {
      username: { type: 'string' },
      displayName: { type: 'string' },
      roles: { type: 'array', items: { enum: ['agent', 'team-lead', 'designer', 'admin'] } },
      groups: { type: 'array', items: { type: 'string' } },
      teams: { type: 'array', items: { type: 'string' } },
      language: { enum: ['nl', 'fr', 'en'] },
    },
  },
  LoginResponse: { type: 'object', required: ['user', 'token'], properties: { user: ref('CurrentUser'), token: { type: 'string' } } },
  TeamMember: { type: 'object', required: ['username', 'displayName'], properties: { username: { type: 'string' }, displayName: { type: 'string' } } },
  TaskItem: {
    type: 'object',
    required: ['id', 'name', 'step', 'process', 'state', 'assignee', 'assigneeName', 'candidateGroups', 'caseId', 'employer', 'amountDue', 'dueDate', 'createdAt', 'version'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      step: { type: 'string', description: 'BPMN element id' },
      process: { type: 'object', properties: { bpmnProcessId: { type: 'string' }, name: nullable('string') } },
      state: { enum: ['CREATED', 'COMPLETED', 'CANCELED'] },
      assignee: nullable('string'),
      assigneeName: { ...nullable('string'), description: 'Display name of the assignee' },
      candidateGroups: { type: 'array', items: { type: 'string' } },
      caseId: { type: 'string' },
      employer: { oneOf: [{ type: 'null' }, { type: 'object', properties: { enterpriseNumber: { type: 'string' }, name: nullable('string') } }] },
      amountDue: { oneOf: [{ type: 'null' }, amount] },
      dueDate: { type: ['string', 'null'], format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
      version: { type: 'integer', description: 'Send back on every command (optimistic concurrency)' },
    },
  },
  TaskList: { type: 'object', required: ['items', 'total', 'totalIsExact'], properties: { items: { type: 'array', items: ref('TaskItem') },
    total: { type: 'integer', description: 'Counted up to 1,000: exact when totalIsExact, otherwise a lower bound ("1,000+")' }, totalIsExact: { type: 'boolean' } } },
  TaskDetail: {
    allOf: [
      ref('TaskItem'),
      {
        type: 'object',
        required: ['form', 'variables'],
        properties: {
          form: { oneOf: [{ type: 'null' }, { type: 'object', properties: { formId: { type: 'string' }, version: { type: 'integer' }, schema: { description: 'form-js schema' } } }] },
          variables: { type: 'object' },
        },
      },
    ],
  },
  CaseDetail: {
    type: 'object',
    required: ['id', 'status', 'process', 'employer', 'amountDue', 'openedAt', 'closedAt', 'currentTasks', 'timeline', 'documents'],
    properties: {
      id: { type: 'string' },
      status: { enum: ['OPEN', 'CLOSED', 'CANCELED'] },
      process: { type: 'object', properties: { bpmnProcessId: { type: 'string' }, name: nullable('string'), version: { type: 'integer' } } },
      employer: { description: 'Employer summary (employerSummarySchema) or null', type: ['object', 'null'] },
      amountDue: { oneOf: [{ type: 'null' }, amount] },
      openedAt: { type: 'string', format: 'date-time' },
      closedAt: { type: ['string', 'null'], format: 'date-time' },
      currentTasks: { type: 'array', items: ref('TaskItem') },
      timeline: {
        type: 'array',
        items: {
          type: 'object',
          required: ['at', 'kind', 'actor', 'title'],
          properties: { at: { type: 'string', format: 'date-time' }, kind: { type: 'string' }, actor: nullable('string'), title: { type: 'string' }, detail: { type: 'object' } },
        },
      },
      documents: {
        type: 'array',
        items: { type: 'object', properties: { id: { type: 'string' }, kind: { type: 'string' }, title: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } } },
      },
    },
  },
};

const paths: Json = {
  '/api/auth/login': {
    post: {
      summary: 'Log in; sets the httpOnly `wb_session` cookie and returns a bearer token',
      security: [],
      requestBody: { required: true, content: json(ref('LoginRequest')) },
      responses: {
        '200': { description: 'Logged in', content: json(ref('LoginResponse')) },
        '400': errors['400'],
        '401': problemResponse('Unknown user or wrong password (INVALID_CREDENTIALS)'),
        '403': problemResponse('Demo account in production (DEMO_ACCOUNT_DISABLED)'),
        ...notJson,
      },
    },
  },
  '/api/auth/logout': { post: { summary: 'End the session', responses: { '204': { description: 'Logged out' } } } },
  '/api/auth/me': {
    get: { summary: 'The logged-in user', responses: { '200': { description: 'The user', content: json(ref('CurrentUser')) }, '401': errors['401'] } },
  },
  '/api/tasks': {
    get: {
      summary: 'Task list: my tasks, my groups’ queue, or all (team lead/admin), filtered, sorted and paged',
      parameters: [
        queryParam('view', { enum: ['mine', 'group', 'all'], default: 'group' }),
        queryParam('state', { enum: ['CREATED', 'COMPLETED', 'CANCELED'] }, 'Default CREATED'),
        queryParam('process', { type: 'string' }, 'BPMN process id'),
        queryParam('step', { type: 'string' }, 'BPMN element id, or several comma-separated (one step the model places twice)'),
        queryParam('assignee', { type: 'string' }),
        queryParam('employer', { type: 'string' }, 'Enterprise number in any form ("BE 0437 554 033", "0437.554.033"; 4+ digits match as a prefix) or any part of the employer name, ignoring case and accents'),
        queryParam('amountMin', amount),
        queryParam('amountMax', amount),
        queryParam('dueAfter', { type: 'string', format: 'date' }),
        queryParam('dueBefore', { type: 'string', format: 'date' }),
        queryParam('sort', { enum: ['enterpriseNumber', 'employerName', 'amountDue', 'dueDate', 'process', 'step', 'state', 'assignee', 'createdAt'], default: 'dueDate' }),
        queryParam('direction', { enum: ['asc', 'desc'], default: 'asc' }),
        queryParam('page', { type: 'integer', minimum: 0, default: 0 }),
        queryParam('size', { type: 'integer', minimum: 1, maximum: 200, default: 25 }),
      ],
      responses: { '200': { description: 'A page of tasks', content: json(ref('TaskList')) }, ...errors },
    },
  },
  '/api/tasks/{id}': {
    get: {
      summary: 'A task with its form and variables',
      parameters: [taskId],
      responses: { '200': { description: 'The task', content: json(ref('TaskDetail')) }, ...errors, '404': problemResponse('Unknown task (TASK_NOT_FOUND)') },
    },
  },
  '/api/tasks/{id}/claim': {
    post: { summary: 'Claim a task of one of my groups', parameters: [taskId], requestBody: versionBody(), responses: { '200': { description: 'Claimed', content: json(ref('TaskItem')) }, ...taskCommandErrors } },
  },
  '/api/tasks/{id}/unclaim': {
    post: { summary: 'Return a task to the queue (assignee or team lead)', parameters: [taskId], requestBody: versionBody(), responses: { '200': { description: 'Unclaimed', content: json(ref('TaskItem')) }, ...taskCommandErrors } },
  },
  '/api/tasks/{id}/assign': {
    post: {
      summary: 'Assign a task to a member of its candidate groups (team lead/admin); 400 ASSIGNEE_NOT_IN_GROUP otherwise',
      description:
        'A team lead may only assign to a member of one of their own teams (403 ASSIGNEE_NOT_IN_TEAM otherwise); an administrator may assign anyone in the candidate groups.',
      parameters: [taskId],
      requestBody: versionBody({ assignee: { type: 'string', minLength: 1, maxLength: 100 } }, ['assignee']),
      responses: {
        '200': { description: 'Assigned', content: json(ref('TaskItem')) },
        ...taskCommandErrors,
        '403': problemResponse('Not a team lead or admin (FORBIDDEN), or the assignee is outside the team lead’s teams (ASSIGNEE_NOT_IN_TEAM)'),
      },
    },
  },
  '/api/tasks/{id}/complete': {
    post: {
      summary: 'Complete my task; variables are validated against the task’s form on the server',
      parameters: [taskId],
      requestBody: versionBody({ variables: { type: 'object' } }, ['variables']),
      responses: { '204': { description: 'Completed' }, ...taskCommandErrors },
    },
  },
  '/api/cases/{id}': {
    get: {
      summary: 'A case: employer, amount due, open tasks, timeline, documents',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d+$' } }],
      responses: { '200': { description: 'The case', content: json(ref('CaseDetail')) }, ...errors, '404': problemResponse('Unknown case (CASE_NOT_FOUND)') },
    },
  },
  '/api/users': {
    get: {
      summary: 'Members of a group, to show colleagues by name and to pick an assignee',
      description: 'Any signed-in user may list the groups they belong to; team leads and administrators any group (403 FORBIDDEN otherwise).',
      parameters: [
        { name: 'group', in: 'query', required: true, schema: { type: 'string' } },
        { name: 'team', in: 'query', required: false, schema: { const: 'mine' }, description: '`mine`: only members who share a team with the caller (a team lead’s assign picker)' },
      ],
      responses: { '200': { description: 'Members', content: json({ type: 'array', items: ref('TeamMember') }) }, ...errors },
    },
  },
  '/api/teams/{team}/members': {
    get: {
      summary: 'Members of a team (team lead/admin)',
      parameters: [{ name: 'team', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': { description: 'Members', content: json({ type: 'array', items: ref('TeamMember') }) }, ...errors },
    },
  },
  '/api/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1' } } } },
  '/api/health': { get: { summary: 'Liveness: the process answers (never touches the database)', security: [], responses: { '200': { description: 'UP' } } } },
  '/api/ready': {
    get: {
      summary: 'Readiness: database reachable, migrations done, engine started, not shutting down',
      security: [],
      responses: { '200': { description: 'Ready' }, '503': { description: 'Not ready; `checks` says why' } },
    },
  },
};

export interface OpenApiDocument {
  openapi: string;
  info: Json;
  paths: Json;
  components: { schemas: Json; securitySchemes: Json };
  security: Json[];
}

export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Werkbank process API', version: '0.1.0', description: 'Errors are application/problem+json with a stable `code`.' },
  paths,
  components: {
    schemas,
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: 'wb_session' },
      bearer: { type: 'http', scheme: 'bearer' },
      // cookie-authenticated POST/PUT/PATCH/DELETE also need X-CSRF-Token = the wb_csrf cookie (403 CSRF_TOKEN_INVALID)
      csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
    },
  },
  security: [{ session: [] }, { bearer: [] }],
};

/** Adds another module's paths and schemas (e.g. events, employers) to the document. */
export function mergeOpenApi(document: OpenApiDocument, addition: { paths?: Json; schemas?: Json }): void {
  Object.assign(document.paths, addition.paths ?? {});
  Object.assign(document.components.schemas, addition.schemas ?? {});
}
