import { EngineError, type ProcessEngine, type Variables } from '../../engine/process-engine';
import { calendarDay } from '../../domain/forms/check-date-time';
import type { ConditionEvaluator } from '../../domain/forms/condition-evaluator';
import { FormValidationError } from '../../domain/forms/form-errors';
import { validateFormSubmission } from '../../domain/forms/validate-form-submission';
import { actorStampedFields, assertFourEyes, FOUR_EYES_RULES, type FourEyesRule } from '../../domain/tasks/four-eyes';
import { assertCanComplete, type Actor } from '../../domain/tasks/task-access';
import type { TaskQueries } from '../ports';
import { findTask } from './find-task';

/** The assignee finishes a task; what the form submits is validated here, never trusted from the browser. */
export class CompleteTaskUseCase {
  constructor(
    private readonly tasks: TaskQueries,
    private readonly engine: ProcessEngine,
    private readonly evaluate: ConditionEvaluator,
    private readonly fourEyesRules: readonly FourEyesRule[] = FOUR_EYES_RULES,
  ) {}

  async execute(actor: Actor, taskKey: string, submitted: Variables, expectedVersion: number): Promise<void> {
    const task = await findTask(this.tasks, taskKey);
    if (task.state !== 'CREATED') throw new EngineError('TASK_NOT_ACTIVE', `Task ${taskKey} is ${task.state.toLowerCase()}`);
    assertCanComplete(actor, task);
    let completed = submitted;
    // Two independent reads, sent together: one round trip of waiting instead of two.
    const [form, visible] = await Promise.all([this.engine.getFormForUserTask(task.id), this.engine.getVariables(task.processInstanceKey)]);
    assertFourEyes(this.fourEyesRules, actor, task, visible);
    if (form) {
      const result = validateFormSubmission(form.schema, submitted, {
        evaluate: this.evaluate,
        variables: visible,
        // "today" by the engine's clock, so a demo that moved time forward judges dates as the process does.
        today: calendarDay(this.engine.now()),
      });
      if (result.errors.length > 0) throw new FormValidationError(result.errors);
      completed = result.values;
      for (const key of actorStampedFields(form.schema)) completed[key] = actor.username;
    }
    await this.engine.completeUserTask(task.id, completed, { expectedVersion, actor: actor.username });
  }
}
