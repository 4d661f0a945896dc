import { resolve } from 'node:path';
import type { ActivatedJob, JobHandler } from '../../engine/process-engine';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { generateDemoEmployers } from '../../domain/employer/demo-employers';
import { loadCodeLists } from '../../persistence/code-lists';
import { DocumentRepository } from '../../persistence/document.repository';
import { seedDemoEmployers } from '../../persistence/seed-demo-employers';
import { registerRecoveryWorkers } from './recovery-workers';

const employers = generateDemoEmployers(40);
const french = employers.find((e) => e.language === 'fr');
const dutch = employers.find((e) => e.language === 'nl');

function job(type: string, variables: Record<string, unknown>, customHeaders: Record<string, string> = {}): ActivatedJob {
  return { key: '77', type, processInstanceKey: '2251799813685249', rootProcessInstanceKey: '2251799813685249', bpmnProcessId: 'recovery', elementId: 'send', retries: 3, customHeaders, variables };
}

describe('registerRecoveryWorkers', () => {
  let db: TestDatabase;
  const handlers = new Map<string, JobHandler>();
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadCodeLists(db.dataSource, resolve(__dirname, '../../../data'));
    await seedDemoEmployers(db.dataSource, { count: 40 });
    registerRecoveryWorkers({ registerWorker: (type, handler) => handlers.set(type, handler) }, db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('should register the three recovery job types', () => {
    expect([...handlers.keys()].sort()).toEqual(['bailiff.transfer', 'ebox.send-letter', 'recovery.notify-escalation']);
  });

  it('should file a reminder in the employer language as a case document', async () => {
    // given a French-speaking employer with a debt of 1234.56 euro
    const variables = { enterpriseNumber: french?.enterpriseNumber, quarter: '2026-Q3', amountDueCents: 123456, dueDate: '2026-10-15' };
    // when the e-Box worker runs the job with the reminder template
    const outcome = await handlers.get('ebox.send-letter')?.(job('ebox.send-letter', variables, { template: 'recovery-reminder' }));
    // then it completes and the case has the French letter with the amount in euro
    expect(outcome).toMatchObject({ outcome: 'complete', variables: { letterDocumentId: expect.any(String), letterSentAt: expect.any(String) } });
    const documents = new DocumentRepository(db.dataSource);
    const [doc] = await documents.list('2251799813685249');
    expect(doc).toMatchObject({ kind: 'letter:recovery-reminder', title: 'Rappel de cotisations impayées 2026-Q3' });
    const content = await documents.content(doc.id);
    expect(content).toContain(french?.name);
    expect(content).toContain('1\u202f234,56 €');
  });

  it('should write Dutch for a Dutch-speaking employer and version a second letter', async () => {
    const variables = { enterpriseNumber: dutch?.enterpriseNumber, quarter: '2026-Q3', amountDueCents: 5000 };
    const first = await handlers.get('ebox.send-letter')?.({ ...job('ebox.send-letter', variables, { template: 'forced-recovery-notice' }), processInstanceKey: '9', rootProcessInstanceKey: '9' });
    const second = await handlers.get('ebox.send-letter')?.({ ...job('ebox.send-letter', variables, { template: 'forced-recovery-notice' }), processInstanceKey: '9', rootProcessInstanceKey: '9' });
    expect(first?.outcome).toBe('complete');
    expect(second?.outcome).toBe('complete');
    const rows = await db.dataSource.query(`SELECT title, version, content FROM document WHERE case_id = 9 ORDER BY version`);
    expect(rows.map((r: { version: number }) => r.version)).toEqual([1, 2]);
    expect(rows[0].title).toBe('Overdracht aan de gerechtsdeurwaarder');
    expect(rows[0].content).toContain('€ 50,00');
  });

  it('should raise an incident for a missing template, an unknown template or a bad enterprise number', async () => {
    const send = handlers.get('ebox.send-letter');
    expect(await send?.(job('ebox.send-letter', { enterpriseNumber: dutch?.enterpriseNumber }))).toEqual({ outcome: 'fail', errorMessage: 'custom header "template" is missing on the service task', retries: 0 });
    expect(await send?.(job('ebox.send-letter', { enterpriseNumber: dutch?.enterpriseNumber }, { template: 'nope' }))).toMatchObject({ outcome: 'fail', retries: 0, errorMessage: expect.stringContaining("No letter template 'nope'") });
    expect(await send?.(job('ebox.send-letter', { enterpriseNumber: '123' }, { template: 'recovery-reminder' }))).toMatchObject({ outcome: 'fail', retries: 0 });
  });

  it('should store a bailiff transfer and stamp an escalation', async () => {
    const transfer = await handlers.get('bailiff.transfer')?.({ ...job('bailiff.transfer', { enterpriseNumber: dutch?.enterpriseNumber, amountDueCents: 99 }), processInstanceKey: '11', rootProcessInstanceKey: '11' });
    expect(transfer).toMatchObject({ outcome: 'complete', variables: { bailiffTransferDocumentId: expect.any(String) } });
    expect(await new DocumentRepository(db.dataSource).list('11')).toEqual([expect.objectContaining({ kind: 'bailiff-transfer', title: 'Overdracht aan gerechtsdeurwaarder' })]);
    const escalation = await handlers.get('recovery.notify-escalation')?.(job('recovery.notify-escalation', {}));
    expect(escalation).toEqual({ outcome: 'complete', variables: { escalatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) } });
  });
});
