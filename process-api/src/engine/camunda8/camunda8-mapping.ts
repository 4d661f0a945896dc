/*
 * Camunda 8.8 REST answers -> the ProcessEngine port's types. Pure functions. Where Camunda has no field the port
 * has (a task's version, an instance's root), the adapter supplies it (see camunda8-rest-process-engine.ts).
 */
import type { ActivatedJob, ExternalJob, Incident, ProcessDefinitionVersion, ProcessInstance, ProcessInstanceState, UserTask, UserTaskState } from '../process-engine';

export interface RestProcessInstance {
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  startDate: string;
  endDate?: string;
  parentProcessInstanceKey?: string;
}

export interface RestUserTask {
  userTaskKey: string;
  name?: string;
  state: string;
  assignee?: string;
  elementId: string;
  candidateGroups?: string[];
  candidateUsers?: string[];
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  formKey?: string;
  creationDate: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: number;
}

export interface RestIncident {
  incidentKey: string;
  processDefinitionId: string;
  processInstanceKey: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  elementInstanceKey: string;
  creationTime: string;
  state: string;
  jobKey?: string;
}

export interface RestDefinition {
  processDefinitionKey: string;
  processDefinitionId: string;
  name?: string;
  resourceName: string;
  version: number;
}

export interface RestVariable {
  variableKey: string;
  name: string;
  /** The value as JSON text (Camunda's variables API stores documents). */
  value: string;
  scopeKey: string;
  processInstanceKey: string;
  isTruncated?: boolean;
}

export interface RestActivatedJob {
  jobKey: string;
  type: string;
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
  elementId: string;
  elementInstanceKey: string;
  customHeaders?: Record<string, unknown>;
  worker: string;
  retries: number;
  deadline: number | string;
  variables?: Record<string, unknown>;
}

/** Camunda calls a canceled instance TERMINATED. */
export function toInstanceState(state: RestProcessInstance['state']): ProcessInstanceState {
  return state === 'TERMINATED' ? 'CANCELED' : state;
}

export function fromInstanceState(state: ProcessInstanceState): RestProcessInstance['state'] {
  return state === 'CANCELED' ? 'TERMINATED' : state;
}

export function toProcessInstance(pi: RestProcessInstance, rootProcessInstanceKey: string): ProcessInstance {
  return {
    key: pi.processInstanceKey, bpmnProcessId: pi.processDefinitionId, processDefinitionKey: pi.processDefinitionKey, version: pi.processDefinitionVersion,
    state: toInstanceState(pi.state), rootProcessInstanceKey, startedAt: pi.startDate, endedAt: pi.endDate ?? null,
  };
}

/** 8.8 user task states beyond ours (CREATING, ASSIGNING, FAILED...) are transitions of an open task. */
export function toTaskState(state: string): UserTaskState {
  return state === 'COMPLETED' ? 'COMPLETED' : state === 'CANCELED' ? 'CANCELED' : 'CREATED';
}

export function toUserTask(t: RestUserTask): UserTask {
  return {
    key: t.userTaskKey, elementId: t.elementId, name: t.name ?? t.elementId, bpmnProcessId: t.processDefinitionId, processDefinitionKey: t.processDefinitionKey,
    processInstanceKey: t.processInstanceKey, state: toTaskState(t.state), assignee: t.assignee ?? null, candidateGroups: t.candidateGroups ?? [],
    candidateUsers: t.candidateUsers ?? [], formKey: t.formKey ?? null, dueDate: t.dueDate ?? null, followUpDate: t.followUpDate ?? null,
    priority: t.priority ?? 50,
    // Camunda has no optimistic version on user tasks: 0, and expectedVersion is not sent.
    version: 0, createdAt: t.creationDate,
  };
}

export function toIncident(i: RestIncident): Incident {
  return {
    key: i.incidentKey, processInstanceKey: i.processInstanceKey, bpmnProcessId: i.processDefinitionId, elementId: i.elementId,
    elementInstanceKey: i.elementInstanceKey, errorType: i.errorType, errorMessage: i.errorMessage, jobKey: i.jobKey ?? null,
    state: i.state === 'ACTIVE' ? 'ACTIVE' : 'RESOLVED', createdAt: i.creationTime,
  };
}

export function toDefinition(d: RestDefinition): ProcessDefinitionVersion {
  // Camunda's definition search has no deployment time: the list is ordered, the instant is unknown.
  return { key: d.processDefinitionKey, bpmnProcessId: d.processDefinitionId, name: d.name ?? null, version: d.version, resourceName: d.resourceName, deployedAt: '' };
}

/** Custom headers are strings in the port (Zeebe sends strings; the REST answer may carry them parsed). */
export function toHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

export function parseValue(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

export function toActivatedJob(j: RestActivatedJob, rootProcessInstanceKey: string): ActivatedJob {
  return {
    key: j.jobKey, type: j.type, processInstanceKey: j.processInstanceKey, rootProcessInstanceKey, bpmnProcessId: j.processDefinitionId,
    elementId: j.elementId, retries: j.retries, customHeaders: toHeaders(j.customHeaders), variables: j.variables ?? {},
  };
}

export function toExternalJob(j: RestActivatedJob, rootProcessInstanceKey: string): ExternalJob {
  return {
    ...toActivatedJob(j, rootProcessInstanceKey), elementInstanceKey: j.elementInstanceKey, processDefinitionKey: j.processDefinitionKey,
    processDefinitionVersion: j.processDefinitionVersion, worker: j.worker, deadline: new Date(Number(j.deadline)).toISOString(),
  };
}
