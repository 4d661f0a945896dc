import { randomUUID } from 'node:crypto';
import { isEngineKey, EngineError, type ActivateJobsCommand, type ExternalJob, type JobOutcome } from '../process-engine';
import type { EngineCore } from './engine-core';
import { visibleVariables } from './instance-state';
import { loadInstanceUnlocked } from './instance-store';
import { JobWorker, type JobRow } from './job-worker';

/**
 * Jobs for workers outside the process (the Camunda /v2 job API): the same claim as JobWorker.runOnce (SKIP LOCKED,
 * a fresh activation id in `worker`) and the same settle logic, only the handler runs in another program.
 */
export class ExternalJobs {
  private readonly settler: JobWorker;

  constructor(private readonly core: EngineCore) {
    this.settler = new JobWorker(core);
  }

  async activate(command: ActivateJobsCommand): Promise<ExternalJob[]> {
    const now = this.core.clock.now();
    const deadline = new Date(now.getTime() + command.timeoutMs);
    // The activation id keeps the worker's name readable; the suffix makes a re-activation after a timeout distinct.
    const activation = `${command.worker}#${randomUUID()}`;
    const rows: (JobRow & { process_definition_key: string; version: number })[] = await this.core.dataSource.query(
      `WITH claimed AS (UPDATE job SET state = 'ACTIVATED', worker = $4, deadline = $5 WHERE key IN (
         SELECT key FROM job WHERE type = $1 AND ((state = 'ACTIVATABLE' AND (retry_at IS NULL OR retry_at <= $2)) OR (state = 'ACTIVATED' AND deadline <= $2))
         ORDER BY key LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING key, type, retries, process_instance_key, element_instance_key, element_id, bpmn_process_id, custom_headers, worker)
       SELECT c.key::text, c.type, c.retries, c.process_instance_key::text, c.element_instance_key::text, c.element_id, c.bpmn_process_id,
              c.custom_headers, c.worker, p.process_definition_key::text, p.version
       FROM claimed c JOIN process_instance p ON p.key = c.process_instance_key ORDER BY c.key`,
      [command.type, now, Math.max(0, command.maxJobsToActivate), activation, deadline],
    );
    const jobs: ExternalJob[] = [];
    for (const row of rows) {
      const state = await loadInstanceUnlocked(this.core.dataSource.manager, row.process_instance_key);
      const all = state ? visibleVariables(state, row.element_instance_key) : {};
      const variables = command.fetchVariable && command.fetchVariable.length > 0
        ? Object.fromEntries(command.fetchVariable.filter((n) => n in all).map((n) => [n, all[n]]))
        : all;
      jobs.push({
        key: row.key, type: row.type, processInstanceKey: row.process_instance_key, rootProcessInstanceKey: state?.rootProcessInstanceKey ?? row.process_instance_key,
        bpmnProcessId: row.bpmn_process_id, elementId: row.element_id, retries: row.retries, customHeaders: row.custom_headers, variables,
        elementInstanceKey: row.element_instance_key, processDefinitionKey: row.process_definition_key, processDefinitionVersion: row.version,
        worker: command.worker, deadline: deadline.toISOString(),
      });
    }
    return jobs;
  }

  /** Applies an outcome to a job some external worker holds (whichever activation it is: the key is the caller's proof). */
  async settle(jobKey: string, outcome: JobOutcome): Promise<void> {
    await this.settler.settle(await this.activatedRow(jobKey), outcome);
  }

  async update(jobKey: string, changes: { retries?: number; timeoutMs?: number }): Promise<void> {
    const row = changes.timeoutMs !== undefined ? await this.activatedRow(jobKey) : await this.anyRow(jobKey);
    await this.core.command(undefined, async (ctx) => {
      await this.core.lockInstance(ctx, row.process_instance_key);
      await ctx.tx.query(
        `UPDATE job SET retries = coalesce($2::int, retries),
           deadline = CASE WHEN $3::bigint IS NULL OR state <> 'ACTIVATED' THEN deadline ELSE $4::timestamptz + make_interval(secs => $3::bigint / 1000.0) END
         WHERE key = $1`,
        [jobKey, changes.retries ?? null, changes.timeoutMs ?? null, ctx.now]);
    });
  }

  private async anyRow(jobKey: string): Promise<JobRow & { state: string }> {
    if (!isEngineKey(jobKey)) throw new EngineError('JOB_NOT_FOUND', `job ${jobKey} not found`);
    const [row] = await this.core.dataSource.query(
      `SELECT key::text, type, retries, process_instance_key::text, element_instance_key::text, element_id, bpmn_process_id, custom_headers, worker, state
       FROM job WHERE key = $1`, [jobKey]);
    if (!row) throw new EngineError('JOB_NOT_FOUND', `job ${jobKey} not found`);
    return row;
  }

  private async activatedRow(jobKey: string): Promise<JobRow> {
    const row = await this.anyRow(jobKey);
    if (row.state !== 'ACTIVATED') throw new EngineError('JOB_NOT_ACTIVATED', `job ${jobKey} is ${row.state.toLowerCase()}, not activated`);
    return row;
  }
}
