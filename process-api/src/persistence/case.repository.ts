import type { DataSource } from 'typeorm';
import type { TimelineEntry } from '@werkbank/shared';
import type { CaseQueries, CaseRecord } from '../application/ports';
import { RESTRICTED_GROUPS } from '../domain/tasks/task-access';
import { isEngineKey } from '../engine/process-engine';

export class CaseRepository implements CaseQueries {
  constructor(private readonly dataSource: DataSource) {}

  async find(caseId: string): Promise<CaseRecord | null> {
    if (!isEngineKey(caseId)) return null;
    const [row] = await this.dataSource.query(
      `SELECT id::text, status, bpmn_process_id, process_name, process_version, enterprise_number, amount_due::text AS amount_due, opened_at, closed_at,
              ARRAY(SELECT DISTINCT g FROM user_task t, unnest(t.candidate_groups) g
                     WHERE t.root_process_instance_key = work_case.id AND g = ANY($2::text[]) ORDER BY g) AS restricted_groups
         FROM work_case WHERE id = $1`,
      [caseId, RESTRICTED_GROUPS],
    );
    if (!row) return null;
    return {
      id: row.id,
      status: row.status,
      bpmnProcessId: row.bpmn_process_id,
      processName: row.process_name,
      processVersion: row.process_version,
      enterpriseNumber: row.enterprise_number,
      amountDue: row.amount_due,
      openedAt: row.opened_at.toISOString(),
      closedAt: row.closed_at ? row.closed_at.toISOString() : null,
      restrictedGroups: row.restricted_groups,
    };
  }

  async timeline(caseId: string): Promise<TimelineEntry[]> {
    const rows = await this.dataSource.query(`SELECT at, kind, actor, title, detail FROM case_event WHERE case_id = $1 ORDER BY at, id`, [caseId]);
    return rows.map((r: { at: Date; kind: string; actor: string | null; title: string; detail: Record<string, unknown> | null }) => ({
      at: r.at.toISOString(),
      kind: r.kind,
      actor: r.actor,
      title: r.title,
      ...(r.detail ? { detail: r.detail } : {}),
    }));
  }
}
