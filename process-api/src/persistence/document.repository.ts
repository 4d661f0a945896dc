import type { DataSource, EntityManager } from 'typeorm';
import type { CaseDocumentItem, CaseDocuments, NewCaseDocument } from '../application/case-documents.port';

/** Case documents (table `document`): appended, never overwritten. */
export class DocumentRepository implements CaseDocuments {
  constructor(private readonly dataSource: DataSource) {}

  async list(caseId: string): Promise<CaseDocumentItem[]> {
    const rows: { id: string; kind: string; title: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT id, kind, title, created_at FROM document WHERE case_id = $1::bigint ORDER BY created_at, id`,
      [caseId],
    );
    return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, createdAt: r.created_at.toISOString() }));
  }

  /** A document with the same case, kind and title becomes a new version rather than replacing the old one. */
  async add(document: NewCaseDocument, tx?: EntityManager): Promise<{ id: string; version: number }> {
    const [row]: { id: string; version: number }[] = await (tx ?? this.dataSource.manager).query(
      `INSERT INTO document (case_id, enterprise_number, kind, title, content, version)
       SELECT $1::bigint, $2::text, $3::text, $4::text, $5::text,
              1 + coalesce((SELECT max(version) FROM document WHERE case_id = $1::bigint AND kind = $3::text AND title = $4::text), 0)
       RETURNING id, version`,
      [document.caseId, document.enterpriseNumber, document.kind, document.title, document.content],
    );
    return row;
  }

  async content(id: string): Promise<string | null> {
    const [row]: { content: string }[] = await this.dataSource.query(`SELECT content FROM document WHERE id = $1`, [id]);
    return row?.content ?? null;
  }
}
