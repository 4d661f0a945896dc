import { FeelError, parseIsoInstant, evaluateCorrelationKey, evaluateOptionalString, evaluateString, evaluateStringList, valueOf } from './feel';
import type { ElementInstance } from './instance-state';
import type { Interpreter } from './interpreter';
import type { FlowNode } from './model';
import { scheduleTimer } from './timer-expression';

/** Enters a wait state: opens boundary events, then creates the job, user task, subscription or timer the element waits for. */
export function openWaitState(interpreter: Interpreter, node: FlowNode, instance: ElementInstance): void {
  const context = interpreter.visible(instance.key);
  const { effects } = interpreter;
  openBoundaries(interpreter, node, instance);
  if (node.job) {
    const retries = Number(valueOf(node.job.retries, context));
    if (!Number.isInteger(retries)) throw new FeelError('EXTRACT_VALUE_ERROR', `job retries '${node.job.retries}' is not an integer`);
    effects.jobs.push({
      key: interpreter.nextKey(), type: evaluateString(node.job.type, context, 'job type'), retries,
      elementInstanceKey: instance.key, elementId: node.id, customHeaders: node.job.headers,
    });
  } else if (node.userTask) {
    createUserTask(interpreter, node, instance, context);
  } else if (node.type === 'receiveTask' || node.type === 'intermediateCatchEvent') {
    openEvent(interpreter, node, instance.key, context);
  }
}

/** Schedules the timers and opens the message subscriptions of an activity's boundary events. */
export function openBoundaries(interpreter: Interpreter, node: FlowNode, instance: ElementInstance): void {
  // The boundaries of a multi-instance activity belong to its body, not to each iteration.
  if (node.multiInstance && instance.elementType !== 'multiInstanceBody') return;
  const context = interpreter.visible(instance.key);
  for (const boundaryId of node.boundaries) openEvent(interpreter, interpreter.graph.nodes[boundaryId] as FlowNode, instance.key, context);
}

/** Opens the subscription or timer of a message/timer event, owned by `ownerKey` (the catch itself or a boundary's host). */
export function openEvent(interpreter: Interpreter, node: FlowNode, ownerKey: string, context: Record<string, unknown>): void {
  if (node.timer) {
    const schedule = scheduleTimer(node.timer.kind, node.timer.expression, context, interpreter.now);
    interpreter.effects.timers.push({ key: interpreter.nextKey(), elementInstanceKey: ownerKey, elementId: node.id, ...schedule });
  } else if (node.message?.correlationKey) {
    interpreter.effects.subscriptions.push({
      key: interpreter.nextKey(), elementInstanceKey: ownerKey, elementId: node.id,
      messageName: evaluateString(node.message.name, context, 'message name'),
      // Evaluated once, here: later variable changes do not move the subscription.
      correlationKey: evaluateCorrelationKey(node.message.correlationKey, context),
    });
  }
}

function dateOf(expression: string | undefined, context: Record<string, unknown>, what: string): string | null {
  const value = evaluateOptionalString(expression, context, what);
  if (value === null) return null;
  // Not `new Date(value)`: that reads a date-time without offset in the machine's zone.
  const date = parseIsoInstant(value);
  if (!date) throw new FeelError('EXTRACT_VALUE_ERROR', `${what} '${value}' is not an ISO 8601 date-time`);
  return date.toISOString();
}

function createUserTask(interpreter: Interpreter, node: FlowNode, instance: ElementInstance, context: Record<string, unknown>): void {
  const def = node.userTask ?? {};
  let priority = 50;
  if (def.priority) {
    const value = Number(valueOf(def.priority, context));
    if (!Number.isInteger(value) || value < 0 || value > 100) throw new FeelError('EXTRACT_VALUE_ERROR', `priority '${def.priority}' must be an integer 0-100`);
    priority = value;
  }
  const task = {
    key: interpreter.nextKey(), elementId: node.id, elementInstanceKey: instance.key, name: node.name,
    assignee: evaluateOptionalString(def.assignee, context, 'assignee'),
    candidateGroups: evaluateStringList(def.candidateGroups, context, 'candidateGroups'),
    candidateUsers: evaluateStringList(def.candidateUsers, context, 'candidateUsers'),
    formKey: def.formId ?? null,
    dueDate: dateOf(def.dueDate, context, 'dueDate'),
    followUpDate: dateOf(def.followUpDate, context, 'followUpDate'),
    priority,
    variables: context,
  };
  interpreter.effects.userTasks.push(task);
  interpreter.record('USER_TASK_CREATED', {
    elementId: node.id, elementType: node.type, elementName: node.name, userTaskKey: task.key, variables: context,
    detail: { elementInstanceKey: instance.key, assignee: task.assignee, candidateGroups: task.candidateGroups, candidateUsers: task.candidateUsers, formKey: task.formKey, priority },
  });
}
