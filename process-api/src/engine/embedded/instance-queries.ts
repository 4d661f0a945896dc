import type { EntityManager } from 'typeorm';
import { isEngineKey, type ProcessInstance, type ProcessInstanceFilter, type UserTask, type UserTaskFilter } from '../process-engine';
import { toUserTask, USER_TASK_COLUMNS, type UserTaskRow } from './user-task-commands';

/** Read-only queries of the port (the Camunda 8 search endpoints' counterparts): no lock, no command. */

interface InstanceRow {
  key: string; bpmn_process_id: string; process_definition_key: string; version: number; state: ProcessInstance['state'];
  root_process_instance_key: string; created_at: Date; ended_at: Date | null;
}

const INSTANCE_COLUMNS = `key::text, bpmn_process_id, process_definition_key::text, version, state, root_process_instance_key::text, created_at, ended_at`;

function toInstance(row: InstanceRow): ProcessInstance {
  return {
    key: row.key, bpmnProcessId: row.bpmn_process_id, processDefinitionKey: row.process_definition_key, version: row.version, state: row.state,
    rootProcessInstanceKey: row.root_process_instance_key, startedAt: new Date(row.created_at).toISOString(),
    endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
  };
}

/** A key that is not a decimal bigint names nothing (rather than a database error). */

export async function getProcessInstance(tx: EntityManager, key: string): Promise<ProcessInstance | null> {
  if (!isEngineKey(key)) return null;
  const [row] = await tx.query(`SELECT ${INSTANCE_COLUMNS} FROM process_instance WHERE key = $1`, [key]);
  return row ? toInstance(row) : null;
}

export async function searchProcessInstances(tx: EntityManager, filter: ProcessInstanceFilter): Promise<ProcessInstance[]> {
  if (filter.rootProcessInstanceKey !== undefined && !isEngineKey(filter.rootProcessInstanceKey)) return [];
  const rows: InstanceRow[] = await tx.query(
    `SELECT ${INSTANCE_COLUMNS} FROM process_instance
      WHERE ($1::text IS NULL OR bpmn_process_id = $1) AND ($2::text IS NULL OR state = $2)
        AND ($3::bigint IS NULL OR root_process_instance_key = $3) AND ($4::text IS NULL OR correlation_tag = $4)
      ORDER BY process_instance.key`,
    [filter.bpmnProcessId ?? null, filter.state ?? null, filter.rootProcessInstanceKey ?? null, filter.correlationKey ?? null]);
  return rows.map(toInstance);
}

export async function searchUserTasks(tx: EntityManager, filter: UserTaskFilter): Promise<UserTask[]> {
  if ([filter.processInstanceKey, filter.rootProcessInstanceKey].some((k) => k !== undefined && !isEngineKey(k))) return [];
  const rows: UserTaskRow[] = await tx.query(
    `SELECT ${USER_TASK_COLUMNS} FROM user_task
      WHERE ($1::bigint IS NULL OR process_instance_key = $1) AND ($2::bigint IS NULL OR root_process_instance_key = $2)
        AND ($3::text IS NULL OR state = $3) AND ($4::text IS NULL OR element_id = $4)
      ORDER BY user_task.key`,
    [filter.processInstanceKey ?? null, filter.rootProcessInstanceKey ?? null, filter.state ?? null, filter.elementId ?? null]);
  return rows.map(toUserTask);
}
