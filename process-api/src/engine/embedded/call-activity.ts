import type { Variables } from '../process-engine';
import { FeelError, evaluateString } from './feel';
import type { ElementInstance } from './instance-state';
import type { Interpreter } from './interpreter';
import type { FlowNode } from './model';
import { openBoundaries } from './wait-states';

/**
 * Enters a call activity: opens its boundaries and asks the engine for a child instance. The child's key is taken
 * from this step's key block so that the call activity knows its child before the child runs its first step.
 */
export function startCall(interpreter: Interpreter, node: FlowNode, instance: ElementInstance): void {
  const call = node.call;
  if (!call) throw new Error(`call activity ${node.id} has no called element`);
  openBoundaries(interpreter, node, instance);
  const context = interpreter.visible(instance.key);
  const processId = evaluateString(call.processId, context, 'called processId');
  // Input-mapped locals always go to the child; the rest of the visible variables only with propagateAllParentVariables.
  const locals = interpreter.state.variables.get(instance.key) ?? {};
  const variables = call.propagateAllParentVariables ? context : { ...locals };
  const childKey = interpreter.nextKey();
  instance.data = { ...instance.data, calledInstanceKey: childKey };
  interpreter.effects.upsertedElements.add(instance.key);
  interpreter.effects.calls.push({ elementInstanceKey: instance.key, elementId: node.id, processId, bindingType: call.bindingType, variables, childKey });
}

/** The called process is missing or cannot start: CALLED_ELEMENT_ERROR; resolving it tries the call again. */
export function failCall(interpreter: Interpreter, elementInstanceKey: string, message: string): void {
  const instance = interpreter.state.elements.get(elementInstanceKey);
  const node = interpreter.graph.nodes[instance?.elementId ?? ''];
  if (!instance || !node) return;
  instance.data = { ...instance.data, calledInstanceKey: undefined };
  // The boundaries were opened (and written) with the call; the retry opens them again.
  interpreter.effects.closedEvents.push({ ownerKey: instance.key, elementIds: node.boundaries });
  interpreter.fail(instance, 'activate', new FeelError('CALLED_ELEMENT_ERROR', message));
}

/**
 * The child completed: with output mappings only the mapped values come back; otherwise all child root variables
 * merge-up from the call activity when propagateAllChildVariables (missing = true), else nothing.
 */
export function completeCall(interpreter: Interpreter, elementInstanceKey: string, childVariables: Variables): void {
  const instance = interpreter.state.elements.get(elementInstanceKey);
  const node = interpreter.graph.nodes[instance?.elementId ?? ''];
  if (!instance || !node?.call) return;
  instance.data = { ...instance.data, calledInstanceKey: undefined };
  const returns = node.outputs.length > 0 || node.call.propagateAllChildVariables;
  interpreter.complete(instance, returns ? childVariables : undefined);
  interpreter.run();
}
