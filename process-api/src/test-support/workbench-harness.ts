import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { EmbeddedProcessEngine } from '../engine/embedded/embedded-process-engine';
import type { Variables } from '../engine/process-engine';
import type { EmployerSummary } from '@werkbank/shared';
import { AuditLogRepository } from '../persistence/audit-log.repository';
import { registerAuditProjection } from '../persistence/audit-projection';
import { registerCaseProjection } from '../persistence/case-projection';
import { caseDocumentsOf, employerDirectoryOf } from './in-memory-ports';
import { startTestServer, type TestServer } from './test-server';

export interface TestTaskSpec {
  bpmnProcessId?: string;
  /** The BPMN process name (defaults to the id). */
  processName?: string;
  elementId?: string;
  name?: string;
  candidateGroups?: string[];
  /** Variables of the process instance (e.g. enterpriseNumber, employerName, amountDueCents). */
  variables?: Variables;
  /** A form-js schema linked to the task (deployed as `<id>.form`). */
  form?: { id: string } & Record<string, unknown>;
  dueDate?: string;
}

export interface CreatedTestTask {
  taskId: string;
  caseId: string;
}

/** The real embedded engine with the case projection, and the one way the workbench's HTTP tests create tasks. */
export interface WorkbenchHarness {
  engine: EmbeddedProcessEngine;
  createTask(spec?: TestTaskSpec): Promise<CreatedTestTask>;
}

const TEMPLATE = readFileSync(join(__dirname, 'fixtures', 'one-user-task.bpmn'), 'utf8');

const xmlText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The one-user-task process of a spec. */
export function oneUserTaskBpmn(spec: TestTaskSpec): string {
  const bpmnProcessId = spec.bpmnProcessId ?? 'amicable-recovery';
  const extensions = [
    spec.form ? `<zeebe:formDefinition formId="${xmlText(spec.form.id)}" />` : '',
    spec.dueDate ? `<zeebe:taskSchedule dueDate="${xmlText(spec.dueDate)}" />` : '',
  ].join('');
  const values: Record<string, string> = {
    processId: bpmnProcessId,
    processName: spec.processName ?? bpmnProcessId,
    elementId: spec.elementId ?? 'contact-employer',
    name: spec.name ?? 'Contact the employer',
    candidateGroups: (spec.candidateGroups ?? ['recovery-agents']).join(','),
  };
  return TEMPLATE.replace(/\{\{(\w+)\}\}/g, (_, key: string) => (key === 'extensions' ? extensions : xmlText(values[key] ?? '')));
}

export function createWorkbenchHarness(dataSource: DataSource): WorkbenchHarness {
  const engine = new EmbeddedProcessEngine(dataSource, { controllableClock: true });
  registerCaseProjection(engine);
  registerAuditProjection(engine, new AuditLogRepository(dataSource));
  // what was deployed last per process id: instances start at the latest version, so a spec that differs redeploys
  const latest = new Map<string, string>();
  return {
    engine,
    async createTask(spec = {}) {
      const bpmn = oneUserTaskBpmn(spec);
      const form = spec.form ? JSON.stringify(spec.form) : '';
      const bpmnProcessId = spec.bpmnProcessId ?? 'amicable-recovery';
      if (latest.get(bpmnProcessId) !== bpmn + form) {
        const resources = [{ name: 'one-user-task.bpmn', content: bpmn }];
        if (spec.form) resources.push({ name: `${spec.form.id}.form`, content: form });
        await engine.deploy(resources);
        latest.set(bpmnProcessId, bpmn + form);
      }
      const { processInstanceKey } = await engine.createInstance(bpmnProcessId, spec.variables ?? {});
      const [row] = await dataSource.query(`SELECT key::text FROM user_task WHERE process_instance_key = $1 AND state = 'CREATED'`, [processInstanceKey]);
      if (!row) throw new Error(`no user task was created for instance ${processInstanceKey}`);
      return { taskId: row.key, caseId: processInstanceKey };
    },
  };
}

/** The workbench HTTP app on a free port over the harness's engine, with the given employers in the directory. */
export function startWorkbenchServer(dataSource: DataSource, harness: WorkbenchHarness, employers: EmployerSummary[] = []): Promise<TestServer> {
  return startTestServer({
    dataSource,
    engine: harness.engine,
    employerDirectory: employerDirectoryOf(employers),
    caseDocuments: caseDocumentsOf({}),
    production: false,
  });
}
