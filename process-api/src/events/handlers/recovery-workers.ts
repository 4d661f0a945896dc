import type { DataSource } from 'typeorm';
import type { ActivatedJob, JobHandler, JobOutcome, ProcessEngine } from '../../engine/process-engine';
import type { CaseDocuments } from '../../application/case-documents.port';
import { checkEnterpriseNumber, formatEnterpriseNumber } from '../../domain/employer/enterprise-number';
import { DocumentRepository } from '../../persistence/document.repository';
import { EmployerRepository } from '../../persistence/employer.repository';
import { renderLetter, UnknownTemplateError, type LetterValues } from './letter-templates';

export interface RecoveryWorkerDependencies {
  documents: CaseDocuments;
  employers: EmployerRepository;
  now?: () => Date;
}

/** A job that lacks what it needs cannot succeed by retrying: it becomes an incident at once. */
const incident = (errorMessage: string): JobOutcome => ({ outcome: 'fail', errorMessage, retries: 0 });

async function letterValues(job: ActivatedJob, employers: EmployerRepository): Promise<{ values: LetterValues; enterpriseNumber: string; language: 'nl' | 'fr' } | string> {
  const v = job.variables;
  const checked = checkEnterpriseNumber(String(v['enterpriseNumber'] ?? ''));
  if (!checked.valid) return `variable enterpriseNumber is missing or invalid (${checked.reason})`;
  const addressee = await employers.addressee(checked.value);
  const cents = v['amountDueCents'];
  return {
    enterpriseNumber: checked.value,
    language: addressee.language,
    values: {
      employerName: addressee.name ?? (typeof v['employerName'] === 'string' ? v['employerName'] : formatEnterpriseNumber(checked.value)),
      formattedNumber: formatEnterpriseNumber(checked.value),
      quarter: typeof v['quarter'] === 'string' ? v['quarter'] : null,
      amountDueCents: typeof cents === 'number' && Number.isSafeInteger(cents) ? cents : null,
      dueDate: typeof v['dueDate'] === 'string' ? v['dueDate'] : null,
      // payment deferral (the letter tasks map these with input mappings)
      schedule: Array.isArray(v['schedule']) ? (v['schedule'] as LetterValues['schedule']) : undefined,
      reason: typeof v['letterReason'] === 'string' ? v['letterReason'] : null,
    },
  };
}

/** `ebox.send-letter`: the embedded e-Box adapter files the letter as a document of the case. */
export function sendLetterHandler(deps: RecoveryWorkerDependencies): JobHandler {
  return async (job) => {
    const template = job.customHeaders['template'];
    if (!template) return incident('custom header "template" is missing on the service task');
    const prepared = await letterValues(job, deps.employers);
    if (typeof prepared === 'string') return incident(prepared);
    try {
      const letter = renderLetter(template, prepared.language, prepared.values);
      const stored = await deps.documents.add({ caseId: job.rootProcessInstanceKey, enterpriseNumber: prepared.enterpriseNumber, kind: `letter:${template}`, ...letter });
      return { outcome: 'complete', variables: { letterDocumentId: stored.id, letterSentAt: (deps.now?.() ?? new Date()).toISOString() } };
    } catch (error) {
      if (error instanceof UnknownTemplateError) return incident(error.message);
      return { outcome: 'fail', errorMessage: (error as Error).message, retryBackOffMs: 10_000 };
    }
  };
}

/** `bailiff.transfer`: records the transfer to forced recovery as a document of the case. */
export function bailiffTransferHandler(deps: RecoveryWorkerDependencies): JobHandler {
  return async (job) => {
    const prepared = await letterValues(job, deps.employers);
    if (typeof prepared === 'string') return incident(prepared);
    try {
      const transfer = renderLetter('bailiff-transfer', prepared.language, prepared.values);
      const stored = await deps.documents.add({ caseId: job.rootProcessInstanceKey, enterpriseNumber: prepared.enterpriseNumber, kind: 'bailiff-transfer', ...transfer });
      return { outcome: 'complete', variables: { bailiffTransferDocumentId: stored.id, transferredAt: (deps.now?.() ?? new Date()).toISOString() } };
    } catch (error) {
      return { outcome: 'fail', errorMessage: (error as Error).message, retryBackOffMs: 10_000 };
    }
  };
}

/** `recovery.notify-escalation`: the task list shows escalations itself; the job only stamps the moment. */
export function notifyEscalationHandler(deps: Pick<RecoveryWorkerDependencies, 'now'>): JobHandler {
  return async () => ({ outcome: 'complete', variables: { escalatedAt: (deps.now?.() ?? new Date()).toISOString() } });
}

export const RECOVERY_JOB_TYPES = ['ebox.send-letter', 'bailiff.transfer', 'recovery.notify-escalation'] as const;

export function registerRecoveryWorkers(engine: Pick<ProcessEngine, 'registerWorker'>, dataSource: DataSource): void {
  const deps: RecoveryWorkerDependencies = { documents: new DocumentRepository(dataSource), employers: new EmployerRepository(dataSource) };
  engine.registerWorker('ebox.send-letter', sendLetterHandler(deps));
  engine.registerWorker('bailiff.transfer', bailiffTransferHandler(deps));
  engine.registerWorker('recovery.notify-escalation', notifyEscalationHandler(deps));
}
