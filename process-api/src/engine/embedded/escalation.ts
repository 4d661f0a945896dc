import type { ElementInstance } from './instance-state';
import type { Interpreter } from './interpreter';
import type { FlowNode } from './model';
import { triggerBoundary, triggerEventSubProcess } from './event-triggers';

/** The catcher for a code among candidates: the exact code beats the catch-all (no code). */
function pick(candidates: (FlowNode | undefined)[], code: string): FlowNode | undefined {
  const catchers = candidates.filter((c): c is FlowNode => !!c?.catchesEscalation);
  return catchers.find((c) => c.escalationCode === code) ?? catchers.find((c) => c.escalationCode === undefined);
}

/**
 * Escalation from `from` (a throw event, or a call activity whose child escalated): outwards through the scopes, each
 * level's event sub-process starts first, then the boundary events of the level's element. Interrupting catchers
 * terminate their scope (with the thrower); non-interrupting ones start a token beside it. False when nothing caught.
 */
export function throwEscalation(interpreter: Interpreter, from: ElementInstance, code: string): boolean {
  const { state, graph } = interpreter;
  let current: ElementInstance | undefined = from;
  while (current) {
    const node = graph.nodes[current.elementId];
    const isRoot = current.key === state.key;
    const isBody = current.elementType === 'multiInstanceBody';
    const scopes = isRoot ? graph.eventSubProcesses : isBody ? [] : (node?.eventSubProcesses ?? []);
    const start = pick(scopes.map((id) => graph.nodes[graph.nodes[id]?.startId ?? '']), code);
    if (start) return triggerEventSubProcess(interpreter, current.key, start, {});
    if (isRoot) return false;
    const boundaries = node?.multiInstance && !isBody ? [] : (node?.boundaries ?? []);
    const boundary = pick(boundaries.map((id) => graph.nodes[id]), code);
    if (boundary) return triggerBoundary(interpreter, current.key, boundary, {});
    current = current.scopeKey ? state.elements.get(current.scopeKey) : undefined;
  }
  return false;
}
