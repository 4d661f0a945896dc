import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { AuditLogRepository } from './audit-log.repository';

describe('AuditChainer', () => {
  let db: TestDatabase;
  let audit: AuditLogRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    audit = new AuditLogRepository(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  const entry = (n: number) => ({ actor: `agent${n % 6}`, action: 'task.created' as const, subjectType: 'task' as const, subjectId: String(n), caseId: String(n % 4), details: { n } });
  const chained = async (): Promise<{ seq: string; subject_id: string }[]> =>
    db.dataSource.query(`SELECT seq::text, subject_id FROM audit_entry ORDER BY audit_entry.seq`);
  const pending = async (): Promise<number> => (await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_pending`))[0].n;

  it('should link the entries of 30 racing transactions into one gapless chain by the time each commit returns', async () => {
    // when 30 transactions each write three entries after the commit, with single appends racing them
    await Promise.all([
      ...Array.from({ length: 30 }, (_, t) => db.dataSource.transaction(async (tx) => {
        await audit.appendAfterCommit(tx, [entry(t * 10 + 1), entry(t * 10 + 2), entry(t * 10 + 3)]);
      })),
      ...Array.from({ length: 5 }, (_, n) => audit.record(entry(1000 + n))),
    ]);
    // then nothing is pending any more (read straight from the table, without a reader's flush)
    expect(await pending()).toBe(0);
    const rows = await chained();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 95 }, (_, i) => i + 1));
    // and each transaction's entries are in its own order
    for (let t = 0; t < 30; t++) {
      const mine = rows.filter((r) => Math.floor(Number(r.subject_id) / 10) === t && Number(r.subject_id) < 1000).map((r) => Number(r.subject_id) % 10);
      expect(mine).toEqual([1, 2, 3]);
    }
    expect(await audit.verify()).toEqual({ valid: true, entries: 95, firstBrokenSeq: null });
  });

  it('should link a transaction\'s entries in their order when their ids cross a power of ten', async () => {
    // given pending ids at 9, 10, 11 for one transaction's three entries ("10" < "11" < "9" as text)
    await db.dataSource.query(`SELECT setval('audit_pending_id_seq', 8)`);
    // when the transaction commits
    await db.dataSource.transaction(async (tx) => {
      await audit.appendAfterCommit(tx, [entry(501), entry(502), entry(503)]);
    });
    // then the chain holds them in the order they were written
    const rows = await chained();
    expect(rows.filter((r) => ['501', '502', '503'].includes(r.subject_id)).map((r) => r.subject_id)).toEqual(['501', '502', '503']);
  });

  it('should leave nothing, pending or linked, of a transaction that rolls back', async () => {
    // given the current chain
    const before = await audit.verify();
    // when a transaction writes entries and then fails
    await expect(db.dataSource.transaction(async (tx) => {
      await audit.appendAfterCommit(tx, [entry(2001)]);
      throw new Error('the command failed');
    })).rejects.toThrow('the command failed');
    // then the chain is unchanged and nothing waits
    expect(await pending()).toBe(0);
    expect(await audit.verify()).toEqual(before);
  });

  it('should link entries a crashed process left pending before anyone reads the trail', async () => {
    // given an entry committed but never linked (the process died between its commit and the round)
    const before = await audit.verify();
    await db.dataSource.query(`INSERT INTO audit_pending (at, actor, action, subject_type, subject_id, case_id, details)
      VALUES ('2026-12-03T10:00:00.000Z', 'system', 'case.opened', 'case', '77', 77, '{}')`);
    // when the case's trail is read
    const page = await audit.byCase('77', { size: 10 });
    // then the entry is there, linked at the end of an intact chain
    expect(page.items.map((e) => [e.action, e.seq])).toEqual([['case.opened', String(before.entries + 1)]]);
    expect(await pending()).toBe(0);
    expect(await audit.verify()).toEqual({ valid: true, entries: before.entries + 1, firstBrokenSeq: null });
  });
});
