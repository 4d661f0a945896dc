import type { EntityManager } from 'typeorm';
import type { EngineCore } from './engine-core';
import { allocateKeys } from './instance-store';
import type { ProcessGraph, TimerDefinition } from './model';
import { EngineError } from '../process-engine';
import { FeelError, atFeelTime } from './feel';
import { nextDue, scheduleTimer, type TimerSchedule } from './timer-expression';

/** A new process version replaces every timer start of the id, then schedules its own (relative to the engine clock). */
export async function scheduleTimerStarts(tx: EntityManager, definitionKey: string, graph: ProcessGraph, now: Date, resource: string): Promise<void> {
  await tx.query(`DELETE FROM timer_start WHERE bpmn_process_id = $1`, [graph.bpmnProcessId]);
  if (graph.timerStarts.length === 0) return;
  const nextKey = await allocateKeys(tx);
  for (const start of graph.timerStarts) {
    const schedule = evaluateAtDeployment(start.elementId, start.timer, now, resource);
    await tx.query(`INSERT INTO timer_start (key, process_definition_key, bpmn_process_id, element_id, due_at, repetitions, interval) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [nextKey(), definitionKey, graph.bpmnProcessId, start.elementId, schedule.dueAt, schedule.repetitions, schedule.interval]);
  }
}

/**
 * Zeebe evaluates a timer start expression (static or FEEL) once, at deployment, with no variables; a FEEL value that
 * is no timer rejects the deployment (the caller's transaction rolls back, so nothing is half-deployed).
 */
function evaluateAtDeployment(elementId: string, timer: TimerDefinition, now: Date, resource: string): TimerSchedule {
  try {
    return atFeelTime(now, () => scheduleTimer(timer.kind, timer.expression, {}, now));
  } catch (e) {
    if (!(e instanceof FeelError)) throw e;
    throw new EngineError('DEPLOYMENT_REJECTED', `deployment rejected: ${resource}#${elementId}: ${e.message}`, [{ resource, elementId, message: e.message }]);
  }
}

/** Starts one instance per due timer start (a cycle is moved to its next due time); returns how many fired. */
export async function fireDueTimerStarts(core: EngineCore): Promise<number> {
  let fired = 0;
  for (;;) {
    const started = await core.command(undefined, async (ctx) => {
      const [timer] = await ctx.tx.query(
        `SELECT key::text, process_definition_key::text, element_id, due_at, repetitions, interval FROM timer_start WHERE due_at <= $1
         ORDER BY due_at, key LIMIT 1 FOR UPDATE SKIP LOCKED`, [ctx.now]);
      if (!timer) return false;
      if (timer.interval && (timer.repetitions === null || timer.repetitions > 0)) {
        await ctx.tx.query(`UPDATE timer_start SET due_at = $2, repetitions = $3 WHERE key = $1`,
          [timer.key, nextDue(new Date(timer.due_at), timer.interval), timer.repetitions === null ? null : timer.repetitions - 1]);
      } else {
        await ctx.tx.query(`DELETE FROM timer_start WHERE key = $1`, [timer.key]);
      }
      const definition = await core.definitionByKey(ctx.tx, timer.process_definition_key);
      await core.createInstance(ctx, definition, {}, timer.element_id, null);
      return true;
    });
    if (!started) return fired;
    fired++;
  }
}
