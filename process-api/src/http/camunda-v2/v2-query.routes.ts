import { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { ProcessEngine, ProcessInstanceState } from '../../engine/process-engine';
import { completedElements } from '../../persistence/element-history';
import { requireRole } from '../auth/require-role';
import {
  exact, parseVariableKey, searchResult, toCompletedElementInstance, toElementInstance, toIncident, toProcessDefinition, toProcessInstance, toVariable, type SearchRequest,
} from './v2-mapping';

class V2NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
}

const PROCESS_INSTANCE_FIELDS = ['processInstanceKey', 'processDefinitionId', 'processDefinitionName', 'processDefinitionVersion', 'processDefinitionKey',
  'state', 'hasIncident', 'tenantId', 'parentProcessInstanceKey'] as const;
const DEFINITION_FIELDS = ['processDefinitionKey', 'processDefinitionId', 'name', 'resourceName', 'version', 'tenantId'] as const;
const INCIDENT_FIELDS = ['incidentKey', 'processDefinitionId', 'processDefinitionKey', 'processInstanceKey', 'errorType', 'errorMessage', 'elementId',
  'elementInstanceKey', 'state', 'jobKey', 'tenantId'] as const;
const ELEMENT_FIELDS = ['elementInstanceKey', 'processInstanceKey', 'processDefinitionKey', 'processDefinitionId', 'elementId', 'elementName', 'type', 'state',
  'hasIncident', 'incidentKey', 'tenantId'] as const;
const VARIABLE_FIELDS = ['variableKey', 'name', 'value', 'scopeKey', 'processInstanceKey', 'tenantId', 'isTruncated'] as const;

const body = (b: unknown): SearchRequest => (b && typeof b === 'object' ? (b as SearchRequest) : {});

/** Read side of /v2: searches and gets (team leads, designers, administrators: agents work through the task API). */
export function v2QueryRoutes(engine: ProcessEngine, dataSource: DataSource): Router {
  const router = Router();
  const readers = requireRole('team-lead', 'designer', 'admin');

  const definitions = async () => new Map((await engine.listProcessDefinitions()).map((d) => [d.key, d]));
  const instances = async (filter: Record<string, unknown>) => {
    const [defs, incidents] = await Promise.all([definitions(), engine.listIncidents({ state: 'ACTIVE' })]);
    const withIncident = new Set(incidents.map((i) => i.processInstanceKey));
    const state = exact(filter['state']);
    const found = await engine.searchProcessInstances({
      bpmnProcessId: exact(filter['processDefinitionId']),
      state: state === 'TERMINATED' ? 'CANCELED' : (state as ProcessInstanceState | undefined),
    });
    return found.map((pi) => toProcessInstance(pi, {
      name: defs.get(pi.processDefinitionKey)?.name ?? null, hasIncident: withIncident.has(pi.key),
      parentProcessInstanceKey: pi.rootProcessInstanceKey !== pi.key ? pi.rootProcessInstanceKey : null,
    }));
  };

  router.post('/process-instances/search', readers, async (req, res) => {
    const request = body(req.body);
    res.json(searchResult(await instances(request.filter ?? {}), request, PROCESS_INSTANCE_FIELDS));
  });

  router.get('/process-instances/:key', readers, async (req, res) => {
    const pi = await engine.getProcessInstance(String(req.params['key']));
    if (!pi) throw new V2NotFoundError(`process instance ${req.params['key']} not found`);
    const [item] = (await instances({ processDefinitionId: pi.bpmnProcessId })).filter((i) => i.processInstanceKey === pi.key);
    res.json(item);
  });

  router.post('/process-definitions/search', readers, async (req, res) => {
    const request = body(req.body);
    const { isLatestVersion, ...filter } = request.filter ?? {};
    let all = (await engine.listProcessDefinitions()).map(toProcessDefinition);
    if (isLatestVersion === true) {
      const latest = new Map<string, number>();
      for (const d of all) latest.set(d.processDefinitionId, Math.max(latest.get(d.processDefinitionId) ?? 0, d.version));
      all = all.filter((d) => latest.get(d.processDefinitionId) === d.version);
    }
    res.json(searchResult(all, { ...request, filter }, DEFINITION_FIELDS));
  });

  router.get('/process-definitions/:key', readers, async (req, res) => {
    const definition = (await definitions()).get(String(req.params['key']));
    if (!definition) throw new V2NotFoundError(`process definition ${req.params['key']} not found`);
    res.json(toProcessDefinition(definition));
  });

  router.get('/process-definitions/:key/xml', readers, async (req, res) => {
    const xml = await engine.getProcessDefinitionXml(String(req.params['key']));
    if (xml === null) throw new V2NotFoundError(`process definition ${req.params['key']} not found`);
    res.type('text/xml').send(xml);
  });

  const incidents = async (filter: Record<string, unknown>) => {
    const state = exact(filter['state']);
    const [found, defs] = await Promise.all([
      engine.listIncidents({ processInstanceKey: exact(filter['processInstanceKey']), state: state === 'ACTIVE' || state === 'RESOLVED' ? state : undefined }),
      engine.searchProcessInstances({}),
    ]);
    const definitionOf = new Map(defs.map((pi) => [pi.key, pi.processDefinitionKey]));
    return found.map((i) => toIncident(i, definitionOf.get(i.processInstanceKey) ?? ''));
  };

  router.post('/incidents/search', readers, async (req, res) => {
    const request = body(req.body);
    res.json(searchResult(await incidents(request.filter ?? {}), request, INCIDENT_FIELDS));
  });

  router.get('/incidents/:key', readers, async (req, res) => {
    const incident = (await incidents({})).find((i) => i.incidentKey === req.params['key']);
    if (!incident) throw new V2NotFoundError(`incident ${req.params['key']} not found`);
    res.json(incident);
  });

  /** Active element instances from the engine, completed ones from element_history (terminated ones are not kept). */
  const elements = async (filter: { key?: string; processInstanceKey?: string; elementId?: string }, state: string | undefined) => {
    const active = state === undefined || state === 'ACTIVE' ? (await engine.searchElementInstances(filter)).map(toElementInstance) : [];
    if (state !== undefined && state !== 'COMPLETED') return active;
    const done = await completedElements(dataSource, filter);
    const definitionOf = new Map<string, string>();
    for (const key of new Set(done.map((e) => e.processInstanceKey))) definitionOf.set(key, (await engine.getProcessInstance(key))?.processDefinitionKey ?? '');
    return [...active, ...done.map((e) => toCompletedElementInstance(e, definitionOf.get(e.processInstanceKey) ?? ''))];
  };

  router.post('/element-instances/search', readers, async (req, res) => {
    const request = body(req.body);
    const filter = request.filter ?? {};
    const found = await elements({ key: exact(filter['elementInstanceKey']), processInstanceKey: exact(filter['processInstanceKey']), elementId: exact(filter['elementId']) }, exact(filter['state']));
    res.json(searchResult(found as (ReturnType<typeof toElementInstance> & { incidentKey?: string })[], { sort: [{ field: 'elementInstanceKey' }], ...request }, ELEMENT_FIELDS));
  });

  router.get('/element-instances/:key', readers, async (req, res) => {
    const [found] = await elements({ key: String(req.params['key']) }, undefined);
    if (!found) throw new V2NotFoundError(`element instance ${req.params['key']} not found (terminated element instances are not kept)`);
    res.json(found);
  });

  router.post('/variables/search', readers, async (req, res) => {
    const request = body(req.body);
    const filter = request.filter ?? {};
    const found = await engine.searchVariables({ processInstanceKey: exact(filter['processInstanceKey']), scopeKey: exact(filter['scopeKey']), name: exact(filter['name']) });
    res.json(searchResult(found.map(toVariable), request, VARIABLE_FIELDS));
  });

  router.get('/variables/:key', readers, async (req, res) => {
    const ref = parseVariableKey(String(req.params['key']));
    const [found] = ref ? await engine.searchVariables(ref) : [];
    if (!found) throw new V2NotFoundError(`variable ${req.params['key']} not found`);
    res.json(toVariable(found));
  });
  return router;
}
