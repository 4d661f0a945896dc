import type { Variables } from '../process-engine';
import { FeelError, evaluateBoolean } from './feel';
import type { ElementInstance } from './instance-state';
import type { Interpreter } from './interpreter';
import type { FlowNode, ProcessGraph } from './model';

/** Inclusive fork: every flow whose condition is true (XML order); the default only when none is; else CONDITION_ERROR. */
export function chooseInclusive(graph: ProcessGraph, node: FlowNode, context: Variables): string[] {
  if (node.outgoing.length === 1 && !graph.flows[node.outgoing[0] as string]?.condition) return [...node.outgoing];
  const taken = node.outgoing.filter((flowId) => {
    const condition = graph.flows[flowId]?.condition;
    return flowId !== node.defaultFlow && !!condition && evaluateBoolean(condition, context);
  });
  if (taken.length > 0) return taken;
  if (node.defaultFlow) return [node.defaultFlow];
  throw new FeelError('CONDITION_ERROR', `no outgoing sequence flow of gateway ${node.id} matched and there is no default flow`);
}

/** Inclusive join: a token arrives; one waiting gateway instance per scope collects the flows (the run loop decides when it fires). */
export function arriveInclusive(interpreter: Interpreter, node: FlowNode, scopeKey: string, flowId: string): void {
  const waiting = [...interpreter.state.elements.values()].find((e) => e.elementId === node.id && e.scopeKey === scopeKey && !e.data.failedPhase && !(e.data.arrived ?? []).includes(flowId));
  const gateway = waiting ?? interpreter.createElement(node, scopeKey);
  gateway.data = { ...gateway.data, arrived: [...(gateway.data.arrived ?? []), flowId] };
  interpreter.effects.upsertedElements.add(gateway.key);
}

/**
 * A waiting inclusive join fires when every incoming flow arrived, or when no other active element of its scope can
 * still reach one of the flows not taken yet (checked only when no token is in flight).
 */
export function inclusiveJoinReady(interpreter: Interpreter, gateway: ElementInstance): boolean {
  const { graph, state } = interpreter;
  const node = graph.nodes[gateway.elementId];
  if (!node) return false;
  const missing = node.incoming.filter((flowId) => !(gateway.data.arrived ?? []).includes(flowId));
  if (missing.length === 0) return true;
  const canReach = new Set<string>();
  const pending = missing.map((flowId) => graph.flows[flowId]?.source ?? '');
  while (pending.length > 0) {
    const id = pending.pop() as string;
    const current = graph.nodes[id];
    if (!current || canReach.has(id) || id === node.id) continue;
    canReach.add(id);
    pending.push(...current.incoming.map((flowId) => graph.flows[flowId]?.source ?? ''));
    // A boundary event fires from its host, which can therefore reach whatever follows the boundary.
    if (current.attachedTo) pending.push(current.attachedTo);
  }
  for (const element of state.elements.values()) {
    if (element.key === gateway.key) continue;
    // An element nested deeper counts through its ancestor at the gateway's level.
    let at: ElementInstance | undefined = element;
    while (at && at.scopeKey !== gateway.scopeKey) at = at.scopeKey ? state.elements.get(at.scopeKey) : undefined;
    if (at && canReach.has(at.elementId)) return false;
  }
  return true;
}
