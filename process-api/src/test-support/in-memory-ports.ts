import type { EmployerSummary } from '@werkbank/shared';
import type { CaseDocumentItem, CaseDocuments } from '../application/case-documents.port';
import type { EmployerDirectory } from '../application/employer-directory.port';

/** Small stand-ins for the employers and documents modules (owned elsewhere) in the workbench's tests. */
export function employerDirectoryOf(employers: EmployerSummary[]): EmployerDirectory {
  return { summary: async (enterpriseNumber) => employers.find((e) => e.enterpriseNumber === enterpriseNumber.replace(/\D/g, '')) ?? null };
}

export function caseDocumentsOf(documents: Record<string, CaseDocumentItem[]>): CaseDocuments {
  return {
    list: async (caseId) => documents[caseId] ?? [],
    add: async (document) => {
      const list = (documents[document.caseId] ??= []);
      const id = String(list.length + 1);
      list.push({ id, kind: document.kind, title: document.title, createdAt: new Date().toISOString() });
      return { id, version: 1 };
    },
  };
}
