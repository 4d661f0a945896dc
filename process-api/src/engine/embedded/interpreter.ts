import type { EngineRecord, Variables } from '../process-engine';
import { FeelError } from './feel';
import { behave } from './behaviours';
import { joinParallel } from './gateways';
import { arriveInclusive, inclusiveJoinReady } from './inclusive-gateway';
import { Effects, scopeChain, visibleVariables, type ElementInstance, type InstanceState } from './instance-state';
import type { FlowNode, ProcessGraph } from './model';
import { openScopeEvents, throwError, triggerBoundary, triggerEventGateway, triggerEventSubProcess } from './event-triggers';
import { throwEscalation } from './escalation';
import { BODY, afterIteration, bodyResult, collectIteration, createBody, enterBody, isInner } from './multi-instance';
import { applyInputs, mapOutputs } from './mappings';
import { cancelInstance, completeInstanceIfDone, leave, terminate, terminateChildren } from './element-lifecycle';

/** Guards against a loop without a wait state spinning forever inside one command. */
const MAX_STEPS = 10_000;

interface Token {
  nodeId: string;
  scopeKey: string;
  flowId: string | null;
}

/**
 * The token interpreter: pure, synchronous, framework-free. It mutates an in-memory instance state, runs every token
 * until it waits, and records what the store must persist in `effects`.
 */
export class Interpreter {
  readonly effects = new Effects();
  private readonly queue: Token[] = [];
  private steps = 0;

  constructor(
    readonly graph: ProcessGraph,
    readonly state: InstanceState,
    readonly now: Date,
    readonly nextKey: () => string,
  ) {}

  /** Creates the process element instance and a token at `startElementId` (the none start by default). */
  start(variables: Variables, startElementId: string, parent?: { parentInstanceKey: string; parentElementInstanceKey: string }): void {
    this.state.elements.set(this.state.key, { key: this.state.key, elementId: this.graph.bpmnProcessId, elementType: 'process', scopeKey: null, data: { ...parent } });
    this.effects.upsertedElements.add(this.state.key);
    this.state.variables.set(this.state.key, { ...variables });
    this.effects.dirtyScopes.add(this.state.key);
    this.record('PROCESS_INSTANCE_CREATED', { variables: { ...variables }, detail: { version: this.state.version, processName: this.graph.name, ...parent } });
    try {
      openScopeEvents(this, this.graph.eventSubProcesses, this.state.key);
    } catch (e) {
      if (!(e instanceof FeelError)) throw e;
      this.incident(this.state.key, e.incidentType, e.message);
      return;
    }
    this.queue.push({ nodeId: startElementId, scopeKey: this.state.key, flowId: null });
    this.run();
  }

  /** A waiting element got its result (job or user task completed, message correlated, timer of a catch fired). */
  completeWaiting(elementInstanceKey: string, result: Variables): boolean {
    const instance = this.state.elements.get(elementInstanceKey);
    if (!instance) return false;
    this.complete(instance, result);
    this.run();
    return true;
  }

  /**
   * Routes a trigger of `elementId` subscribed by `ownerKey`: a boundary (owner = host), an event sub-process start
   * (owner = enclosing scope) or a waiting catch element (owner = itself).
   */
  trigger(elementId: string, ownerKey: string, variables: Variables): boolean {
    const node = this.graph.nodes[elementId];
    let handled: boolean;
    if (node?.type === 'boundaryEvent') handled = triggerBoundary(this, ownerKey, node, variables);
    else if (node?.type === 'startEvent' && node.parentId) handled = triggerEventSubProcess(this, ownerKey, node, variables);
    else if (this.state.elements.get(ownerKey)?.elementType === 'eventBasedGateway' && node) handled = triggerEventGateway(this, ownerKey, node, variables);
    else return this.completeWaiting(ownerKey, variables);
    this.run();
    return handled;
  }

  /** Throws a BPMN error from an element (a job's error outcome); false when nothing catches it. */
  throwError(elementInstanceKey: string, errorCode: string, variables: Variables): boolean {
    let caught = throwError(this, elementInstanceKey, errorCode, variables);
    // Uncaught in a called instance: the parent's call activity gets a chance before this becomes an incident.
    if (!caught && this.isCalled()) {
      this.effects.bubbledErrors.push({ throwerKey: elementInstanceKey, errorCode, variables, endEvent: false });
      caught = true;
    }
    this.run();
    return caught;
  }

  /** Escalation: caught here, else offered to a calling parent; uncaught is no incident (the thrower just continues). */
  escalate(from: ElementInstance, code: string): void {
    const { parentInstanceKey, parentElementInstanceKey } = this.state.elements.get(this.state.key)?.data ?? {};
    if (throwEscalation(this, from, code) || !parentInstanceKey || !parentElementInstanceKey) return;
    this.effects.bubbledEscalations.push({ code, parentInstanceKey, parentElementInstanceKey });
  }

  /** Whether this instance was started by a call activity. */
  isCalled(): boolean {
    return !!this.state.elements.get(this.state.key)?.data.parentInstanceKey;
  }

  /** Raises an incident on an element instance; its token stops there. */
  incident(elementInstanceKey: string, errorType: string, errorMessage: string, jobKey?: string): void {
    const instance = this.state.elements.get(elementInstanceKey);
    if (!instance) return;
    const key = this.nextKey();
    this.effects.incidents.push({ key, elementInstanceKey, elementId: instance.elementId, errorType, errorMessage, ...(jobKey ? { jobKey } : {}) });
    this.record('INCIDENT_CREATED', { elementId: instance.elementId, detail: { incidentKey: key, errorType, errorMessage } });
  }

  /** Terminates every element instance and ends the instance as CANCELED. */
  cancel(): void {
    cancelInstance(this);
  }

  visible(scopeKey: string): Variables {
    return visibleVariables(this.state, scopeKey);
  }

  record(kind: EngineRecord['kind'], fields: Partial<EngineRecord>): void {
    this.effects.records.push({
      kind, processInstanceKey: this.state.key, rootProcessInstanceKey: this.state.rootProcessInstanceKey,
      bpmnProcessId: this.state.bpmnProcessId, at: this.now.toISOString(), ...fields,
    });
  }

  setLocal(scopeKey: string, name: string, value: unknown): void {
    const scope = this.state.variables.get(scopeKey) ?? {};
    scope[name] = value;
    this.state.variables.set(scopeKey, scope);
    this.effects.dirtyScopes.add(scopeKey);
  }

  /** Zeebe merge-up: each variable lands in the nearest scope that has it, else in the root. */
  mergeUp(startScope: string, variables: Variables): void {
    const chain = scopeChain(this.state, startScope);
    for (const [name, value] of Object.entries(variables)) {
      const target = chain.find((scope) => Object.prototype.hasOwnProperty.call(this.state.variables.get(scope) ?? {}, name)) ?? this.state.key;
      this.setLocal(target, name, value);
    }
  }

  /** Runs every token until it waits; a (event) sub-process whose last child ended completes like any activity. */
  run(): void {
    for (;;) {
      while (this.queue.length > 0) {
        if (++this.steps > MAX_STEPS) throw new Error(`process ${this.graph.bpmnProcessId} exceeded ${MAX_STEPS} steps without waiting`);
        this.activate(this.queue.shift() as Token);
      }
      const elements = [...this.state.elements.values()];
      const done = elements.find((e) => e.elementType === 'subProcess' && !e.data.failedPhase && !elements.some((c) => c.scopeKey === e.key));
      if (done) {
        this.complete(done);
        continue;
      }
      const join = elements.find((e) => e.elementType === 'inclusiveGateway' && e.data.arrived && !e.data.failedPhase && inclusiveJoinReady(this, e));
      if (!join) break;
      this.enter(this.graph.nodes[join.elementId] as FlowNode, join);
    }
    completeInstanceIfDone(this);
  }

  queueToken(nodeId: string, scopeKey: string): void {
    this.queue.push({ nodeId, scopeKey, flowId: null });
  }

  createElement(node: FlowNode, scopeKey: string): ElementInstance {
    const instance: ElementInstance = { key: this.nextKey(), elementId: node.id, elementType: node.type, scopeKey, data: {} };
    this.state.elements.set(instance.key, instance);
    this.effects.upsertedElements.add(instance.key);
    this.record('ELEMENT_ACTIVATED', { elementId: node.id, elementType: node.type, elementName: node.name, detail: { elementInstanceKey: instance.key } });
    return instance;
  }

  private activate(token: Token): void {
    const node = this.graph.nodes[token.nodeId];
    if (!node) throw new Error(`unknown element ${token.nodeId}`);
    if (node.type === 'parallelGateway' && node.incoming.length > 1) {
      joinParallel(this, node, token.scopeKey, token.flowId ?? '');
      return;
    }
    if (node.type === 'inclusiveGateway' && node.incoming.length > 1) {
      arriveInclusive(this, node, token.scopeKey, token.flowId ?? '');
      return;
    }
    if (node.multiInstance) {
      const body = createBody(this, node, token.scopeKey);
      this.guarded(body, () => enterBody(this, node, body));
      return;
    }
    this.enter(node, this.createElement(node, token.scopeKey));
  }

  /** Runs an activation step; a FEEL failure becomes an incident on the element (retried on resolve). */
  private guarded(instance: ElementInstance, work: () => void): void {
    try {
      work();
    } catch (e) {
      if (!(e instanceof FeelError)) throw e;
      this.fail(instance, 'activate', e);
    }
  }

  /** Input mappings (in modelled order, each seeing the previous) and then the element's behaviour. */
  enter(node: FlowNode, instance: ElementInstance): void {
    try {
      applyInputs(this, node, instance);
      behave(this, node, instance);
    } catch (e) {
      if (!(e instanceof FeelError)) throw e;
      this.fail(instance, 'activate', e);
    }
  }

  fail(instance: ElementInstance, phase: 'activate' | 'complete', error: FeelError): void {
    if (phase === 'activate') this.effects.discardFor(instance.key);
    instance.data = { ...instance.data, failedPhase: phase };
    this.effects.upsertedElements.add(instance.key);
    this.incident(instance.key, error.incidentType, error.message);
  }

  /**
   * Resolving an incident retries the failed step: the activation (input mappings and behaviour, with the current
   * variables) or the completion (output mappings over the result kept as locals).
   */
  retry(elementInstanceKey: string): boolean {
    const instance = this.state.elements.get(elementInstanceKey);
    const node = this.graph.nodes[instance?.elementId ?? ''];
    if (!instance || !node || !instance.data.failedPhase) return false;
    const phase = instance.data.failedPhase;
    instance.data = { ...instance.data, failedPhase: undefined };
    this.effects.upsertedElements.add(instance.key);
    if (phase === 'complete') this.complete(instance);
    else if (instance.elementType === BODY) this.guarded(instance, () => enterBody(this, node, instance));
    else this.enter(node, instance);
    this.run();
    return true;
  }

  /** Applies output mappings / merges the result, leaves the element and takes its outgoing flows. */
  complete(instance: ElementInstance, result?: Variables, flows?: string[]): void {
    const node = this.graph.nodes[instance.elementId] as FlowNode;
    const inner = isInner(node, instance);
    let done = false;
    try {
      if (instance.elementType === BODY) {
        bodyResult(this, node, instance);
      } else if (node.outputs.length > 0) {
        for (const [name, value] of Object.entries(result ?? {})) this.setLocal(instance.key, name, value);
        // An iteration's mapped results start at its own scope (that is how outputElement locals get them).
        const from = inner ? instance.key : (instance.scopeKey ?? this.state.key);
        this.mergeUp(from, mapOutputs(this, node, instance, from));
      } else if (result) {
        this.mergeUp(instance.key, result);
      }
      if (inner) done = collectIteration(this, node, instance);
    } catch (e) {
      if (!(e instanceof FeelError)) throw e;
      this.fail(instance, 'complete', e);
      return;
    }
    leave(this, instance.key);
    this.record('ELEMENT_COMPLETED', { elementId: node.id, elementType: instance.elementType, elementName: node.name, detail: { elementInstanceKey: instance.key } });
    if (inner) {
      afterIteration(this, node, instance.scopeKey ?? '', done);
      return;
    }
    for (const flowId of flows ?? node.outgoing) {
      const flow = this.graph.flows[flowId];
      if (flow) this.queue.push({ nodeId: flow.target, scopeKey: instance.scopeKey ?? this.state.key, flowId });
    }
  }

  /** Terminates an element instance with everything inside it. */
  terminate(instance: ElementInstance): void {
    terminate(this, instance);
  }

  terminateChildren(scopeKey: string): void {
    terminateChildren(this, scopeKey);
  }
}
