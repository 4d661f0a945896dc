import { randomUUID } from 'node:crypto';
import type { ActivatedJob, JobHandler, JobOutcome } from '../process-engine';
import type { EngineCore } from './engine-core';
import { visibleVariables } from './instance-state';
import { loadInstanceUnlocked } from './instance-store';
import { publishMessage } from './message-commands';

export interface WorkerRegistration {
  type: string;
  handler: JobHandler;
  maxJobs: number;
  timeoutMs: number;
}

export interface JobRow {
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
      key: row.key, type: row.type, processInstanceKey: row.process_instance_key, rootProcessInstanceKey: state?.rootProcessInstanceKey ?? row.process_instance_key, bpmnProcessId: row.bpmn_process_id, elementId: row.element_id,
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
      // Each outcome settles the job row only if this activation still holds it: check and write in one statement
      // (wrapped in a SELECT: TypeORM answers a bare UPDATE/DELETE with [rows, count]).
      if (outcome.outcome === 'complete') {
        const [current] = await ctx.tx.query(`WITH d AS (DELETE FROM job WHERE key = $1 AND state = 'ACTIVATED' AND worker = $2 RETURNING key) SELECT key FROM d`, [row.key, row.worker]);
        if (!current) return;
        await this.core.step(ctx, state, (i) => {
          i.record('JOB_COMPLETED', { elementId: row.element_id, detail: { jobKey: row.key, type: row.type } });
          i.completeWaiting(row.element_instance_key, outcome.variables ?? {});
        });
        for (const message of outcome.messages ?? []) await publishMessage(this.core, ctx, message);
        return;
      }
      if (outcome.outcome === 'fail') {
        const [current]: { retries: number }[] = await ctx.tx.query(
          `WITH r AS (SELECT key, coalesce($3::int, retries - 1) AS retries FROM job WHERE key = $1 AND state = 'ACTIVATED' AND worker = $2),
           u AS (UPDATE job j SET state = CASE WHEN r.retries > 0 THEN 'ACTIVATABLE' ELSE 'FAILED' END, retries = greatest(r.retries, 0),
             retry_at = CASE WHEN r.retries > 0 AND $4::bigint > 0 THEN $5::timestamptz + make_interval(secs => $4::bigint / 1000.0) END,
             error_message = $6, worker = NULL, deadline = NULL
           FROM r WHERE j.key = r.key RETURNING r.retries)
           SELECT retries FROM u`,
          [row.key, row.worker, outcome.retries ?? null, outcome.retryBackOffMs ?? 0, ctx.now, outcome.errorMessage]);
        if (!current) return;
        const retries = current.retries;
        await this.core.step(ctx, state, (i) => {
          i.record('JOB_FAILED', { elementId: row.element_id, detail: { jobKey: row.key, retries, errorMessage: outcome.errorMessage } });
          if (retries <= 0) i.incident(row.element_instance_key, 'JOB_NO_RETRIES', outcome.errorMessage, row.key);
        });
        return;
      }
      const [current] = await ctx.tx.query(
        `WITH u AS (UPDATE job SET state = 'ERROR_THROWN', error_message = $3, worker = NULL, deadline = NULL WHERE key = $1 AND state = 'ACTIVATED' AND worker = $2 RETURNING key) SELECT key FROM u`,
        [row.key, row.worker, outcome.errorMessage ?? outcome.errorCode]);
      if (!current) return;
      // A caught error leaves the task (its job row goes with it); an uncaught one stays as an incident.
      await this.core.step(ctx, state, (i) => {
        if (i.throwError(row.element_instance_key, outcome.errorCode, outcome.variables ?? {})) return;
        i.incident(row.element_instance_key, 'UNHANDLED_ERROR_EVENT', `unhandled BPMN error '${outcome.errorCode}'${outcome.errorMessage ? `: ${outcome.errorMessage}` : ''}`, row.key);
      });
    });
  }
}
