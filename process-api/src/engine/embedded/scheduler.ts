import type { EngineCore } from './engine-core';
import { JobWorker, type WorkerRegistration } from './job-worker';
import { nextDue } from './timer-expression';
import { fireDueTimerStarts } from './timer-starts';

const POLL_MS = 300;

/** Polls due timers and activatable jobs; woken right after commits that created jobs. */
export class Scheduler {
  readonly workers: WorkerRegistration[] = [];
  private readonly jobs: JobWorker;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly core: EngineCore,
    private readonly beforeTick: () => Promise<void>,
  ) {
    this.jobs = new JobWorker(core);
  }

  start(): void {
    this.running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  wake(): void {
    if (!this.running) return;
    if (this.current) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = this.tick().finally(() => {
      this.current = null;
      if (!this.running) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else {
        this.timer = setTimeout(() => this.wake(), POLL_MS);
        this.timer.unref();
      }
    });
  }

  private async tick(): Promise<void> {
    try {
      await this.beforeTick();
      await this.fireDueTimers();
      for (const worker of this.workers) await this.jobs.runOnce(worker);
    } catch (e) {
      console.error('engine scheduler tick failed', e);
    }
  }

  /**
   * Fires timers and runs jobs until nothing is due: deterministic draining for tests and admin. A background tick
   * that is running holds the jobs it activated (they are not activatable here): it is waited for, otherwise this
   * would return while their work is still under way.
   */
  async drain(): Promise<void> {
    for (;;) {
      while (this.current) await this.current;
      let done = await this.fireDueTimers();
      for (const worker of this.workers) done += await this.jobs.runOnce(worker);
      if (done === 0 && !this.current) return;
    }
  }

  /** Fires every timer due by the clock's now, including those that fell due while no engine ran. */
  async fireDueTimers(): Promise<number> {
    let fired = await fireDueTimerStarts(this.core);
    for (;;) {
      const due: { key: string; process_instance_key: string }[] = await this.core.dataSource.query(
        `SELECT key::text, process_instance_key::text FROM timer WHERE due_at <= $1 ORDER BY timer.due_at, timer.key LIMIT 50`, [this.core.clock.now()]);
      let firedNow = 0;
      for (const candidate of due) {
        try {
          const fired = await this.fireTimer(candidate.key, candidate.process_instance_key);
          if (fired) firedNow++;
          // A cycle moved to its next due time may now come before the rest of this batch: fire in due order.
          if (fired === 'repeats') break;
        } catch (e) {
          // One broken instance must not stop the timers of the others.
          console.error(`firing timer ${candidate.key} of instance ${candidate.process_instance_key} failed`, e);
        }
      }
      fired += firedNow;
      if (firedNow === 0) return fired;
    }
  }

  /** Locks the instance first (the order every command uses), then claims the timer row if it is still due. */
  private fireTimer(timerKey: string, processInstanceKey: string): Promise<false | 'once' | 'repeats'> {
    return this.core.command(undefined, async (ctx) => {
      const state = await this.core.lockInstance(ctx, processInstanceKey);
      const [timer] = await ctx.tx.query(
        `SELECT key::text, element_instance_key::text, element_id, due_at, repetitions, interval FROM timer WHERE key = $1 AND due_at <= $2 FOR UPDATE SKIP LOCKED`,
        [timerKey, ctx.now]);
      if (!timer) return false;
      const repeats = timer.interval && (timer.repetitions === null || timer.repetitions > 0);
      if (repeats) {
        await ctx.tx.query(`UPDATE timer SET due_at = $2, repetitions = $3 WHERE key = $1`,
          [timerKey, nextDue(new Date(timer.due_at), timer.interval), timer.repetitions === null ? null : timer.repetitions - 1]);
      } else {
        await ctx.tx.query(`DELETE FROM timer WHERE key = $1`, [timerKey]);
      }
      await this.core.step(ctx, state, (i) => {
        i.record('TIMER_FIRED', { elementId: timer.element_id, detail: { timerKey, dueAt: new Date(timer.due_at).toISOString() } });
        i.trigger(timer.element_id, timer.element_instance_key, {});
      });
      return repeats ? 'repeats' : 'once';
    });
  }
}
