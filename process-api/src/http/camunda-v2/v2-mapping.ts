/**
 * Port records -> Camunda 8.8 REST shapes, and Camunda search requests -> what the port can filter. Pure functions:
 * the routes stay thin and this file is unit-tested against Camunda's published zod schemas.
 */
import type {
  DeploymentResult, ElementInstanceInfo, ExternalJob, Incident, ProcessDefinitionVersion, ProcessInstance, UserTask, VariableInfo,
} from '../../engine/process-engine';
import type { CompletedElementRow } from '../../persistence/element-history';

/** Single-tenant engine: Camunda's default tenant id. */
export const TENANT = '<default>';

export class V2RequestError extends Error {
  readonly code = 'BAD_REQUEST';
  constructor(message: string) {
    super(message);
    this.name = 'V2RequestError';
  }
}

/** Camunda's problem detail (type/title/status/detail/instance); title is the error kind as Camunda writes it. */
export function camundaProblem(status: number, code: string, detail: string, instance: string) {
  const title = status === 400 ? 'INVALID_ARGUMENT' : status === 401 ? 'UNAUTHORIZED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND'
    : status === 409 ? 'INVALID_STATE' : status >= 500 ? 'INTERNAL_ERROR' : code;
  return { type: 'about:blank', title, status, detail, instance, code };
}

export function toDeploymentResponse(result: DeploymentResult) {
  return {
    deploymentKey: result.key,
    tenantId: TENANT,
    deployments: [
      ...result.processes.map((p) => ({
        processDefinition: { processDefinitionId: p.bpmnProcessId, processDefinitionVersion: p.version, resourceName: p.resourceName, tenantId: TENANT, processDefinitionKey: p.key },
      })),
      ...result.forms.map((f) => ({ form: { formId: f.formId, version: f.version, resourceName: f.resourceName, tenantId: TENANT, formKey: f.key } })),
    ],
  };
}

export function toProcessInstance(pi: ProcessInstance, extra: { name: string | null; hasIncident: boolean; parentProcessInstanceKey?: string | null }) {
  return {
    processInstanceKey: pi.key, processDefinitionId: pi.bpmnProcessId, processDefinitionName: extra.name ?? pi.bpmnProcessId,
    processDefinitionVersion: pi.version, processDefinitionKey: pi.processDefinitionKey,
    // Camunda has no CANCELED instance state: a canceled instance is TERMINATED.
    state: pi.state === 'CANCELED' ? 'TERMINATED' : pi.state,
    startDate: pi.startedAt, ...(pi.endedAt ? { endDate: pi.endedAt } : {}), hasIncident: extra.hasIncident, tenantId: TENANT,
    ...(extra.parentProcessInstanceKey ? { parentProcessInstanceKey: extra.parentProcessInstanceKey } : {}),
  };
}

export function toUserTask(task: UserTask, extra: { elementInstanceKey: string; processDefinitionVersion: number; completionDate?: string | null }) {
  return {
    userTaskKey: task.key, name: task.name, state: task.state, ...(task.assignee ? { assignee: task.assignee } : {}), elementId: task.elementId,
    elementInstanceKey: extra.elementInstanceKey, candidateGroups: task.candidateGroups, candidateUsers: task.candidateUsers,
    processDefinitionId: task.bpmnProcessId, processDefinitionKey: task.processDefinitionKey, processDefinitionVersion: extra.processDefinitionVersion,
    processInstanceKey: task.processInstanceKey, ...(task.formKey ? { formKey: task.formKey } : {}), creationDate: task.createdAt,
    ...(extra.completionDate ? { completionDate: extra.completionDate } : {}),
    ...(task.dueDate ? { dueDate: task.dueDate } : {}), ...(task.followUpDate ? { followUpDate: task.followUpDate } : {}),
    priority: task.priority, tenantId: TENANT,
  };
}

export function toActivatedJob(job: ExternalJob) {
  return {
    jobKey: job.key, type: job.type, processInstanceKey: job.processInstanceKey, processDefinitionId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion, processDefinitionKey: job.processDefinitionKey, elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey, customHeaders: job.customHeaders, worker: job.worker, retries: job.retries,
    deadline: new Date(job.deadline).getTime(), variables: job.variables, tenantId: TENANT, kind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED',
  };
}

const KNOWN_INCIDENT_TYPES = new Set(['IO_MAPPING_ERROR', 'JOB_NO_RETRIES', 'CONDITION_ERROR', 'EXTRACT_VALUE_ERROR', 'CALLED_ELEMENT_ERROR',
  'UNHANDLED_ERROR_EVENT', 'FORM_NOT_FOUND', 'RESOURCE_NOT_FOUND']);

export function toIncident(incident: Incident, processDefinitionKey: string) {
  return {
    incidentKey: incident.key, processDefinitionId: incident.bpmnProcessId, processDefinitionKey, processInstanceKey: incident.processInstanceKey,
    errorType: KNOWN_INCIDENT_TYPES.has(incident.errorType) ? incident.errorType : 'UNKNOWN', errorMessage: incident.errorMessage,
    elementId: incident.elementId, elementInstanceKey: incident.elementInstanceKey, creationTime: incident.createdAt, state: incident.state,
    tenantId: TENANT, ...(incident.jobKey ? { jobKey: incident.jobKey } : {}),
  };
}

const ELEMENT_TYPES: Record<string, string> = {
  process: 'PROCESS', subProcess: 'SUB_PROCESS', startEvent: 'START_EVENT', intermediateCatchEvent: 'INTERMEDIATE_CATCH_EVENT',
  intermediateThrowEvent: 'INTERMEDIATE_THROW_EVENT', boundaryEvent: 'BOUNDARY_EVENT', endEvent: 'END_EVENT', serviceTask: 'SERVICE_TASK',
  receiveTask: 'RECEIVE_TASK', userTask: 'USER_TASK', manualTask: 'MANUAL_TASK', task: 'TASK', exclusiveGateway: 'EXCLUSIVE_GATEWAY',
  inclusiveGateway: 'INCLUSIVE_GATEWAY', parallelGateway: 'PARALLEL_GATEWAY', eventBasedGateway: 'EVENT_BASED_GATEWAY',
  callActivity: 'CALL_ACTIVITY', sendTask: 'SEND_TASK', multiInstanceBody: 'MULTI_INSTANCE_BODY',
};

export function toElementInstance(e: ElementInstanceInfo) {
  return {
    elementInstanceKey: e.key, processInstanceKey: e.processInstanceKey, processDefinitionKey: e.processDefinitionKey, processDefinitionId: e.bpmnProcessId,
    // The engine keeps no start time per element (finished elements are deleted): the instance's start stands in.
    startDate: e.processInstanceStartedAt, elementId: e.elementId, elementName: e.elementName ?? e.elementId,
    type: ELEMENT_TYPES[e.elementType] ?? 'UNKNOWN', state: 'ACTIVE', hasIncident: e.incidentKey !== null, ...(e.incidentKey ? { incidentKey: e.incidentKey } : {}),
    tenantId: TENANT,
  };
}

/** A completed element instance (element_history): its end stands in for its start, which is not kept. */
export function toCompletedElementInstance(e: CompletedElementRow, processDefinitionKey: string) {
  return {
    elementInstanceKey: e.key, processInstanceKey: e.processInstanceKey, processDefinitionKey, processDefinitionId: e.bpmnProcessId,
    startDate: e.endedAt, endDate: e.endedAt, elementId: e.elementId, elementName: e.elementName ?? e.elementId,
    type: ELEMENT_TYPES[e.elementType] ?? 'UNKNOWN', state: 'COMPLETED', hasIncident: false, tenantId: TENANT,
  };
}

/** Our variables have no key of their own: `<scopeKey>-<name>` names one (parseVariableKey reverses it). */
export function toVariable(v: VariableInfo) {
  return {
    variableKey: `${v.scopeKey}-${v.name}`, name: v.name, value: JSON.stringify(v.value ?? null), scopeKey: v.scopeKey,
    processInstanceKey: v.processInstanceKey, tenantId: TENANT, isTruncated: false,
  };
}

export function parseVariableKey(key: string): { scopeKey: string; name: string } | null {
  const m = /^(\d{1,19})-(.+)$/.exec(key);
  return m ? { scopeKey: m[1], name: m[2] } : null;
}

export function toProcessDefinition(d: ProcessDefinitionVersion) {
  return {
    processDefinitionKey: d.key, processDefinitionId: d.bpmnProcessId, ...(d.name ? { name: d.name } : {}), resourceName: d.resourceName,
    version: d.version, tenantId: TENANT, hasStartForm: false, state: 'ACTIVE',
  };
}

/** A Camunda filter value: a plain value or an advanced filter; we understand `$eq`, `$in` and `$neq`/`$exists` on strings. */
export function matches(filter: unknown, value: string | number | boolean | null | undefined | readonly string[]): boolean {
  if (filter === undefined) return true;
  const values = Array.isArray(value) ? (value as readonly string[]) : [value];
  if (filter === null || typeof filter !== 'object') return values.some((v) => v === filter || (typeof filter === 'string' && String(v) === filter));
  const f = filter as Record<string, unknown>;
  if ('$eq' in f && !values.some((v) => String(v) === String(f['$eq']))) return false;
  if ('$neq' in f && values.some((v) => String(v) === String(f['$neq']))) return false;
  if ('$in' in f && !(Array.isArray(f['$in']) && values.some((v) => (f['$in'] as unknown[]).map(String).includes(String(v))))) return false;
  if ('$notIn' in f && Array.isArray(f['$notIn']) && values.some((v) => (f['$notIn'] as unknown[]).map(String).includes(String(v)))) return false;
  if ('$exists' in f && f['$exists'] !== values.some((v) => v !== null && v !== undefined)) return false;
  return true;
}

/** The plain string a filter names exactly (to push it down to the port), or undefined. */
export function exact(filter: unknown): string | undefined {
  if (typeof filter === 'string') return filter;
  if (filter && typeof filter === 'object' && typeof (filter as { $eq?: unknown }).$eq === 'string') return (filter as { $eq: string }).$eq;
  return undefined;
}

export interface SearchRequest {
  filter?: Record<string, unknown>;
  page?: { from?: number; limit?: number };
  sort?: { field: string; order?: 'asc' | 'desc' | 'ASC' | 'DESC' }[];
}

/** Filters (every field must match), sorts and pages items already in Camunda's shape; answers Camunda's search result. */
export function searchResult<T extends object>(items: T[], request: SearchRequest, fields: readonly (keyof T & string)[]) {
  const filter = request.filter ?? {};
  for (const name of Object.keys(filter)) if (!fields.includes(name as keyof T & string)) throw new V2RequestError(`filter field '${name}' is not supported`);
  let result = items.filter((item) => Object.entries(filter).every(([name, f]) => matches(f, (item as Record<string, never>)[name])));
  for (const { field, order } of [...(request.sort ?? [])].reverse()) {
    const dir = order?.toLowerCase() === 'desc' ? -1 : 1;
    result = [...result].sort((a, b) => dir * compare((a as Record<string, unknown>)[field], (b as Record<string, unknown>)[field]));
  }
  const from = request.page?.from ?? 0;
  const limit = request.page?.limit ?? 100;
  return { items: result.slice(from, from + limit), page: { totalItems: result.length } };
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  // Keys are decimal strings of different lengths: compare them as numbers.
  if (typeof a === 'string' && typeof b === 'string' && /^\d+$/.test(a) && /^\d+$/.test(b)) return BigInt(a) < BigInt(b) ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : 1;
  return String(a) < String(b) ? -1 : 1;
}
