import type { Variables } from '../process-engine';
import { FeelError, evaluateBoolean } from './feel';
import type { Interpreter } from './interpreter';
import type { FlowNode, ProcessGraph } from './model';

/** Exclusive gateway: conditions in XML order, the first true wins; the default only when nothing matched. */
export function chooseFlow(graph: ProcessGraph, node: FlowNode, context: Variables): string {
  for (const flowId of node.outgoing) {
    const flow = graph.flows[flowId];
    if (flowId === node.defaultFlow || !flow?.condition) continue;
    if (evaluateBoolean(flow.condition, context)) return flowId;
  }
  if (node.defaultFlow) return node.defaultFlow;
  if (node.outgoing.length === 1 && !graph.flows[node.outgoing[0] as string]?.condition) return node.outgoing[0] as string;
  throw new FeelError('CONDITION_ERROR', `no outgoing sequence flow of gateway ${node.id} matched and there is no default flow`);
}

/** Parallel join: one waiting gateway instance per scope collects the incoming flows; it completes once all arrived. */
export function joinParallel(interpreter: Interpreter, node: FlowNode, scopeKey: string, flowId: string): void {
  const waiting = [...interpreter.state.elements.values()].find((e) => e.elementId === node.id && e.scopeKey === scopeKey && !(e.data.arrived ?? []).includes(flowId));
  const gateway = waiting ?? interpreter.createElement(node, scopeKey);
  gateway.data = { ...gateway.data, arrived: [...(gateway.data.arrived ?? []), flowId] };
  interpreter.effects.upsertedElements.add(gateway.key);
  if (node.incoming.every((flow) => gateway.data.arrived?.includes(flow))) interpreter.complete(gateway);
}
