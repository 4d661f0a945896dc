import type { ProcessEngine } from '../../engine/process-engine';
import { feelConditionEvaluator } from '../forms/feel-condition-evaluator';
import type { TaskQueries, WorkbenchTask } from '../ports';
import { CompleteTaskUseCase } from './complete-task.use-case';

const form = {
  components: [
    { type: 'radio', key: 'outcome', validate: { required: true }, values: [{ value: 'PROMISE' }, { value: 'DISPUTE' }] },
    { type: 'textarea', key: 'disputeReason', conditional: { hide: '=outcome != "DISPUTE"' }, validate: { required: true } },
    { type: 'datetime', subtype: 'date', key: 'promisedDate', disallowPassedDates: true },
  ],
};

// The engine's clock, far from the machine's: 2030-01-16 00:30 in Brussels.
const ENGINE_NOW = new Date('2030-01-15T23:30:00Z');

function setUp(task: Partial<WorkbenchTask>) {
  const stored: WorkbenchTask = {
    id: '7',
    name: 'Contact',
    step: 'contact',
    process: { bpmnProcessId: 'amicable-recovery', name: null },
    state: 'CREATED',
    assignee: 'agent1',
    assigneeName: null,
    candidateGroups: ['recovery-agents'],
    candidateUsers: [],
    processInstanceKey: '5',
    caseId: '5',
    employer: null,
    amountDue: null,
    dueDate: null,
    createdAt: '2026-12-01T00:00:00Z',
    version: 3,
    ...task,
  };
  const tasks = { find: async () => stored } as unknown as TaskQueries;
  const completeUserTask = jest.fn(async () => undefined);
  const engine = {
    getFormForUserTask: async () => ({ formId: 'contact', version: 1, schema: form }),
    getVariables: async () => ({ enterpriseNumber: '0403170701' }),
    completeUserTask,
    now: () => ENGINE_NOW,
  } as unknown as ProcessEngine;
  return { useCase: new CompleteTaskUseCase(tasks, engine, feelConditionEvaluator), completeUserTask };
}

const agent1 = { username: 'agent1', roles: ['agent'], groups: ['recovery-agents'] };

describe('CompleteTaskUseCase', () => {
  it('should complete with the validated values, dropping hidden fields, at the expected version', async () => {
    // given agent1's task
    const { useCase, completeUserTask } = setUp({});
    // when completing with a value for a hidden field
    await useCase.execute(agent1, '7', { outcome: 'PROMISE', disputeReason: 'left over' }, 3);
    // then the engine gets only the visible values, with the version and actor
    expect(completeUserTask).toHaveBeenCalledWith('7', { outcome: 'PROMISE' }, { expectedVersion: 3, actor: 'agent1' });
  });

  it('should refuse invalid data without touching the engine', async () => {
    const { useCase, completeUserTask } = setUp({});
    await expect(useCase.execute(agent1, '7', { outcome: 'DISPUTE' }, 3)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'disputeReason', message: 'is required' }],
    });
    expect(completeUserTask).not.toHaveBeenCalled();
  });

  it('should judge a passed date by the engine clock in Brussels, not by the machine', async () => {
    const { useCase, completeUserTask } = setUp({});
    // when promising for the engine's yesterday (in UTC still "today"), then it is refused
    await expect(useCase.execute(agent1, '7', { outcome: 'PROMISE', promisedDate: '2030-01-15' }, 3)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'promisedDate', message: 'must not be in the past (today is 2030-01-16)' }],
    });
    // when promising for the engine's today, then it completes
    await useCase.execute(agent1, '7', { outcome: 'PROMISE', promisedDate: '2030-01-16' }, 3);
    expect(completeUserTask).toHaveBeenCalledWith('7', { outcome: 'PROMISE', promisedDate: '2030-01-16' }, { expectedVersion: 3, actor: 'agent1' });
  });

  it('should refuse someone who is not the assignee and a task that is no longer active', async () => {
    const other = setUp({ assignee: 'agent2' });
    await expect(other.useCase.execute(agent1, '7', { outcome: 'PROMISE' }, 3)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const done = setUp({ state: 'COMPLETED' });
    await expect(done.useCase.execute(agent1, '7', { outcome: 'PROMISE' }, 3)).rejects.toMatchObject({ code: 'TASK_NOT_ACTIVE' });
    expect(other.completeUserTask).not.toHaveBeenCalled();
  });
});
