import type { EntityManager } from 'typeorm';

export interface CaseDocumentItem {
  id: string;
  kind: string;
  title: string;
  createdAt: string;
}

export interface NewCaseDocument {
  caseId: string;
  enterpriseNumber: string | null;
  kind: string;
  title: string;
  content: string;
}

/** Documents attached to a case (letters sent, transfers, evidence). */
export interface CaseDocuments {
  list(caseId: string): Promise<CaseDocumentItem[]>;
  add(document: NewCaseDocument, tx?: EntityManager): Promise<{ id: string; version: number }>;
}
