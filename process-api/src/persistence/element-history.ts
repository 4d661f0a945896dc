import type { DataSource } from 'typeorm';
import type { ProcessEngine } from '../engine/process-engine';

/** A completed element instance as element_history keeps it. */
export interface CompletedElementRow {
  key: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementName: string | null;
  elementType: string;
  endedAt: string;
}

/**
 * Keeps every completed element instance (in the engine's transaction, replay-safe), so that the /v2 element
 * instance search can answer COMPLETED elements as Camunda does. Process-level completions are the instance's own.
 */
export function registerElementHistory(engine: ProcessEngine): void {
  engine.onRecords(async (tx, records) => {
    const rows = records.flatMap((r) => {
      const key = r.detail?.['elementInstanceKey'];
      if (r.kind !== 'ELEMENT_COMPLETED' || typeof key !== 'string' || r.elementType === 'process') return [];
      return [{ key, pi: r.processInstanceKey, bpmn: r.bpmnProcessId, id: r.elementId ?? '', name: r.elementName ?? null, type: r.elementType ?? 'unknown', at: r.at }];
    });
    // One statement for all the records of a command (or a batch of commands), whatever their number.
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO element_history (key, process_instance_key, bpmn_process_id, element_id, element_name, element_type, ended_at)
       SELECT x.key, x.pi, x.bpmn, x.id, x.name, x.type, x.at FROM jsonb_to_recordset($1::jsonb) AS x(key bigint, pi bigint, bpmn text, id text, name text, type text, at timestamptz)
       ON CONFLICT (key) DO NOTHING`,
      [JSON.stringify(rows)]);
  });
}

/** Completed element instances, optionally of one instance / element / key, in creation (key) order. */
export async function completedElements(dataSource: DataSource, filter: { key?: string; processInstanceKey?: string; elementId?: string }): Promise<CompletedElementRow[]> {
  const rows: { key: string; process_instance_key: string; bpmn_process_id: string; element_id: string; element_name: string | null; element_type: string; ended_at: Date }[] =
    await dataSource.query(
      `SELECT key::text, process_instance_key::text, bpmn_process_id, element_id, element_name, element_type, ended_at FROM element_history
       WHERE ($1::bigint IS NULL OR key = $1) AND ($2::bigint IS NULL OR process_instance_key = $2) AND ($3::text IS NULL OR element_id = $3) ORDER BY element_history.key`,
      [filter.key ?? null, filter.processInstanceKey ?? null, filter.elementId ?? null]);
  return rows.map((r) => ({
    key: r.key, processInstanceKey: r.process_instance_key, bpmnProcessId: r.bpmn_process_id, elementId: r.element_id, elementName: r.element_name,
    elementType: r.element_type, endedAt: new Date(r.ended_at).toISOString(),
  }));
}
