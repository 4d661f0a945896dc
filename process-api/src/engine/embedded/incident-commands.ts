import type { EntityManager } from 'typeorm';
import { EngineError, type Incident, type Variables } from '../process-engine';
import type { CommandContext, EngineCore } from './engine-core';

interface IncidentRow {
  key: string; process_instance_key: string; bpmn_process_id: string; element_id: string; element_instance_key: string;
  error_type: string; error_message: string; job_key: string | null; state: Incident['state']; created_at: Date;
}

export async function listIncidents(tx: EntityManager, filter: { processInstanceKey?: string; state?: Incident['state'] }): Promise<Incident[]> {
  const rows: IncidentRow[] = await tx.query(
    `SELECT i.key::text, i.process_instance_key::text, p.bpmn_process_id, i.element_id, i.element_instance_key::text, i.error_type, i.error_message,
            i.job_key::text, i.state, i.created_at
     FROM incident i JOIN process_instance p ON p.key = i.process_instance_key
     WHERE ($1::bigint IS NULL OR i.process_instance_key = $1) AND ($2::text IS NULL OR i.state = $2)
     ORDER BY i.key DESC LIMIT 1000`,
    [filter.processInstanceKey ?? null, filter.state ?? null]);
  return rows.map((r) => ({
    key: r.key, processInstanceKey: r.process_instance_key, bpmnProcessId: r.bpmn_process_id, elementId: r.element_id,
    elementInstanceKey: r.element_instance_key, errorType: r.error_type, errorMessage: r.error_message, jobKey: r.job_key,
    state: r.state, createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Resolves an incident: job incidents re-enable the job; others retry the failed activation or completion. */
export async function resolveIncident(core: EngineCore, ctx: CommandContext, key: string): Promise<void> {
  const [ref] = await ctx.tx.query(`SELECT process_instance_key::text FROM incident WHERE key = $1`, [key]);
  if (!ref) throw new EngineError('INCIDENT_NOT_FOUND', `incident ${key} not found`);
  const state = await core.lockInstance(ctx, ref.process_instance_key);
  const [incident] = await ctx.tx.query(`SELECT element_instance_key::text, element_id, job_key::text, error_type FROM incident WHERE key = $1 AND state = 'ACTIVE'`, [key]);
  if (!incident) throw new EngineError('INCIDENT_NOT_FOUND', `incident ${key} is not active`);
  await ctx.tx.query(`UPDATE incident SET state = 'RESOLVED' WHERE key = $1`, [key]);
  await core.step(ctx, state, (i) => {
    i.record('INCIDENT_RESOLVED', { elementId: incident.element_id, detail: { incidentKey: key, errorType: incident.error_type } });
    if (!incident.job_key) i.retry(incident.element_instance_key);
  });
  if (!incident.job_key) return;
  const [job] = await ctx.tx.query(`SELECT retries FROM job WHERE key = $1`, [incident.job_key]);
  if (!job) return;
  if (incident.error_type === 'JOB_NO_RETRIES' && job.retries <= 0) {
    // The cause is still there: Zeebe raises the incident again.
    await core.step(ctx, state, (i) => i.incident(incident.element_instance_key, 'JOB_NO_RETRIES', 'the job has no retries left: update its retries first', incident.job_key));
    return;
  }
  await ctx.tx.query(`UPDATE job SET state = 'ACTIVATABLE', retry_at = NULL, worker = NULL, deadline = NULL WHERE key = $1`, [incident.job_key]);
  ctx.createdJobs = true;
}

export async function updateJobRetries(core: EngineCore, ctx: CommandContext, jobKey: string, retries: number): Promise<void> {
  const [ref] = await ctx.tx.query(`SELECT process_instance_key::text FROM job WHERE key = $1`, [jobKey]);
  if (!ref) throw new EngineError('JOB_NOT_FOUND', `job ${jobKey} not found`);
  await core.lockInstance(ctx, ref.process_instance_key);
  await ctx.tx.query(`UPDATE job SET retries = $2 WHERE key = $1`, [jobKey, retries]);
}

export async function setVariables(core: EngineCore, ctx: CommandContext, scopeKey: string, variables: Variables, local: boolean): Promise<void> {
  const [ref] = await ctx.tx.query(
    `SELECT key::text AS pi FROM process_instance WHERE key = $1 UNION ALL SELECT process_instance_key::text FROM element_instance WHERE key = $1`, [scopeKey]);
  if (!ref) throw new EngineError('INSTANCE_NOT_FOUND', `no process or element instance ${scopeKey}`);
  const state = await core.lockInstance(ctx, ref.pi);
  await core.step(ctx, state, (i) => {
    if (local) for (const [name, value] of Object.entries(variables)) i.setLocal(scopeKey, name, value);
    else i.mergeUp(scopeKey, variables);
  });
}
