import { GENESIS_HASH } from '../domain/audit/audit-chain';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { AuditLogRepository } from './audit-log.repository';

describe('AuditLogRepository', () => {
  let db: TestDatabase;
  let audit: AuditLogRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    audit = new AuditLogRepository(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  const entry = (n: number) => ({ actor: `agent${n % 6}`, action: 'task.claimed' as const, subjectType: 'task' as const, subjectId: String(1000 + n), caseId: String(n % 3), details: { n } });

  it('should keep one unforked gapless chain under concurrent appends', async () => {
    // given an empty chain
    expect(await audit.verify()).toEqual({ valid: true, entries: 0, firstBrokenSeq: null });
    // when 40 appends race, each in its own transaction
    await Promise.all(Array.from({ length: 40 }, (_, n) => audit.record(entry(n))));
    // then seqs are 1..40, each entry links to the one before, and the chain verifies
    const rows: { seq: string; prev_hash: string; hash: string }[] = await db.dataSource.query(`SELECT seq::text, prev_hash, hash FROM audit_entry ORDER BY audit_entry.seq`);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(40);
    expect(await audit.verify()).toEqual({ valid: true, entries: 40, firstBrokenSeq: null });
  });

  it('should leave no trace of an entry whose transaction rolls back', async () => {
    // given the current head
    const before = await audit.verify();
    // when a transaction appends and then fails
    await expect(
      db.dataSource.transaction(async (tx) => {
        await audit.append(tx, entry(99));
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    // then the chain is as before and the next append continues it without a hole
    expect(await audit.verify()).toEqual(before);
    const next = await audit.record(entry(100));
    expect(Number(next.seq)).toBe(before.entries + 1);
  });

  it('should chain several entries of one transaction in order, also while other appends race', async () => {
    // given the current head
    const before = await audit.verify();
    // when three transactions each append a batch of 3 while 6 single appends race with them
    const batches = await Promise.all([
      ...[0, 1, 2].map((b) => db.dataSource.transaction((tx) => audit.appendAll(tx, [entry(200 + b), entry(210 + b), entry(220 + b)]))),
      ...Array.from({ length: 6 }, (_, n) => audit.record(entry(300 + n)).then((e) => [e])),
    ]);
    // then every batch got consecutive seqs in its own order, and the chain still verifies without a hole
    batches.slice(0, 3).forEach((batch, b) => {
      expect(batch.map((e) => Number(e.seq) - Number(batch[0].seq))).toEqual([0, 1, 2]);
      expect(batch.map((e) => e.subjectId)).toEqual([entry(200 + b), entry(210 + b), entry(220 + b)].map((e) => e.subjectId));
    });
    expect(await audit.verify()).toEqual({ valid: true, entries: before.entries + 15, firstBrokenSeq: null });
    // and an empty batch touches nothing
    expect(await db.dataSource.transaction((tx) => audit.appendAll(tx, []))).toEqual([]);
  });

  it('should page per case and per actor in chain order', async () => {
    // when reading case 1 in pages of 5
    const first = await audit.byCase('1', { size: 5 });
    const second = await audit.byCase('1', { after: first.nextAfter ?? undefined, size: 5 });
    // then the pages follow each other in seq order, all of case 1
    expect(first.items).toHaveLength(5);
    expect(first.nextAfter).toBe(first.items[4].seq);
    expect([...first.items, ...second.items].every((e) => e.caseId === '1')).toBe(true);
    expect(Number(second.items[0].seq)).toBeGreaterThan(Number(first.items[4].seq));
    const byActor = await audit.byActor('agent2', { size: 100 }, null);
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((e) => e.actor === 'agent2')).toBe(true);
    expect(byActor.nextAfter).toBeNull();
  });

  it('should report the exact seq of a row tampered with in SQL, and of a deleted tail', async () => {
    // given an intact chain
    const intact = await audit.verify();
    expect(intact.valid).toBe(true);
    const [{ actor }] = await db.dataSource.query(`SELECT actor FROM audit_entry WHERE seq = 17`);
    // when someone rewrites who did entry 17
    await db.dataSource.query(`UPDATE audit_entry SET actor = 'lead1' WHERE seq = 17`);
    // then verification names seq 17 and still counts every entry
    expect(await audit.verify()).toEqual({ valid: false, entries: intact.entries, firstBrokenSeq: '17' });
    // when the edit is undone, but the last two entries are deleted
    await db.dataSource.query(`UPDATE audit_entry SET actor = $1 WHERE seq = 17`, [actor]);
    expect((await audit.verify()).valid).toBe(true);
    await db.dataSource.query(`DELETE FROM audit_entry WHERE seq > $1`, [intact.entries - 2]);
    // then the head row betrays the missing tail
    expect(await audit.verify()).toEqual({ valid: false, entries: intact.entries - 2, firstBrokenSeq: String(intact.entries - 1) });
  });
});
