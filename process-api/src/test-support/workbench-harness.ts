import type { DataSource } from 'typeorm';
import type { ProcessEngine, Variables } from '../engine/process-engine';
import { registerCaseProjection } from '../persistence/case-projection';
import { FakeProcessEngine } from './fake-process-engine';

export interface TestTaskSpec {
  bpmnProcessId?: string;
  elementId?: string;
  name?: string;
  candidateGroups?: string[];
  /** Variables of the process instance (e.g. enterpriseNumber, employerName, amountDueCents). */
  variables?: Variables;
  /** A form-js schema linked to the task. */
  form?: unknown;
  dueDate?: string;
}

export interface CreatedTestTask {
  taskId: string;
  caseId: string;
}

/**
 * The engine the workbench's HTTP tests run against, and the one way they create tasks. It is the seam to
 * re-point the suite at the real engine: implement `createTask` by deploying a one-user-task process (with the
 * form) and starting an instance; the tests themselves use nothing else from the engine.
 */
export interface WorkbenchHarness {
  engine: ProcessEngine;
  createTask(spec?: TestTaskSpec): Promise<CreatedTestTask>;
}

export function createWorkbenchHarness(dataSource: DataSource): WorkbenchHarness {
  const engine = new FakeProcessEngine(dataSource);
  registerCaseProjection(engine);
  let forms = 0;
  return {
    engine,
    async createTask(spec = {}) {
      const bpmnProcessId = spec.bpmnProcessId ?? 'amicable-recovery';
      const { processInstanceKey } = await engine.createInstance(bpmnProcessId, spec.variables ?? {});
      let formKey: string | null = null;
      if (spec.form !== undefined) {
        forms += 1;
        formKey = `form-${forms}`;
        engine.addForm(formKey, spec.form);
      }
      const taskId = await engine.createUserTask({
        processInstanceKey,
        bpmnProcessId,
        elementId: spec.elementId ?? 'contact-employer',
        name: spec.name ?? 'Contact the employer',
        candidateGroups: spec.candidateGroups ?? ['recovery-agents'],
        formKey,
        dueDate: spec.dueDate ?? null,
      });
      return { taskId, caseId: processInstanceKey };
    },
  };
}
