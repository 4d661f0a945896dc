import { EngineError, type ProcessEngine, type Variables } from '../../engine/process-engine';
import type { ConditionEvaluator } from '../../domain/forms/condition-evaluator';
import { FormValidationError } from '../../domain/forms/form-errors';
import { validateFormSubmission } from '../../domain/forms/validate-form-submission';
import { assertCanComplete, type Actor } from '../../domain/tasks/task-access';
import type { TaskQueries } from '../ports';
import { findTask } from './find-task';

/** The assignee finishes a task; what the form submits is validated here, never trusted from the browser. */
export class CompleteTaskUseCase {
  constructor(
    private readonly tasks: TaskQueries,
    private readonly engine: ProcessEngine,
    private readonly evaluate: ConditionEvaluator,
  ) {}

  async execute(actor: Actor, taskKey: string, submitted: Variables, expectedVersion: number): Promise<void> {
    const task = await findTask(this.tasks, taskKey);
    if (task.state !== 'CREATED') throw new EngineError('TASK_NOT_ACTIVE', `Task ${taskKey} is ${task.state.toLowerCase()}`);
    assertCanComplete(actor, task);
    let variables = submitted;
    const form = await this.engine.getFormForUserTask(task.id);
    if (form) {
      const visible = await this.engine.getVariables(task.processInstanceKey);
      const result = validateFormSubmission(form.schema, submitted, { evaluate: this.evaluate, variables: visible });
      if (result.errors.length > 0) throw new FormValidationError(result.errors);
      variables = result.values;
    }
    await this.engine.completeUserTask(task.id, variables, { expectedVersion, actor: actor.username });
  }
}
