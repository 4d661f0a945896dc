import type { EntityManager } from 'typeorm';
import { isEngineKey, type ProcessDefinitionVersion } from '../process-engine';

/** Every deployed version, grouped by process id, latest version first (read-only, no engine lock). */
export async function listProcessDefinitions(manager: EntityManager): Promise<ProcessDefinitionVersion[]> {
  const rows: { key: string; bpmn_process_id: string; name: string | null; version: number; resource_name: string; created_at: Date }[] = await manager.query(
    `SELECT key::text, bpmn_process_id, name, version, resource_name, created_at FROM process_definition ORDER BY bpmn_process_id, version DESC`);
  return rows.map((r) => ({
    key: r.key,
    bpmnProcessId: r.bpmn_process_id,
    name: r.name,
    version: r.version,
    resourceName: r.resource_name,
    deployedAt: new Date(r.created_at).toISOString(),
  }));
}

/** The XML as deployed, or null for an unknown (or non-numeric) key. */
export async function getProcessDefinitionXml(manager: EntityManager, key: string): Promise<string | null> {
  if (!isEngineKey(key)) return null;
  const [row]: { xml: string }[] = await manager.query(`SELECT xml FROM process_definition WHERE key = $1`, [key]);
  return row?.xml ?? null;
}
