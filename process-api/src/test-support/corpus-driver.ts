import type { DataSource } from 'typeorm';
import type { EmbeddedProcessEngine } from '../engine/embedded/embedded-process-engine';
import type { Variables } from '../engine/process-engine';

export interface DriveResult {
  /** `completed`, `incident <type> at <element>` or `waiting at <elements>`: what the table of expectations compares. */
  outcome: string;
  start: 'none' | 'message' | 'timer';
  steps: number;
}

const q = <T>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> => ds.query(sql, params);

/**
 * A generic driver for outside models: starts an instance (none, else message, else timer start), then repeats until the
 * instance ends or nothing can move: completes every job of any type with an empty result, completes every open user
 * task, publishes every message the instance tree waits for (with the subscription's own correlation key), and when
 * only timers remain, moves the clock to the next one. A fixed step limit stops endless loops (cycles, loops back).
 */
export async function driveBasicPath(engine: EmbeddedProcessEngine, ds: DataSource, bpmnProcessId: string, options: { variables?: Variables; maxSteps?: number } = {}): Promise<DriveResult> {
  const variables = options.variables ?? {};
  const workers = new Set<string>();
  const started = await startInstance(engine, ds, bpmnProcessId, variables);
  const root = started.key;
  const inTree = `SELECT key FROM process_instance WHERE root_process_instance_key = $1`;
  let steps = 0;
  for (; steps < (options.maxSteps ?? 25); steps++) {
    // Completing a job can create jobs of types not seen yet: register and drain until no new type shows up.
    for (let added = true; added; ) {
      added = false;
      for (const { type } of await q<{ type: string }>(ds, `SELECT DISTINCT type FROM job WHERE process_instance_key IN (${inTree})`, [root])) {
        if (workers.has(type)) continue;
        workers.add(type);
        added = true;
        engine.registerWorker(type, async () => ({ outcome: 'complete' }));
      }
      await engine.runDueWork();
    }
    if (!(await isActive(ds, root))) break;
    let moved = false;
    for (const task of await q<{ key: string }>(ds, `SELECT key::text FROM user_task WHERE root_process_instance_key = $1 AND state = 'CREATED' ORDER BY user_task.key`, [root])) {
      await engine.completeUserTask(task.key, {});
      moved = true;
    }
    if (moved) continue;
    const waits = await q<{ message_name: string; correlation_key: string }>(ds,
      `SELECT DISTINCT message_name, correlation_key FROM message_subscription WHERE process_instance_key IN (${inTree})`, [root]);
    for (const w of waits) {
      await engine.publishMessage({ name: w.message_name, correlationKey: w.correlation_key, timeToLive: 0 });
      moved = true;
    }
    if (moved) continue;
    const [next] = await q<{ due_at: Date | null }>(ds, `SELECT min(due_at) AS due_at FROM timer WHERE process_instance_key IN (${inTree})`, [root]);
    if (!next?.due_at) break;
    await advanceTo(engine, new Date(next.due_at));
  }
  return { outcome: await describe(ds, root), start: started.start, steps };
}

async function startInstance(engine: EmbeddedProcessEngine, ds: DataSource, bpmnProcessId: string, variables: Variables): Promise<{ key: string; start: DriveResult['start'] }> {
  const [definition] = await q<{ key: string }>(ds, `SELECT key::text FROM process_definition WHERE bpmn_process_id = $1 ORDER BY version DESC LIMIT 1`, [bpmnProcessId]);
  if (!definition) throw new Error(`${bpmnProcessId} is not deployed`);
  const [messageStart] = await q<{ message_name: string }>(ds, `SELECT message_name FROM message_start_subscription WHERE process_definition_key = $1 ORDER BY element_id LIMIT 1`, [definition.key]);
  const [timerStart] = await q<{ due_at: Date }>(ds, `SELECT due_at FROM timer_start WHERE process_definition_key = $1 ORDER BY due_at LIMIT 1`, [definition.key]);
  if (!messageStart && !timerStart) return { key: (await engine.createInstance(bpmnProcessId, variables)).processInstanceKey, start: 'none' };
  if (messageStart) {
    const published = await engine.publishMessage({ name: messageStart.message_name, correlationKey: '', variables, timeToLive: 0 });
    const key = published.processInstanceKeys[0];
    if (!key) throw new Error(`message ${messageStart.message_name} started no instance of ${bpmnProcessId}`);
    return { key, start: 'message' };
  }
  if (!timerStart) throw new Error(`${bpmnProcessId} has no start event the driver can trigger`);
  await advanceTo(engine, new Date(timerStart.due_at));
  const [instance] = await q<{ key: string }>(ds, `SELECT key::text FROM process_instance WHERE process_definition_key = $1 ORDER BY process_instance.key LIMIT 1`, [definition.key]);
  if (!instance) throw new Error(`the timer start of ${bpmnProcessId} started no instance`);
  return { key: instance.key, start: 'timer' };
}

async function advanceTo(engine: EmbeddedProcessEngine, due: Date): Promise<void> {
  const seconds = Math.max(1, Math.ceil((due.getTime() - engine.now().getTime()) / 1000));
  await engine.advanceClock(`PT${seconds}S`);
}

async function isActive(ds: DataSource, key: string): Promise<boolean> {
  const [row] = await q<{ state: string }>(ds, `SELECT state FROM process_instance WHERE key = $1`, [key]);
  return row?.state === 'ACTIVE';
}

async function describe(ds: DataSource, root: string): Promise<string> {
  const [row] = await q<{ state: string }>(ds, `SELECT state FROM process_instance WHERE key = $1`, [root]);
  if (row?.state !== 'ACTIVE') return (row?.state ?? 'missing').toLowerCase();
  const incidents = await q<{ error_type: string; element_id: string }>(ds,
    `SELECT error_type, element_id FROM incident WHERE state = 'ACTIVE' AND process_instance_key IN (SELECT key FROM process_instance WHERE root_process_instance_key = $1) ORDER BY element_id`, [root]);
  if (incidents.length > 0) return incidents.map((i) => `incident ${i.error_type} at ${i.element_id}`).join(', ');
  const waiting = await q<{ element_id: string }>(ds,
    `SELECT DISTINCT element_id FROM element_instance WHERE state = 'ACTIVE' AND process_instance_key IN (SELECT key FROM process_instance WHERE root_process_instance_key = $1)
       AND element_type NOT IN ('process', 'subProcess', 'multiInstanceBody', 'callActivity') ORDER BY element_id`, [root]);
  return `waiting at ${waiting.map((w) => w.element_id).join(', ')}`;
}
