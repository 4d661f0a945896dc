/*
 * The world every contract scenario runs in: one engine under test with every model of bpmn-models/ deployed as the
 * API deploys them, the real `werkbank.publish-message` worker (it is what connects the three processes), the
 * workbench's real deferral and inspection workers, and recorded stubs for e-Box letters, escalations and the bailiff.
 * It drives and observes the engine ONLY through the ProcessEngine port (no SQL, no engine class): messages as the
 * event router publishes them, tasks completed as the task API completes them (four-eyes, form validation, stamped
 * `...By` fields), time moved with advanceClock, state read with the port's searches and the records it delivers.
 */
import { join } from 'node:path';
import { feelConditionEvaluator } from '../../process-api/src/application/forms/feel-condition-evaluator';
import { calendarDay } from '../../process-api/src/domain/forms/check-date-time';
import { validateFormSubmission } from '../../process-api/src/domain/forms/validate-form-submission';
import { actorStampedFields, assertFourEyes, FOUR_EYES_RULES } from '../../process-api/src/domain/tasks/four-eyes';
import { deployDirectory } from '../../process-api/src/engine/deploy-directory';
import type {
  EngineRecord, JobHandler, ProcessEngine, ProcessInstance, PublishMessageCommand, UserTaskState, Variables,
} from '../../process-api/src/engine/process-engine';
import { PUBLISH_MESSAGE_JOB_TYPE, publishMessageHandler } from '../../process-api/src/events/handlers/publish-message-worker';
import type { EngineUnderTest, EngineUnderTestFactory, WorkbenchUnderTest } from './engine-under-test';

export const DAY_MS = 24 * 3600 * 1000;

/** Job types the world answers with a recorded stub: their real workers talk to the e-Box, the bailiff, the mail. */
export const STUB_JOB_TYPES = ['ebox.send-letter', 'recovery.notify-escalation', 'bailiff.transfer'] as const;

export interface JobCall {
  type: string;
  processInstanceKey: string;
  /** Header `template` (letters) or `escalatedTask` (escalations). */
  detail: string | null;
  amountDueCents: unknown;
  letterReason: unknown;
}

/** A user task as the port reports it, with its instants as dates. */
export interface Task {
  key: string;
  elementId: string;
  state: UserTaskState;
  assignee: string | null;
  candidateGroups: string[];
  dueDate: Date | null;
  createdAt: Date;
}

export interface CompleteOptions {
  /** The user's groups (only the four-eyes check reads them). */
  groups?: string[];
  /** Variables the server adds beside the form's own. */
  serverValues?: Variables;
}

export class ScenarioWorld {
  readonly jobCalls: JobCall[] = [];
  readonly published: { processInstanceKey: string; message: PublishMessageCommand }[] = [];
  private employers = 0;

  private constructor(
    private readonly underTest: EngineUnderTest,
    readonly engine: ProcessEngine,
    readonly workbench: WorkbenchUnderTest,
    readonly records: EngineRecord[],
  ) {}

  static async create(factory: EngineUnderTestFactory): Promise<ScenarioWorld> {
    const underTest = await factory();
    const { workbench } = underTest;
    const records: EngineRecord[] = [];
    const engine = underTest.observesRecords === false ? observedThroughQueries(underTest, records) : underTest.engine;
    const world = new ScenarioWorld(underTest, engine, workbench, records);
    if (underTest.observesRecords !== false) engine.onRecords(async (_tx, delivered) => void world.records.push(...delivered));
    const record = (type: string, handler: JobHandler): void =>
      engine.registerWorker(type, async (job) => {
        const detail = job.customHeaders['template'] ?? job.customHeaders['escalatedTask'] ?? null;
        world.jobCalls.push({ type, processInstanceKey: job.processInstanceKey, detail, amountDueCents: job.variables['amountDueCents'], letterReason: job.variables['letterReason'] });
        const outcome = await handler(job);
        if (outcome.outcome === 'complete') for (const message of outcome.messages ?? []) world.published.push({ processInstanceKey: job.processInstanceKey, message });
        return outcome;
      });
    for (const type of STUB_JOB_TYPES) record(type, async () => ({ outcome: 'complete', variables: { letterSentAt: engine.now().toISOString() } }));
    record(PUBLISH_MESSAGE_JOB_TYPE, publishMessageHandler());
    for (const [type, handler] of Object.entries(workbench.handlers)) record(type, handler);
    await deployDirectory(engine, join(__dirname, '..'));
    return world;
  }

  /** A new employer (unique enterprise number, valid check digits) so that scenarios never correlate with each other. */
  newEmployer(): string {
    this.employers += 1;
    const firstEight = String(5_000_000 + this.employers * 7919).padStart(8, '0');
    return `${firstEight}${String(97 - (Number(firstEight) % 97)).padStart(2, '0')}`;
  }

  /** Publishes as the event router or a publish-message job does, runs what became due, returns the instances reached. */
  async publish(command: PublishMessageCommand, runJobs = true): Promise<string[]> {
    const result = await this.engine.publishMessage(command);
    if (runJobs) await this.engine.runDueWork();
    return result.processInstanceKeys;
  }

  /** The engine's calendar day in Brussels plus `days`, ISO. */
  isoDateIn(days: number): string {
    return calendarDay(new Date(this.engine.now().getTime() + days * DAY_MS));
  }

  async tasksOf(processInstanceKey: string): Promise<Task[]> {
    const tasks = await this.engine.searchUserTasks({ processInstanceKey });
    return tasks.map((t) => ({
      key: t.key, elementId: t.elementId, state: t.state, assignee: t.assignee, candidateGroups: t.candidateGroups,
      dueDate: t.dueDate ? new Date(t.dueDate) : null, createdAt: new Date(t.createdAt),
    }));
  }

  async openTask(processInstanceKey: string, elementId: string): Promise<Task> {
    const task = (await this.tasksOf(processInstanceKey)).find((t) => t.elementId === elementId && t.state === 'CREATED');
    if (!task) throw new Error(`no open task ${elementId} in instance ${processInstanceKey}`);
    return task;
  }

  /**
   * Claims (unless `user` holds it) and completes the open task of `elementId` the way the task API does: the
   * four-eyes rules, then the deployed form's validation by the engine's calendar day, then `...By` fields stamped
   * with the user. Throws the form's errors or the four-eyes error (`code: FOUR_EYES_VIOLATION`).
   */
  async complete(processInstanceKey: string, elementId: string, values: Variables, user: string, options: CompleteOptions = {}): Promise<void> {
    const task = await this.openTask(processInstanceKey, elementId);
    const instance = await this.engine.getProcessInstance(processInstanceKey);
    const variables = await this.engine.getVariables(processInstanceKey);
    assertFourEyes(FOUR_EYES_RULES, { username: user, roles: [], groups: options.groups ?? [] }, { step: elementId, process: { bpmnProcessId: instance?.bpmnProcessId ?? '' } }, variables);
    const form = await this.engine.getFormForUserTask(task.key);
    const checked = validateFormSubmission(form?.schema, values, { evaluate: feelConditionEvaluator, variables, today: calendarDay(this.engine.now()) });
    if (checked.errors.length > 0) throw new Error(`form ${form?.formId} refuses ${JSON.stringify(values)}: ${JSON.stringify(checked.errors)}`);
    for (const key of actorStampedFields(form?.schema)) checked.values[key] = user;
    const claimed = task.assignee === user ? null : await this.engine.assignUserTask(task.key, user, { actor: user, allowOverride: true });
    await this.engine.completeUserTask(task.key, { ...checked.values, ...options.serverValues }, { actor: user, expectedVersion: claimed?.version });
    await this.engine.runDueWork();
  }

  /** The fields the deployed form of the open task refuses for `values` (empty when it accepts them). */
  async formErrors(processInstanceKey: string, elementId: string, values: Variables): Promise<string[]> {
    const task = await this.openTask(processInstanceKey, elementId);
    const form = await this.engine.getFormForUserTask(task.key);
    const variables = await this.engine.getVariables(processInstanceKey);
    return validateFormSubmission(form?.schema, values, { evaluate: feelConditionEvaluator, variables, today: calendarDay(this.engine.now()) }).errors.map((e) => e.field);
  }

  /** End events an instance reached, in order (those of its sub-processes included). */
  endEvents(processInstanceKey: string): string[] {
    return this.records
      .filter((r) => r.processInstanceKey === processInstanceKey && r.kind === 'ELEMENT_COMPLETED' && r.elementType === 'endEvent')
      .map((r) => r.elementId as string);
  }

  /** Jobs run for an instance, in order. */
  jobsOf(processInstanceKey: string): JobCall[] {
    return this.jobCalls.filter((c) => c.processInstanceKey === processInstanceKey);
  }

  /** Every instance of a process that works for this employer (variable `enterpriseNumber`), oldest first. */
  async instancesOf(bpmnProcessId: string, enterpriseNumber: string): Promise<ProcessInstance[]> {
    const instances = await this.engine.searchProcessInstances({ bpmnProcessId });
    const mine: ProcessInstance[] = [];
    for (const instance of instances) {
      if ((await this.engine.getVariables(instance.key))['enterpriseNumber'] === enterpriseNumber) mine.push(instance);
    }
    return mine;
  }

  /** Cancels whatever a scenario left open, so later clock moves do not fire its timers. */
  async cancelOpenInstances(): Promise<void> {
    const open = await this.engine.searchProcessInstances({ state: 'ACTIVE' });
    for (const { key } of open.filter((i) => i.key === i.rootProcessInstanceKey)) await this.engine.cancelInstance(key);
  }

  close(): Promise<void> {
    return this.underTest.close();
  }
}

/** Commands after which an engine without records is asked which end events were reached. */
const COMMANDS = new Set(['createInstance', 'cancelInstance', 'publishMessage', 'completeUserTask', 'advanceClock', 'pinClock', 'runDueWork', 'resolveIncident', 'completeJob', 'throwJobError']);

/**
 * The engine as the scenarios see it when it delivers no records: after every command the world reads the end events
 * reached since (through the engine's element instance search) into `records`, as ELEMENT_COMPLETED records.
 */
function observedThroughQueries(underTest: EngineUnderTest, records: EngineRecord[]): ProcessEngine {
  const seen = new Set<string>();
  const observe = async () => {
    for (const end of (await underTest.endEventsReached?.()) ?? []) {
      if (seen.has(end.key)) continue;
      seen.add(end.key);
      records.push({ kind: 'ELEMENT_COMPLETED', elementType: 'endEvent', elementId: end.elementId, processInstanceKey: end.processInstanceKey, rootProcessInstanceKey: '', bpmnProcessId: '', at: '' });
    }
  };
  return new Proxy(underTest.engine, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      if (!COMMANDS.has(String(name))) return value.bind(target);
      return async (...args: unknown[]) => {
        const result = await value.apply(target, args);
        await observe();
        return result;
      };
    },
  });
}

/** What every case of a scenario offers: its instance's tasks, state, path and variables. */
export abstract class ScenarioCase {
  processInstanceKey = '';

  constructor(
    protected readonly world: ScenarioWorld,
    readonly enterpriseNumber: string,
  ) {}

  complete(elementId: string, values: Variables, user = 'agent1', options: CompleteOptions = {}): Promise<void> {
    return this.world.complete(this.processInstanceKey, elementId, values, user, options);
  }

  formErrors(elementId: string, values: Variables): Promise<string[]> {
    return this.world.formErrors(this.processInstanceKey, elementId, values);
  }

  /** Claims the open task of `elementId` for `user` (the user takes it from the team queue). */
  async claim(elementId: string, user: string): Promise<Task> {
    const task = await this.world.openTask(this.processInstanceKey, elementId);
    await this.world.engine.assignUserTask(task.key, user, { actor: user });
    return { ...task, assignee: user };
  }

  tasks(): Promise<Task[]> {
    return this.world.tasksOf(this.processInstanceKey);
  }

  async openTasks(): Promise<string[]> {
    return (await this.tasks()).filter((t) => t.state === 'CREATED').map((t) => t.elementId);
  }

  /** The tasks as `elementId:STATE`, oldest first: the path the people walked. */
  async taskTrail(): Promise<string[]> {
    return (await this.tasks()).map((t) => `${t.elementId}:${t.state}`);
  }

  async state(): Promise<string | undefined> {
    return (await this.world.engine.getProcessInstance(this.processInstanceKey))?.state;
  }

  endEvents(): string[] {
    return this.world.endEvents(this.processInstanceKey);
  }

  variables(): Promise<Variables> {
    return this.world.engine.getVariables(this.processInstanceKey);
  }

  async incidents(): Promise<string[]> {
    return (await this.world.engine.listIncidents({ processInstanceKey: this.processInstanceKey, state: 'ACTIVE' })).map((i) => `${i.elementId}: ${i.errorMessage}`);
  }

  /** Instances of a process working for this employer as `key:STATE`-like pairs. */
  async instances(bpmnProcessId: string): Promise<{ key: string; state: string }[]> {
    return (await this.world.instancesOf(bpmnProcessId, this.enterpriseNumber)).map((i) => ({ key: i.key, state: i.state }));
  }
}
