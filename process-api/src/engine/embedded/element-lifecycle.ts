import type { ElementInstance } from './instance-state';
import type { Interpreter } from './interpreter';

/** Removes an element instance and its local scope; its jobs, timers, subscriptions and open user task go with it. */
export function leave(interpreter: Interpreter, key: string): void {
  const { state, effects } = interpreter;
  state.elements.delete(key);
  effects.leftElements.push(key);
  effects.upsertedElements.delete(key);
  effects.removedElements.add(key);
  // The root scope outlives the instance so that its final variables stay readable.
  if (key !== state.key) {
    state.variables.delete(key);
    effects.dirtyScopes.delete(key);
    effects.removedScopes.add(key);
  }
}

/** Terminates an element instance with everything inside it; a called child instance is canceled with it. */
export function terminate(interpreter: Interpreter, instance: ElementInstance): void {
  terminateChildren(interpreter, instance.key);
  const child = instance.data.calledInstanceKey;
  const { effects } = interpreter;
  if (child) {
    // A child not created yet (same step) is simply not created; a running one is canceled by the engine.
    const pending = effects.calls.length;
    effects.calls = effects.calls.filter((c) => c.childKey !== child);
    if (effects.calls.length === pending) effects.canceledChildren.push(child);
  }
  leave(interpreter, instance.key);
  interpreter.record('ELEMENT_TERMINATED', { elementId: instance.elementId, elementType: instance.elementType, detail: { elementInstanceKey: instance.key } });
}

export function terminateChildren(interpreter: Interpreter, scopeKey: string): void {
  const { elements } = interpreter.state;
  for (const child of [...elements.values()].filter((e) => e.scopeKey === scopeKey)) {
    if (elements.has(child.key)) terminate(interpreter, child);
  }
}

/** Terminates every element instance and ends the instance as CANCELED. */
export function cancelInstance(interpreter: Interpreter): void {
  const { state, effects } = interpreter;
  if (state.state !== 'ACTIVE') return;
  terminateChildren(interpreter, state.key);
  leave(interpreter, state.key);
  state.state = 'CANCELED';
  effects.instanceEnded = 'CANCELED';
  interpreter.record('PROCESS_INSTANCE_CANCELED', {});
}

/** The instance completes once nothing but its process element is left; a called one hands its variables back. */
export function completeInstanceIfDone(interpreter: Interpreter): void {
  const { state, effects } = interpreter;
  if (state.state !== 'ACTIVE' || !state.elements.has(state.key)) return;
  if ([...state.elements.values()].some((e) => e.key !== state.key)) return;
  const { parentInstanceKey, parentElementInstanceKey } = state.elements.get(state.key)?.data ?? {};
  if (parentInstanceKey && parentElementInstanceKey) {
    effects.childCompleted = { parentInstanceKey, parentElementInstanceKey, variables: interpreter.visible(state.key) };
  }
  leave(interpreter, state.key);
  state.state = 'COMPLETED';
  effects.instanceEnded = 'COMPLETED';
  interpreter.record('PROCESS_INSTANCE_COMPLETED', { variables: interpreter.visible(state.key) });
}
