import type { Actor } from './task-access';

/**
 * Four-eyes (segregation of duties): the user named in `notBy` (a process variable the server stamped when an
 * earlier step was completed) may not complete the step `elementId` of process `bpmnProcessId`.
 * Kept as one table so that a new rule is a line here, not code in a use case.
 */
export interface FourEyesRule {
  bpmnProcessId: string;
  elementId: string;
  notBy: string;
}

export const FOUR_EYES_RULES: readonly FourEyesRule[] = [
  // the forced-recovery transfer is approved by someone other than the person who prepared it
  { bpmnProcessId: 'recovery', elementId: 'Activity_ApproveTransfer', notBy: 'preparedBy' },
  // an administrative agreement is approved by a team lead other than the person who assessed the request
  { bpmnProcessId: 'payment-deferral', elementId: 'Activity_ApproveAgreement', notBy: 'assessedBy' },
];

export class FourEyesViolationError extends Error {
  readonly code = 'FOUR_EYES_VIOLATION';
  constructor(message: string) {
    super(message);
    this.name = 'FourEyesViolationError';
  }
}

export interface TaskStep {
  step: string;
  process: { bpmnProcessId: string };
}

export function assertFourEyes(rules: readonly FourEyesRule[], actor: Actor, task: TaskStep, variables: Record<string, unknown>): void {
  for (const rule of rules) {
    if (rule.bpmnProcessId !== task.process.bpmnProcessId || rule.elementId !== task.step) continue;
    if (variables[rule.notBy] === actor.username) {
      throw new FourEyesViolationError(`${actor.username} did the earlier step (${rule.notBy}); another person must complete this one`);
    }
  }
}

/**
 * Form fields the server fills with the completing user, whatever the browser sent: read-only fields whose key
 * ends in `By` (preparedBy, approvedBy). That is what makes a four-eyes rule trustworthy.
 */
export function actorStampedFields(schema: unknown): string[] {
  const keys: string[] = [];
  const visit = (components: unknown): void => {
    if (!Array.isArray(components)) return;
    for (const c of components) {
      if (typeof c !== 'object' || c === null) continue;
      const { key, readonly, components: children } = c as { key?: unknown; readonly?: unknown; components?: unknown };
      if (typeof key === 'string' && readonly === true && /By$/.test(key)) keys.push(key);
      visit(children);
    }
  };
  visit(typeof schema === 'object' && schema !== null ? (schema as { components?: unknown }).components : undefined);
  return keys;
}
