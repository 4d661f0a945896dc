import type { EngineRecord, Variables } from '../process-engine';
import { FeelError, evaluateBoolean, valueOf } from './feel';
import { Effects, scopeChain, visibleVariables, type ElementInstance, type InstanceState } from './instance-state';
import type { FlowNode, ProcessGraph } from './model';
import { openWaitState } from './wait-states';

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
  start(variables: Variables, startElementId: string): void {
    this.state.elements.set(this.state.key, { key: this.state.key, elementId: this.graph.bpmnProcessId, elementType: 'process', scopeKey: null, data: {} });
    this.effects.upsertedElements.add(this.state.key);
    this.state.variables.set(this.state.key, { ...variables });
    this.effects.dirtyScopes.add(this.state.key);
    this.record('PROCESS_INSTANCE_CREATED', { variables: { ...variables } });
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

  /** A timer or message boundary of `hostKey` triggered; interrupting ones terminate the host first. */
  triggerBoundary(hostKey: string, boundaryId: string, variables: Variables): boolean {
    const host = this.state.elements.get(hostKey);
    const boundary = this.graph.nodes[boundaryId];
    if (!host || !boundary) return false;
    if (boundary.cancelActivity) this.terminate(host);
    const instance = this.createElement(boundary, host.scopeKey ?? this.state.key);
    this.complete(instance, variables);
    this.run();
    return true;
  }

  /** Routes a trigger of the element `elementId` subscribed by `elementInstanceKey` (itself, or its boundary's host). */
  trigger(elementId: string, elementInstanceKey: string, variables: Variables): boolean {
    return this.graph.nodes[elementId]?.type === 'boundaryEvent'
      ? this.triggerBoundary(elementInstanceKey, elementId, variables)
      : this.completeWaiting(elementInstanceKey, variables);
  }

  /**
   * Throws a BPMN error from an element (a job's error outcome): the host's error boundary with the exact code wins
   * over a catch-all. Returns false when nothing catches it (the caller raises UNHANDLED_ERROR_EVENT).
   */
  throwError(elementInstanceKey: string, errorCode: string, variables: Variables): boolean {
    const host = this.state.elements.get(elementInstanceKey);
    const boundaries = (this.graph.nodes[host?.elementId ?? '']?.boundaries ?? []).map((id) => this.graph.nodes[id] as FlowNode).filter((b) => b.catchesError);
    const catcher = boundaries.find((b) => b.errorCode === errorCode) ?? boundaries.find((b) => b.errorCode === undefined);
    if (!host || !catcher) return false;
    this.terminate(host);
    const instance = this.createElement(catcher, host.scopeKey ?? this.state.key);
    // Error payloads are locals of the catching event: only its output mappings move them up.
    for (const [name, value] of Object.entries(variables)) this.setLocal(instance.key, name, value);
    this.complete(instance);
    this.run();
    return true;
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
    if (this.state.state !== 'ACTIVE') return;
    for (const instance of [...this.state.elements.values()].reverse()) {
      if (instance.key !== this.state.key) this.terminate(instance);
    }
    this.leave(this.state.key);
    this.state.state = 'CANCELED';
    this.effects.instanceEnded = 'CANCELED';
    this.record('PROCESS_INSTANCE_CANCELED', {});
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

  private run(): void {
    while (this.queue.length > 0) {
      if (++this.steps > MAX_STEPS) throw new Error(`process ${this.graph.bpmnProcessId} exceeded ${MAX_STEPS} steps without waiting`);
      this.activate(this.queue.shift() as Token);
    }
    this.completeInstanceIfDone();
  }

  private createElement(node: FlowNode, scopeKey: string): ElementInstance {
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
      this.join(node, token);
      return;
    }
    this.enter(node, this.createElement(node, token.scopeKey));
  }

  /** Input mappings (in modelled order, each seeing the previous) and then the element's behaviour. */
  private enter(node: FlowNode, instance: ElementInstance): void {
    try {
      for (const mapping of node.inputs) {
        try {
          this.setLocal(instance.key, mapping.target, mapping.source === '' ? null : valueOf(mapping.source, this.visible(instance.key)));
        } catch (e) {
          throw new FeelError('IO_MAPPING_ERROR', `input mapping '${mapping.target}': ${(e as Error).message}`);
        }
      }
      this.behave(node, instance);
    } catch (e) {
      if (!(e instanceof FeelError)) throw e;
      this.fail(instance, 'activate', e);
    }
  }

  private fail(instance: ElementInstance, phase: 'activate' | 'complete', error: FeelError): void {
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
    else this.enter(node, instance);
    this.run();
    return true;
  }

  private behave(node: FlowNode, instance: ElementInstance): void {
    switch (node.type) {
      case 'exclusiveGateway':
        this.complete(instance, undefined, [this.chooseFlow(node, instance)]);
        return;
      case 'serviceTask': case 'sendTask': case 'userTask': case 'receiveTask': case 'intermediateCatchEvent':
        openWaitState(this, node, instance);
        return;
      default:
        this.complete(instance);
    }
  }

  private chooseFlow(node: FlowNode, instance: ElementInstance): string {
    const context = this.visible(instance.key);
    for (const flowId of node.outgoing) {
      const flow = this.graph.flows[flowId];
      if (flowId === node.defaultFlow || !flow?.condition) continue;
      if (evaluateBoolean(flow.condition, context)) return flowId;
    }
    if (node.defaultFlow) return node.defaultFlow;
    if (node.outgoing.length === 1 && !this.graph.flows[node.outgoing[0] as string]?.condition) return node.outgoing[0] as string;
    throw new FeelError('CONDITION_ERROR', `no outgoing sequence flow of gateway ${node.id} matched and there is no default flow`);
  }

  private join(node: FlowNode, token: Token): void {
    let gateway = [...this.state.elements.values()].find((e) => e.elementId === node.id && e.scopeKey === token.scopeKey && !(e.data.arrived ?? []).includes(token.flowId ?? ''));
    if (!gateway) gateway = this.createElement(node, token.scopeKey);
    gateway.data = { arrived: [...(gateway.data.arrived ?? []), token.flowId ?? ''] };
    this.effects.upsertedElements.add(gateway.key);
    if (node.incoming.every((flow) => gateway.data.arrived?.includes(flow))) this.complete(gateway);
  }

  /** Applies output mappings / merges the result, leaves the element and takes its outgoing flows. */
  private complete(instance: ElementInstance, result?: Variables, flows?: string[]): void {
    const node = this.graph.nodes[instance.elementId] as FlowNode;
    try {
      if (node.outputs.length > 0) {
        for (const [name, value] of Object.entries(result ?? {})) this.setLocal(instance.key, name, value);
        const context = this.visible(instance.key);
        const mapped: Variables = {};
        for (const mapping of node.outputs) {
          try {
            mapped[mapping.target] = valueOf(mapping.source, context);
          } catch (e) {
            throw new FeelError('IO_MAPPING_ERROR', `output mapping '${mapping.target}': ${(e as Error).message}`);
          }
        }
        this.mergeUp(instance.scopeKey ?? this.state.key, mapped);
      } else if (result) {
        this.mergeUp(instance.key, result);
      }
    } catch (e) {
      if (!(e instanceof FeelError)) throw e;
      this.fail(instance, 'complete', e);
      return;
    }
    this.leave(instance.key);
    this.record('ELEMENT_COMPLETED', { elementId: node.id, elementType: node.type, elementName: node.name, detail: { elementInstanceKey: instance.key } });
    for (const flowId of flows ?? node.outgoing) {
      const flow = this.graph.flows[flowId];
      if (flow) this.queue.push({ nodeId: flow.target, scopeKey: instance.scopeKey ?? this.state.key, flowId });
    }
  }

  private terminate(instance: ElementInstance): void {
    this.leave(instance.key);
    this.record('ELEMENT_TERMINATED', { elementId: instance.elementId, elementType: instance.elementType, detail: { elementInstanceKey: instance.key } });
  }

  /** Removes an element instance and its local scope; its jobs, timers, subscriptions and open user task go with it. */
  private leave(key: string): void {
    this.state.elements.delete(key);
    this.effects.leftElements.push(key);
    this.effects.upsertedElements.delete(key);
    this.effects.removedElements.add(key);
    // The root scope outlives the instance so that its final variables stay readable.
    if (key !== this.state.key) {
      this.state.variables.delete(key);
      this.effects.dirtyScopes.delete(key);
      this.effects.removedScopes.add(key);
    }
  }

  private completeInstanceIfDone(): void {
    if (this.state.state !== 'ACTIVE' || !this.state.elements.has(this.state.key)) return;
    if ([...this.state.elements.values()].some((e) => e.key !== this.state.key)) return;
    this.leave(this.state.key);
    this.state.state = 'COMPLETED';
    this.effects.instanceEnded = 'COMPLETED';
    this.record('PROCESS_INSTANCE_COMPLETED', { variables: this.visible(this.state.key) });
  }
}
