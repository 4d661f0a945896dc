import { resolve } from 'node:path';
import type { ActivatedJob, JobHandler } from '../../engine/process-engine';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { generateDemoEmployers } from '../../domain/employer/demo-employers';
import { loadCodeLists } from '../../persistence/code-lists';
import { DocumentRepository } from '../../persistence/document.repository';
import { seedDemoEmployers } from '../../persistence/seed-demo-employers';
import { registerInspectionWorkers } from './inspection-workers';

const employers = generateDemoEmployers(40);
const french = employers.find((e) => e.language === 'fr');
const CASE = '2251799813685301';

function job(type: string, variables: Record<string, unknown>): ActivatedJob {
  return { key: '78', type, processInstanceKey: CASE, rootProcessInstanceKey: CASE, bpmnProcessId: 'inspection', elementId: 'x', retries: 3, customHeaders: {}, variables };
}

describe('registerInspectionWorkers', () => {
  let db: TestDatabase;
  const handlers = new Map<string, JobHandler>();
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadCodeLists(db.dataSource, resolve(__dirname, '../../../data'));
    await seedDemoEmployers(db.dataSource, { count: 40 });
    registerInspectionWorkers({ registerWorker: (type, handler) => handlers.set(type, handler) }, db.dataSource, () => new Date('2026-12-01T10:00:00Z'));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should register the two inspection job types', () => {
    expect([...handlers.keys()].sort()).toEqual(['inspection.file-report', 'inspection.register']);
  });

  it('should number the inspection after its case and take the employer name from the register', async () => {
    // given a fraud-signal case, which brings no employer name
    // when the register job runs
    const outcome = await handlers.get('inspection.register')?.(job('inspection.register', { enterpriseNumber: french?.enterpriseNumber }));
    // then the case has its number and the registered name
    expect(outcome).toEqual({ outcome: 'complete', variables: { inspectionId: `INS-${CASE}`, employerName: french?.name } });
  });

  it('should keep a name the start brought and refuse an invalid enterprise number', async () => {
    const kept = await handlers.get('inspection.register')?.(job('inspection.register', { enterpriseNumber: '0123456749', employerName: 'Bakkerij Peeters' }));
    expect(kept).toMatchObject({ variables: { employerName: 'Bakkerij Peeters' } });
    const refused = await handlers.get('inspection.register')?.(job('inspection.register', { enterpriseNumber: '0123456748' }));
    expect(refused).toMatchObject({ outcome: 'fail', retries: 0 });
  });

  it('should file the official report in the employer language as a document of the case', async () => {
    // given a reported infringement with two evidence documents
    const variables = { enterpriseNumber: french?.enterpriseNumber, inspectionId: `INS-${CASE}`, officialReportReference: 'PV-2026-000123', inspector: 'inspector1',
      findings: 'Quatre travailleurs sans Dimona.', reportSummary: 'Travail non déclaré établi.',
      evidence: [{ documentReference: 'DIMONA/2026/0042', description: 'Extrait Dimona' }, { documentReference: 'PHOTO-1', description: 'Photo du chantier' }] };
    // when the file-report job runs
    const outcome = await handlers.get('inspection.file-report')?.(job('inspection.file-report', variables));
    // then it completes, and the case has the French report with the evidence
    expect(outcome).toEqual({ outcome: 'complete', variables: { officialReportDocumentId: expect.any(String), officialReportFiledAt: '2026-12-01T10:00:00.000Z' } });
    const documents = new DocumentRepository(db.dataSource);
    const [doc] = await documents.list(CASE);
    expect(doc).toMatchObject({ kind: 'inspection:official-report', title: 'Procès-verbal PV-2026-000123' });
    const content = await documents.content(doc.id);
    expect(content).toContain(french?.name);
    expect(content).toContain('- DIMONA/2026/0042: Extrait Dimona\n- PHOTO-1: Photo du chantier');
  });

  it('should raise an incident at once without a valid report reference', async () => {
    const missing = await handlers.get('inspection.file-report')?.(job('inspection.file-report', { enterpriseNumber: french?.enterpriseNumber }));
    const invalid = await handlers.get('inspection.file-report')?.(job('inspection.file-report', { enterpriseNumber: french?.enterpriseNumber, officialReportReference: 'PV-1' }));
    expect([missing, invalid]).toEqual([
      { outcome: 'fail', retries: 0, errorMessage: 'variable officialReportReference is missing: the report form sets it' },
      { outcome: 'fail', retries: 0, errorMessage: "official report reference 'PV-1' is not PV-YYYY-NNNNNN" },
    ]);
  });
});
