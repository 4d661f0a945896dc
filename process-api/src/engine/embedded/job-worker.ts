import { randomUUID } from 'node:crypto';
import type { ActivatedJob, JobHandler, JobOutcome } from '../process-engine';
import type { EngineCore } from './engine-core';
import { visibleVariables } from './instance-state';
import { loadInstanceUnlocked } from './instance-store';

export interface WorkerRegistration {
  type: string;
  handler: JobHandler;
  maxJobs: number;
  timeoutMs: number;
}

interface JobRow {
  key: string;
  type: string;
  retries: number;
  process_instance_key: string;
  element_instance_key: string;
  element_id: string;
  bpmn_process_id: string;
  custom_headers: Record<string, string>;
  worker: string;
}

/** Claims activatable jobs (SKIP LOCKED), runs the handler outside any transaction, settles in a new one. */
export class JobWorker {
  constructor(private readonly core: EngineCore) {}

  /** Runs one batch for a worker; returns how many jobs were handled. */
  async runOnce(worker: WorkerRegistration): Promise<number> {
    const now = this.core.clock.now();
    const activation = `${worker.type}:${randomUUID()}`;
    const rows: JobRow[] = await this.core.dataSource.query(
      `WITH claimed AS (UPDATE job SET state = 'ACTIVATED', worker = $4, deadline = $5 WHERE key IN (
         SELECT key FROM job WHERE type = $1 AND ((state = 'ACTIVATABLE' AND (retry_at IS NULL OR retry_at <= $2)) OR (state = 'ACTIVATED' AND deadline <= $2))
         ORDER BY key LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING key::text, type, retries, process_instance_key::text, element_instance_key::text, element_id, bpmn_process_id, custom_headers, worker)
       SELECT * FROM claimed ORDER BY key::bigint`,
      [worker.type, now, worker.maxJobs, activation, new Date(now.getTime() + worker.timeoutMs)],
    );
    await Promise.all(rows.map((row) => this.handle(worker, row)));
    return rows.length;
  }

  private async handle(worker: WorkerRegistration, row: JobRow): Promise<void> {
    const state = await loadInstanceUnlocked(this.core.dataSource.manager, row.process_instance_key);
    const job: ActivatedJob = {
      key: row.key, type: row.type, processInstanceKey: row.process_instance_key, bpmnProcessId: row.bpmn_process_id, elementId: row.element_id,
      retries: row.retries, customHeaders: row.custom_headers, variables: state ? visibleVariables(state, row.element_instance_key) : {},
    };
    let outcome: JobOutcome;
    try {
      outcome = await worker.handler(job);
    } catch (e) {
      // A throwing handler is a failure with its message, as in the Camunda SDK.
      outcome = { outcome: 'fail', errorMessage: e instanceof Error ? e.message : String(e) };
    }
    try {
      await this.settle(row, outcome);
    } catch (e) {
      console.error(`settling job ${row.key} failed`, e);
    }
  }

  /** Applies a job outcome; a stale activation (timed out and taken by another worker, or canceled) is ignored. */
  async settle(row: JobRow, outcome: JobOutcome): Promise<void> {
    await this.core.command(undefined, async (ctx) => {
      const state = await this.core.lockInstance(ctx, row.process_instance_key);
      const [current] = await ctx.tx.query(`SELECT retries FROM job WHERE key = $1 AND state = 'ACTIVATED' AND worker = $2`, [row.key, row.worker]);
      if (!current) return;
      if (outcome.outcome === 'complete') {
        await ctx.tx.query(`DELETE FROM job WHERE key = $1`, [row.key]);
        await this.core.step(ctx, state, (i) => {
          i.record('JOB_COMPLETED', { elementId: row.element_id, detail: { jobKey: row.key, type: row.type } });
          i.completeWaiting(row.element_instance_key, outcome.variables ?? {});
        });
        return;
      }
      if (outcome.outcome === 'fail') {
        const retries = outcome.retries ?? current.retries - 1;
        const retryAt = retries > 0 && outcome.retryBackOffMs ? new Date(ctx.now.getTime() + outcome.retryBackOffMs) : null;
        await ctx.tx.query(`UPDATE job SET state = $2, retries = $3, retry_at = $4, error_message = $5, worker = NULL, deadline = NULL WHERE key = $1`,
          [row.key, retries > 0 ? 'ACTIVATABLE' : 'FAILED', Math.max(retries, 0), retryAt, outcome.errorMessage]);
        await this.core.step(ctx, state, (i) => {
          i.record('JOB_FAILED', { elementId: row.element_id, detail: { jobKey: row.key, retries, errorMessage: outcome.errorMessage } });
          if (retries <= 0) i.incident(row.element_instance_key, 'JOB_NO_RETRIES', outcome.errorMessage, row.key);
        });
        return;
      }
      // A caught error leaves the task (its job row goes with it); an uncaught one stays as an incident.
      await ctx.tx.query(`UPDATE job SET state = 'ERROR_THROWN', error_message = $2, worker = NULL, deadline = NULL WHERE key = $1`, [row.key, outcome.errorMessage ?? outcome.errorCode]);
      await this.core.step(ctx, state, (i) => {
        if (i.throwError(row.element_instance_key, outcome.errorCode, outcome.variables ?? {})) return;
        i.incident(row.element_instance_key, 'UNHANDLED_ERROR_EVENT', `unhandled BPMN error '${outcome.errorCode}'${outcome.errorMessage ? `: ${outcome.errorMessage}` : ''}`, row.key);
      });
    });
  }
}
