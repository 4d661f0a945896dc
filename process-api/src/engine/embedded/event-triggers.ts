import type { Variables } from '../process-engine';
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

/**
 * BPMN error matching: from the throwing element outwards through its enclosing sub-processes, the first level with
 * an error boundary for the exact code (else a catch-all) catches it; that level's element is terminated.
 */
export function throwError(interpreter: Interpreter, elementInstanceKey: string, errorCode: string, variables: Variables): boolean {
  const { state, graph } = interpreter;
  let current = state.elements.get(elementInstanceKey);
  while (current && current.key !== state.key) {
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
