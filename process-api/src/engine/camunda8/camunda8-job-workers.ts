/*
 * Job workers over the REST API: activate (POST /jobs/activation, no long polling), run the port's JobHandler,
 * settle the job with its JobOutcome (completion / failure with retries and back-off / BPMN error). Used both by
 * a background poll (start/stop) and by runDueWork, which drains every registered type until quiet.
 */
import type { JobHandler, JobOutcome, PublishMessageCommand } from '../process-engine';
import type { CamundaRest } from './camunda8-rest';
import { toActivatedJob, type RestActivatedJob } from './camunda8-mapping';

interface Registration {
  type: string;
  handler: JobHandler;
  maxJobs: number;
  timeoutMs: number;
}

export interface JobWorkerHooks {
  /** Root instance of the call hierarchy of an instance (8.8's activated job does not carry it). */
  rootOf(processInstanceKey: string): Promise<string>;
  /** Publishes the messages of a completed job. */
  publish(message: PublishMessageCommand): Promise<unknown>;
}

export class Camunda8JobWorkers {
  private readonly registrations: Registration[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly rest: CamundaRest,
    private readonly hooks: JobWorkerHooks,
    private readonly workerName: string,
  ) {}

  register(type: string, handler: JobHandler, options: { maxJobs?: number; timeoutMs?: number } = {}): void {
    this.registrations.push({ type, handler, maxJobs: options.maxJobs ?? 10, timeoutMs: options.timeoutMs ?? 60_000 });
  }

  /** Background polling, as the SDK's createJobWorker does; rounds never overlap with runDueWork's. */
  start(pollIntervalMs: number): void {
    if (this.timer || this.registrations.length === 0) return;
    this.timer = setInterval(() => void this.serialized(() => this.round()).catch(() => undefined), pollIntervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running.catch(() => undefined);
  }

  /** One activation per registered type; resolves with the number of jobs handled. */
  round(): Promise<number> {
    return this.registrations.reduce<Promise<number>>(async (count, r) => (await count) + (await this.activateAndRun(r)), Promise.resolve(0));
  }

  /** Runs `work` after whatever round is running (so runDueWork waits for in-flight background jobs). */
  serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.running.catch(() => undefined).then(work);
    this.running = next;
    return next;
  }

  private async activateAndRun(r: Registration): Promise<number> {
    const { jobs } = await this.rest.json<{ jobs: RestActivatedJob[] }>('POST', 'jobs/activation', {
      // requestTimeout -1: no long polling, the answer is immediate (runDueWork decides when to ask again).
      type: r.type, worker: this.workerName, timeout: r.timeoutMs, maxJobsToActivate: r.maxJobs, requestTimeout: -1,
    });
    for (const job of jobs) await this.run(r, job);
    return jobs.length;
  }

  private async run(r: Registration, job: RestActivatedJob): Promise<void> {
    const activated = toActivatedJob(job, await this.hooks.rootOf(job.processInstanceKey));
    let outcome: JobOutcome;
    try {
      outcome = await r.handler(activated);
    } catch (error) {
      // As the embedded JobWorker: a throwing handler fails the job with one retry less.
      outcome = { outcome: 'fail', errorMessage: error instanceof Error ? error.message : String(error), retries: job.retries - 1 };
    }
    await this.settle(job, outcome);
  }

  private async settle(job: RestActivatedJob, outcome: JobOutcome): Promise<void> {
    const path = `jobs/${job.jobKey}`;
    const codes = { notFound: 'JOB_NOT_FOUND', conflict: 'JOB_NOT_ACTIVATED' } as const;
    if (outcome.outcome === 'complete') {
      await this.rest.command('POST', `${path}/completion`, { variables: outcome.variables ?? {} }, codes);
      // NOT atomic on a cluster: Zeebe cannot publish messages in the transaction that completes a job, so a crash
      // between the two loses them (the embedded engine does both in one transaction). A messageId keeps a re-run
      // publication from correlating twice while the first one is buffered.
      for (const message of outcome.messages ?? []) await this.hooks.publish(message);
    } else if (outcome.outcome === 'fail') {
      await this.rest.command('POST', `${path}/failure`, {
        errorMessage: outcome.errorMessage, retries: outcome.retries ?? Math.max(job.retries - 1, 0), retryBackOff: outcome.retryBackOffMs ?? 0,
      }, codes);
    } else {
      await this.rest.command('POST', `${path}/error`, { errorCode: outcome.errorCode, errorMessage: outcome.errorMessage, variables: outcome.variables }, codes);
    }
  }
}
