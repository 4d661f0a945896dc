import { AuditChainVerifier, GENESIS_HASH, canonicalJson, chainAuditRecord, hashAuditRecord, verifyAuditChain, type AuditRecord, type ChainedAuditRecord } from './audit-chain';

function record(seq: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    seq: String(seq),
    at: `2026-12-03T10:00:0${seq % 10}.000Z`,
    actor: 'agent1',
    action: 'task.claimed',
    subjectType: 'task',
    subjectId: String(100 + seq),
    caseId: '42',
    details: { elementId: 'contact-employer', assignee: 'agent1' },
    ...overrides,
  };
}

function chain(length: number): ChainedAuditRecord[] {
  const entries: ChainedAuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const entry = chainAuditRecord(prev, record(seq));
    entries.push(entry);
    prev = entry.hash;
  }
  return entries;
}

const headOf = (entries: ChainedAuditRecord[]) => {
  const last = entries[entries.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : { seq: '0', hash: GENESIS_HASH };
};

describe('audit chain', () => {
  describe('canonicalJson', () => {
    it('should sort keys recursively and drop undefined members', () => {
      // given the same object with its keys in two orders
      const a = canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' } });
      const b = canonicalJson(JSON.parse('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}'));
      // then both give the same bytes
      expect(a).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
      expect(b).toBe(a);
      expect(canonicalJson({ a: undefined, b: 2 } as unknown as { b: number })).toBe('{"b":2}');
    });

    it('should refuse numbers JSON cannot hold', () => {
      expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    });
  });

  describe('hashAuditRecord', () => {
    it('should depend on the previous hash and on every field', () => {
      // given one entry hashed
      const base = hashAuditRecord(GENESIS_HASH, record(1));
      // then it is a sha256 in hex, stable, and changes with any field or the previous hash
      expect(base).toMatch(/^[0-9a-f]{64}$/);
      expect(hashAuditRecord(GENESIS_HASH, record(1))).toBe(base);
      expect(hashAuditRecord('1'.repeat(64), record(1))).not.toBe(base);
      for (const change of [{ seq: '2' }, { at: '2026-12-03T10:00:01.001Z' }, { actor: 'agent2' }, { action: 'task.assigned' as const },
        { subjectType: 'case' as const }, { subjectId: '999' }, { caseId: null }, { details: { elementId: 'contact-employer', assignee: 'agent2' } }]) {
        expect(hashAuditRecord(GENESIS_HASH, record(1, change))).not.toBe(base);
      }
    });

    it('should not depend on the key order of the details', () => {
      const a = hashAuditRecord(GENESIS_HASH, record(1, { details: { x: 1, y: 2 } }));
      const b = hashAuditRecord(GENESIS_HASH, record(1, { details: { y: 2, x: 1 } }));
      expect(a).toBe(b);
    });
  });

  describe('verifyAuditChain', () => {
    it('should accept an intact chain and an empty one', () => {
      const entries = chain(5);
      expect(verifyAuditChain(entries, headOf(entries))).toEqual({ valid: true, entries: 5, firstBrokenSeq: null });
      expect(verifyAuditChain([], headOf([]))).toEqual({ valid: true, entries: 0, firstBrokenSeq: null });
    });

    it('should name the edited entry when content changes without rehashing', () => {
      // given a chain whose third entry's actor was changed afterwards
      const entries = chain(5);
      entries[2] = { ...entries[2], actor: 'lead1' };
      // then verification breaks at seq 3 and still counts every entry
      expect(verifyAuditChain(entries, headOf(chain(5)))).toEqual({ valid: false, entries: 5, firstBrokenSeq: '3' });
    });

    it('should name the successor of a rehashed forgery, which no longer links', () => {
      // given entry 2 edited and rehashed on the same prev hash
      const entries = chain(4);
      const forged = chainAuditRecord(entries[1].prevHash, { ...entries[1], actor: 'lead1' });
      entries[1] = forged;
      // then entry 3's prev_hash betrays it
      expect(verifyAuditChain(entries, headOf(chain(4))).firstBrokenSeq).toBe('3');
    });

    it('should detect a deleted entry in the middle and a deleted tail', () => {
      const entries = chain(5);
      const head = headOf(entries);
      // a gap in the middle breaks at the successor
      expect(verifyAuditChain([...entries.slice(0, 2), ...entries.slice(3)], head).firstBrokenSeq).toBe('4');
      // a removed tail breaks at the first missing seq, found through the head
      expect(verifyAuditChain(entries.slice(0, 3), head)).toEqual({ valid: false, entries: 3, firstBrokenSeq: '4' });
    });

    it('should give the same answer when fed page by page', () => {
      // given a chain with entry 7 tampered, verified in pages of 3
      const entries = chain(10);
      const head = headOf(entries);
      entries[6] = { ...entries[6], details: { tampered: true } };
      const verifier = new AuditChainVerifier();
      for (let i = 0; i < entries.length; i += 3) verifier.push(entries.slice(i, i + 3));
      // then the result equals the one-shot verification
      expect(verifier.result(head)).toEqual(verifyAuditChain(entries, head));
      expect(verifier.result(head)).toEqual({ valid: false, entries: 10, firstBrokenSeq: '7' });
    });
  });
});
