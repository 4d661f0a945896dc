import type { EntityManager } from 'typeorm';
import { isEngineKey, type ElementInstanceFilter, type ElementInstanceInfo, type VariableFilter, type VariableInfo } from '../process-engine';

/** Read-only queries over live element instances and variables (the Camunda 8 search endpoints' counterparts). */


export async function searchElementInstances(tx: EntityManager, filter: ElementInstanceFilter): Promise<Omit<ElementInstanceInfo, 'elementName'>[]> {
  if ([filter.key, filter.processInstanceKey].some((k) => k !== undefined && !isEngineKey(k))) return [];
  const rows: { key: string; process_instance_key: string; process_definition_key: string; bpmn_process_id: string; element_id: string;
    element_type: string; scope_key: string | null; incident_key: string | null; created_at: Date }[] = await tx.query(
    `SELECT e.key::text, e.process_instance_key::text, p.process_definition_key::text, p.bpmn_process_id, e.element_id, e.element_type,
            e.scope_key::text, (SELECT min(i.key)::text FROM incident i WHERE i.element_instance_key = e.key AND i.state = 'ACTIVE') AS incident_key, p.created_at
     FROM element_instance e JOIN process_instance p ON p.key = e.process_instance_key
     WHERE ($1::bigint IS NULL OR e.key = $1) AND ($2::bigint IS NULL OR e.process_instance_key = $2) AND ($3::text IS NULL OR e.element_id = $3)
     ORDER BY e.key LIMIT 10000`,
    [filter.key ?? null, filter.processInstanceKey ?? null, filter.elementId ?? null]);
  return rows.map((r) => ({
    key: r.key, processInstanceKey: r.process_instance_key, processDefinitionKey: r.process_definition_key, bpmnProcessId: r.bpmn_process_id,
    elementId: r.element_id, elementType: r.element_type, scopeKey: r.scope_key, incidentKey: r.incident_key,
    processInstanceStartedAt: new Date(r.created_at).toISOString(),
  }));
}

export async function searchVariables(tx: EntityManager, filter: VariableFilter): Promise<VariableInfo[]> {
  if ([filter.scopeKey, filter.processInstanceKey].some((k) => k !== undefined && !isEngineKey(k))) return [];
  const rows: { name: string; value: unknown; scope_key: string; process_instance_key: string }[] = await tx.query(
    `SELECT name, value, scope_key::text, process_instance_key::text FROM variable
     WHERE ($1::bigint IS NULL OR process_instance_key = $1) AND ($2::bigint IS NULL OR scope_key = $2) AND ($3::text IS NULL OR name = $3)
     ORDER BY scope_key, name LIMIT 10000`,
    [filter.processInstanceKey ?? null, filter.scopeKey ?? null, filter.name ?? null]);
  return rows.map((r) => ({ name: r.name, value: r.value, scopeKey: r.scope_key, processInstanceKey: r.process_instance_key }));
}
