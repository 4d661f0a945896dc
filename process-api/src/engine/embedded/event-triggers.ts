import type { Variables } from '../process-engine';
import type { ElementInstance } from './instance-state';
import type { Interpreter } from './interpreter';
import type { FlowNode } from './model';
import { openEvent } from './wait-states';

/** Opens the start subscriptions/timers of the event sub-processes of a scope; they are owned by the scope instance. */
export function openScopeEvents(interpreter: Interpreter, eventSubProcessIds: string[], scopeKey: string): void {
  if (eventSubProcessIds.length === 0) return;
  const context = interpreter.visible(scopeKey);
  for (const id of eventSubProcessIds) {
    const start = interpreter.graph.nodes[interpreter.graph.nodes[id]?.startId ?? ''];
    if (start) openEvent(interpreter, start, scopeKey, context);
  }
}

/** A timer or message boundary triggered; an interrupting one terminates the host (and everything inside) first. */
export function triggerBoundary(interpreter: Interpreter, hostKey: string, boundary: FlowNode, variables: Variables): boolean {
  const host = interpreter.state.elements.get(hostKey);
  if (!host) return false;
  if (boundary.cancelActivity) interpreter.terminate(host);
  const instance = interpreter.createElement(boundary, host.scopeKey ?? interpreter.state.key);
  interpreter.complete(instance, variables);
  return true;
}

/**
 * An event sub-process start triggered in scope `scopeKey`. Interrupting: everything else in the scope is terminated
 * and the scope's other event subscriptions close (it fires once). Non-interrupting: runs beside the scope's tokens.
 */
export function triggerEventSubProcess(interpreter: Interpreter, scopeKey: string, start: FlowNode, variables: Variables): boolean {
  const scope = interpreter.state.elements.get(scopeKey);
  const eventSubProcess = interpreter.graph.nodes[start.parentId ?? ''];
  if (!scope || !eventSubProcess) return false;
  if (start.interrupting !== false) {
    interpreter.terminateChildren(scopeKey);
    const scopeNode = interpreter.graph.nodes[scope.elementId];
    const siblings = scopeNode ? (scopeNode.eventSubProcesses ?? []) : interpreter.graph.eventSubProcesses;
    // The scope's own boundary events stay; only its event sub-process starts close.
    interpreter.effects.closedEvents.push({ ownerKey: scopeKey, elementIds: siblings.map((id) => interpreter.graph.nodes[id]?.startId ?? '') });
  }
  const instance = interpreter.createElement(eventSubProcess, scopeKey);
  interpreter.complete(interpreter.createElement(start, instance.key), variables);
  return true;
}

/** The first event after an event-based gateway wins: the gateway leaves (closing the others) and the event completes. */
export function triggerEventGateway(interpreter: Interpreter, gatewayKey: string, event: FlowNode, variables: Variables): boolean {
  const gateway = interpreter.state.elements.get(gatewayKey);
  if (!gateway) return false;
  interpreter.complete(gateway, undefined, []);
  interpreter.complete(interpreter.createElement(event, gateway.scopeKey ?? interpreter.state.key), variables);
  return true;
}

/** The error event sub-process start of a scope (sub-process or process) catching `errorCode`: exact code, else catch-all. */
function errorStartIn(interpreter: Interpreter, scope: ElementInstance, errorCode: string): FlowNode | undefined {
  const { graph } = interpreter;
  const ids = scope.key === interpreter.state.key ? graph.eventSubProcesses : (graph.nodes[scope.elementId]?.eventSubProcesses ?? []);
  const starts = ids.map((id) => graph.nodes[graph.nodes[id]?.startId ?? '']).filter((s): s is FlowNode => !!s?.catchesError);
  return starts.find((s) => s.errorCode === errorCode) ?? starts.find((s) => s.errorCode === undefined);
}

/**
 * BPMN error matching: from the throwing element outwards through its enclosing sub-processes up to the process, the
 * first level that catches it wins: a scope's error event sub-process (it runs inside the scope, after everything
 * else there was terminated), else an error boundary on the element (which is terminated); exact code before catch-all.
 */
export function throwError(interpreter: Interpreter, elementInstanceKey: string, errorCode: string, variables: Variables): boolean {
  const { state, graph } = interpreter;
  let current = state.elements.get(elementInstanceKey);
  while (current) {
    const start = current.key === elementInstanceKey ? undefined : errorStartIn(interpreter, current, errorCode);
    if (start) {
      interpreter.terminateChildren(current.key);
      const scopeNode = graph.nodes[current.elementId];
      const siblings = current.key === state.key ? graph.eventSubProcesses : (scopeNode?.eventSubProcesses ?? []);
      interpreter.effects.closedEvents.push({ ownerKey: current.key, elementIds: siblings.map((id) => graph.nodes[id]?.startId ?? '') });
      const eventSubProcess = interpreter.createElement(graph.nodes[start.parentId ?? ''] as FlowNode, current.key);
      const instance = interpreter.createElement(start, eventSubProcess.key);
      // Error payloads are locals of the catching event: only its output mappings move them up.
      for (const [name, value] of Object.entries(variables)) interpreter.setLocal(instance.key, name, value);
      interpreter.complete(instance);
      return true;
    }
    if (current.key === state.key) return false;
    const host = graph.nodes[current.elementId];
    // An iteration of a multi-instance activity has no boundaries of its own: they sit on the body, one level up.
    const own = host?.multiInstance && current.elementType !== 'multiInstanceBody' ? [] : (host?.boundaries ?? []);
    const boundaries = own.map((id) => graph.nodes[id] as FlowNode).filter((b) => b.catchesError);
    const catcher = boundaries.find((b) => b.errorCode === errorCode) ?? boundaries.find((b) => b.errorCode === undefined);
    if (catcher) {
      interpreter.terminate(current);
      const instance = interpreter.createElement(catcher, current.scopeKey ?? state.key);
      // Error payloads are locals of the catching event: only its output mappings move them up.
      for (const [name, value] of Object.entries(variables)) interpreter.setLocal(instance.key, name, value);
      interpreter.complete(instance);
      return true;
    }
    current = current.scopeKey ? state.elements.get(current.scopeKey) : undefined;
  }
  return false;
}
