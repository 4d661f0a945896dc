import { FeelError, evaluateBoolean, valueOf } from './feel';
import type { ElementInstance } from './instance-state';
import type { Interpreter } from './interpreter';
import type { FlowNode } from './model';
import { openBoundaries } from './wait-states';

/** Multi-instance: a body element instance (type `multiInstanceBody`, same element id) holds one inner instance per item. */
export const BODY = 'multiInstanceBody';

/** An inner instance of a multi-instance activity (its boundaries and flows belong to the body). */
export function isInner(node: FlowNode, instance: ElementInstance): boolean {
  return !!node.multiInstance && instance.elementType !== BODY;
}

export function createBody(interpreter: Interpreter, node: FlowNode, scopeKey: string): ElementInstance {
  const body: ElementInstance = { key: interpreter.nextKey(), elementId: node.id, elementType: BODY, scopeKey, data: {} };
  interpreter.state.elements.set(body.key, body);
  interpreter.effects.upsertedElements.add(body.key);
  interpreter.record('ELEMENT_ACTIVATED', { elementId: node.id, elementType: BODY, elementName: node.name, detail: { elementInstanceKey: body.key } });
  return body;
}

/** Evaluates the input collection, opens the body's boundaries and starts the first (sequential) or every (parallel) iteration. */
export function enterBody(interpreter: Interpreter, node: FlowNode, body: ElementInstance): void {
  const mi = node.multiInstance;
  if (!mi) throw new Error(`${node.id} is not multi-instance`);
  const items = valueOf(mi.inputCollection, interpreter.visible(body.key));
  if (!Array.isArray(items)) throw new FeelError('EXTRACT_VALUE_ERROR', `inputCollection '${mi.inputCollection}' must be a list but was ${JSON.stringify(items)}`);
  body.data = { ...body.data, mi: { items, next: 0, completed: 0, terminated: 0 } };
  interpreter.effects.upsertedElements.add(body.key);
  if (mi.outputCollection) interpreter.setLocal(body.key, mi.outputCollection, items.map(() => null));
  openBoundaries(interpreter, node, body);
  if (items.length === 0) {
    interpreter.complete(body);
    return;
  }
  const count = mi.sequential ? 1 : items.length;
  for (let i = 0; i < count; i++) startIteration(interpreter, node, body);
}

function startIteration(interpreter: Interpreter, node: FlowNode, body: ElementInstance): void {
  const state = body.data.mi;
  if (!state) return;
  const index = state.next;
  body.data = { ...body.data, mi: { ...state, next: index + 1 } };
  interpreter.effects.upsertedElements.add(body.key);
  const inner = interpreter.createElement(node, body.key);
  const mi = node.multiInstance;
  if (mi?.inputElement) interpreter.setLocal(inner.key, mi.inputElement, state.items[index] ?? null);
  interpreter.setLocal(inner.key, 'loopCounter', index + 1);
  // A plain-path outputElement becomes an inner local, so a worker's result of that name lands in this iteration.
  const path = /^=\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(mi?.outputElement ?? '');
  if (path?.[1] && path[1] !== mi?.inputElement) interpreter.setLocal(inner.key, path[1], null);
  interpreter.enter(node, inner);
}

/**
 * An iteration is completing (its locals still alive): writes its outputElement at its own index of the body's
 * outputCollection and evaluates the completionCondition; returns whether the body is done early.
 */
export function collectIteration(interpreter: Interpreter, node: FlowNode, inner: ElementInstance): boolean {
  const mi = node.multiInstance;
  const body = interpreter.state.elements.get(inner.scopeKey ?? '');
  const counters = body?.data.mi;
  if (!mi || !body || !counters) return false;
  const context = interpreter.visible(inner.key);
  if (mi.outputCollection && mi.outputElement) {
    const index = Number(context['loopCounter']) - 1;
    // Kept in the body's data, not read back from the variable: a child's or worker's result may overwrite that.
    const collection = [...(counters.outputs ?? counters.items.map(() => null))];
    collection[index] = valueOf(mi.outputElement, context) ?? null;
    body.data = { ...body.data, mi: { ...counters, outputs: collection } };
    interpreter.effects.upsertedElements.add(body.key);
    interpreter.setLocal(body.key, mi.outputCollection, collection);
  }
  if (!mi.completionCondition) return false;
  const active = [...interpreter.state.elements.values()].filter((e) => e.scopeKey === body.key && e.key !== inner.key).length;
  return evaluateBoolean(mi.completionCondition, {
    ...context,
    numberOfInstances: counters.items.length,
    numberOfActiveInstances: active,
    numberOfCompletedInstances: counters.completed + 1,
    numberOfTerminatedInstances: counters.terminated,
  });
}

/** After an iteration left: the next sequential one starts, or the body completes (early: the others are terminated). */
export function afterIteration(interpreter: Interpreter, node: FlowNode, bodyKey: string, done: boolean): void {
  const body = interpreter.state.elements.get(bodyKey);
  const counters = body?.data.mi;
  if (!body || !counters) return;
  const remaining = [...interpreter.state.elements.values()].filter((e) => e.scopeKey === body.key);
  body.data = { ...body.data, mi: { ...counters, completed: counters.completed + 1, terminated: counters.terminated + (done ? remaining.length : 0) } };
  interpreter.effects.upsertedElements.add(body.key);
  if (done) {
    for (const inner of remaining) interpreter.terminate(inner);
    interpreter.complete(body);
  } else if (node.multiInstance?.sequential && counters.next < counters.items.length) {
    startIteration(interpreter, node, body);
  } else if (remaining.length === 0) {
    interpreter.complete(body);
  }
}

/** The body completes: only its output collection goes up (merge-up from the body's flow scope). */
export function bodyResult(interpreter: Interpreter, node: FlowNode, body: ElementInstance): void {
  const name = node.multiInstance?.outputCollection;
  const counters = body.data.mi;
  if (name) interpreter.mergeUp(body.scopeKey ?? interpreter.state.key, { [name]: counters?.outputs ?? counters?.items.map(() => null) ?? [] });
}
