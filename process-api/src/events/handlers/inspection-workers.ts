import type { DataSource } from 'typeorm';
import type { JobHandler, JobOutcome, ProcessEngine } from '../../engine/process-engine';
import type { CaseDocuments } from '../../application/case-documents.port';
import { checkEnterpriseNumber, formatEnterpriseNumber } from '../../domain/employer/enterprise-number';
import { InvalidOfficialReportError, inspectionNumber, renderOfficialReport, type EvidenceItem } from '../../domain/inspection/official-report';
import { DocumentRepository } from '../../persistence/document.repository';
import { EmployerRepository } from '../../persistence/employer.repository';

export interface InspectionWorkerDependencies {
  documents: CaseDocuments;
  employers: Pick<EmployerRepository, 'addressee'>;
  now?: () => Date;
}

export const INSPECTION_JOB_TYPES = ['inspection.register', 'inspection.file-report'] as const;

/** A job that lacks what it needs cannot succeed by retrying: it becomes an incident at once. */
const incident = (errorMessage: string): JobOutcome => ({ outcome: 'fail', errorMessage, retries: 0 });
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * `inspection.register`: numbers the inspection after its case and, when the start did not bring one (a fraud signal
 * carries no name), takes the employer's name from the register (the intake created at least a minimal record).
 */
export function registerInspectionHandler(deps: InspectionWorkerDependencies): JobHandler {
  return async (job) => {
    const checked = checkEnterpriseNumber(String(job.variables['enterpriseNumber'] ?? ''));
    if (!checked.valid) return incident(`variable enterpriseNumber is missing or invalid (${checked.reason})`);
    const known = text(job.variables['employerName']);
    const employerName = known ?? (await deps.employers.addressee(checked.value)).name ?? formatEnterpriseNumber(checked.value);
    return { outcome: 'complete', variables: { inspectionId: inspectionNumber(job.rootProcessInstanceKey), employerName } };
  };
}

function evidenceOf(value: unknown): EvidenceItem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const { documentReference, description } = item as Record<string, unknown>;
    return typeof documentReference === 'string' ? [{ documentReference, description: typeof description === 'string' ? description : '' }] : [];
  });
}

/** `inspection.file-report`: files the official report of an infringement as a document of the case. */
export function fileOfficialReportHandler(deps: InspectionWorkerDependencies): JobHandler {
  return async (job) => {
    const v = job.variables;
    const checked = checkEnterpriseNumber(String(v['enterpriseNumber'] ?? ''));
    if (!checked.valid) return incident(`variable enterpriseNumber is missing or invalid (${checked.reason})`);
    const reference = text(v['officialReportReference']);
    if (!reference) return incident('variable officialReportReference is missing: the report form sets it');
    try {
      const addressee = await deps.employers.addressee(checked.value);
      const report = renderOfficialReport(addressee.language, {
        inspectionId: text(v['inspectionId']) ?? inspectionNumber(job.rootProcessInstanceKey),
        reference,
        employerName: text(v['employerName']) ?? addressee.name ?? formatEnterpriseNumber(checked.value),
        formattedNumber: formatEnterpriseNumber(checked.value),
        findings: text(v['findings']) ?? '-',
        conclusions: text(v['reportSummary']) ?? '-',
        evidence: evidenceOf(v['evidence']),
        inspector: text(v['inspector']),
      });
      const stored = await deps.documents.add({ caseId: job.rootProcessInstanceKey, enterpriseNumber: checked.value, kind: 'inspection:official-report', ...report });
      return { outcome: 'complete', variables: { officialReportDocumentId: stored.id, officialReportFiledAt: (deps.now?.() ?? new Date()).toISOString() } };
    } catch (error) {
      if (error instanceof InvalidOfficialReportError) return incident(error.message);
      return { outcome: 'fail', errorMessage: (error as Error).message, retryBackOffMs: 10_000 };
    }
  };
}

export function registerInspectionWorkers(engine: Pick<ProcessEngine, 'registerWorker'>, dataSource: DataSource, now?: () => Date): void {
  const deps: InspectionWorkerDependencies = { documents: new DocumentRepository(dataSource), employers: new EmployerRepository(dataSource), now };
  engine.registerWorker('inspection.register', registerInspectionHandler(deps));
  engine.registerWorker('inspection.file-report', fileOfficialReportHandler(deps));
}
