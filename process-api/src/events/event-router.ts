import { Duration } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventStatus } from '@werkbank/shared';
import type { ProcessEngine } from '../engine/process-engine';
import type { ContactInput, EmployerRepository } from '../persistence/employer.repository';
import { lockPendingEvent, markEvent, pendingEventsWithSubject, recordFailedAttempt, type PendingEvent } from '../persistence/inbound-event.repository';
import { enabledRulesFor, type RoutingRule } from '../persistence/routing-rule.repository';
import { evaluateRuleExpression, RuleExpressionError } from './feel-expression';

export interface EventRouterDependencies {
  dataSource: DataSource;
  /**
   * Only message publication is needed: the router stays agnostic of the engine behind the port. With `runInCommand`
   * (the embedded engine) each event is settled as one engine command and shares the engine's group commit.
   */
  engine: Pick<ProcessEngine, 'publishMessage' | 'runInCommand'>;
  employers: EmployerRepository;
}

export interface EventRouterOptions {
  batchSize?: number;
  /** Attempts before an event ends FAILED (a broken rule expression fails at once: retrying cannot help). */
  maxAttempts?: number;
  retryDelayMs?: number;
  pollIntervalMs?: number;
  /**
   * Subjects (employers) routed in parallel; events of one subject stay in order. Default 64 when the engine runs each
   * event in its group commit (the engine bounds the connections), else 6 (each subject holds its own connection).
   */
  concurrency?: number;
}

export interface RouteCounts {
  routed: number;
  unmatched: number;
  failed: number;
  retried: number;
}

type Settled = { status: Exclude<EventStatus, 'RECEIVED'>; detail: string };
type Outcome = EventStatus | 'RETRY' | null;
type RulesOf = (eventType: string) => Promise<RoutingRule[]>;

/** PostgreSQL gave up on the transaction (deadlock, serialization): trying again at once is safe and usually works. */
const TRANSIENT = new Set(['40P01', '40001']);
const TRANSIENT_TRIES = 3;

function ttlMillis(rule: RoutingRule): number | undefined {
  if (!rule.timeToLive) return undefined;
  const ms = Duration.fromISO(rule.timeToLive).as('milliseconds');
  if (!Number.isFinite(ms)) throw new RuleExpressionError(`timeToLive ${rule.timeToLive} is no ISO 8601 duration`);
  return ms;
}

/**
 * Routes stored events to the engine, oldest first. Each event is settled in one transaction together with the
 * engine's message publication, so an event is routed exactly once and a failing event never blocks the others; with
 * the embedded engine that transaction is one of the engine's group-committed batches (`runInCommand`), so the events
 * of many employers share a commit and the listeners' set-based writes, and a failing event runs again alone.
 * Events of one subject (the employer) are routed one after the other in order of receipt, so that a payment never
 * overtakes its debt; different subjects are routed in parallel, `concurrency` transactions at a time.
 */
export class EventRouter {
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly deps: EventRouterDependencies,
    options: EventRouterOptions = {},
  ) {
    const grouped = typeof deps.engine.runInCommand === 'function';
    this.batchSize = options.batchSize ?? (grouped ? 500 : 100);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 5000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.concurrency = Math.max(1, options.concurrency ?? (grouped ? 64 : 6));
  }

  /** Polls in the background (events left over from a crash, retries after back-off). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.wake(), this.pollIntervalMs);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Routes at once (called after an ingest); runs at most one loop per router. */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.drain();
        } catch (error) {
          console.error('Event router:', error);
        }
      } while (this.again && this.timer);
    })().finally(() => {
      this.running = null;
    });
  }

  /** Routes until no event is due (tests and the CLI). */
  async drain(): Promise<RouteCounts> {
    const total: RouteCounts = { routed: 0, unmatched: 0, failed: 0, retried: 0 };
    for (;;) {
      const counts = await this.routeBatch();
      const processed = counts.routed + counts.unmatched + counts.failed + counts.retried;
      for (const k of Object.keys(total) as (keyof RouteCounts)[]) total[k] += counts[k];
      if (processed === 0) return total;
    }
  }

  async routeBatch(): Promise<RouteCounts> {
    const counts: RouteCounts = { routed: 0, unmatched: 0, failed: 0, retried: 0 };
    const pending = await pendingEventsWithSubject(this.deps.dataSource.manager, this.batchSize);
    const lanes = new Map<string, string[]>();
    for (const { id, subject } of pending) {
      const lane = lanes.get(subject);
      if (lane) lane.push(id);
      else lanes.set(subject, [id]);
    }
    // The rules are read once per batch and type, before any event holds a connection.
    const types = [...new Set(pending.map((e) => e.type))];
    const loaded = await Promise.all(types.map(async (type) => [type, await enabledRulesFor(this.deps.dataSource.manager, type)] as const));
    const rules = new Map<string, RoutingRule[]>(loaded);
    const rulesOf: RulesOf = async (type) => rules.get(type) ?? enabledRulesFor(this.deps.dataSource.manager, type);
    const queue = [...lanes.values()];
    const runLanes = async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (const id of lane) {
          const outcome = await this.routeOne(id, rulesOf);
          if (outcome === 'ROUTED') counts.routed++;
          else if (outcome === 'UNMATCHED') counts.unmatched++;
          else if (outcome === 'FAILED') counts.failed++;
          else if (outcome === 'RETRY') counts.retried++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, runLanes));
    return counts;
  }

  private async routeOne(id: string, rulesOf: RulesOf): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transaction(async (tx) => {
          const event = await lockPendingEvent(tx, id);
          if (!event) return null;
          const settled = await this.route(event, tx, rulesOf);
          await markEvent(tx, id, settled.status, settled.detail);
          return settled.status;
        });
      } catch (error) {
        if (attempt < TRANSIENT_TRIES && TRANSIENT.has(String((error as { code?: string }).code))) continue;
        return this.settleFailure(id, error);
      }
    }
  }

  /** The event's transaction: one engine command (group commit) when the engine offers it, else our own. */
  private transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const { engine, dataSource } = this.deps;
    return engine.runInCommand ? engine.runInCommand(work) : dataSource.transaction(work);
  }

  private async settleFailure(id: string, error: unknown): Promise<Outcome> {
    const message = error instanceof Error ? error.message : String(error);
    if ((error as { code?: string }).code === 'MESSAGE_ALREADY_EXISTS') {
      // The engine already holds a message with this id: it was published before, not to be published again.
      await this.deps.dataSource.transaction((tx) => markEvent(tx, id, 'ROUTED', `already published: ${message}`));
      return 'ROUTED';
    }
    const permanent = error instanceof RuleExpressionError;
    const [row]: { status: EventStatus }[] = await this.deps.dataSource.transaction(async (tx) => {
      await recordFailedAttempt(tx, id, message, permanent ? 1 : this.maxAttempts, this.retryDelayMs);
      return tx.query(`SELECT status FROM inbound_event WHERE id = $1`, [id]);
    });
    if (row?.status === 'FAILED') console.warn(`Event ${id} failed: ${message}`);
    return row?.status === 'FAILED' ? 'FAILED' : 'RETRY';
  }

  private async route(event: PendingEvent, tx: EntityManager, rulesOf: RulesOf): Promise<Settled> {
    const data = event.data ?? {};
    if (event.type === 'contact.updated') {
      const contacts = (data['contacts'] as ContactInput[]).map((c) => ({ kind: c.kind, value: c.value, label: c.label ?? null }));
      await this.deps.employers.replaceContacts(String(data['enterpriseNumber']), contacts, `event ${event.source}`, tx);
      return { status: 'ROUTED', detail: `${contacts.length} contact(s) replaced for ${data['enterpriseNumber']}` };
    }
    const rules = await rulesOf(event.type);
    if (rules.length === 0) return { status: 'UNMATCHED', detail: `no routing rule for event type ${event.type}` };
    const context = { data, id: event.id, type: event.type, source: event.source, time: event.time };
    const details: string[] = [];
    let delivered = false;
    for (const rule of rules) {
      const key = evaluateRuleExpression(rule.correlationKey, context);
      if (key === null || key === undefined || key === '') throw new RuleExpressionError(`correlation key ${rule.correlationKey} is empty for event ${event.id}`);
      const variables = rule.variables ? evaluateRuleExpression(rule.variables, context) : {};
      if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
        throw new RuleExpressionError(`variables ${rule.variables} must give a context, got ${JSON.stringify(variables)}`);
      }
      const timeToLive = ttlMillis(rule);
      const result = await this.deps.engine.publishMessage(
        {
          name: rule.messageName,
          correlationKey: String(key),
          variables: variables as Record<string, unknown>,
          timeToLive,
          // one event may feed several rules; the message id keeps each publication idempotent
          messageId: rules.length === 1 ? event.id : `${event.id}/${rule.messageName}`,
        },
        { tx },
      );
      if (result.processInstanceKeys.length > 0) {
        delivered = true;
        details.push(`${rule.messageName} [${key}] -> instance ${result.processInstanceKeys.join(', ')}`);
      } else if (timeToLive && timeToLive > 0) {
        delivered = true;
        details.push(`${rule.messageName} [${key}] buffered for ${rule.timeToLive}`);
      } else {
        details.push(`${rule.messageName} [${key}]: no process instance waits for it`);
      }
    }
    return { status: delivered ? 'ROUTED' : 'UNMATCHED', detail: details.join('; ') };
  }
}
