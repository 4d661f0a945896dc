import type { EmployerSummary } from '@werkbank/shared';
import type { CaseDocument, CaseDocuments, EmployerDirectory } from '../application/ports';

/** Small stand-ins for the employers and documents modules (owned elsewhere) in the workbench's tests. */
export function employerDirectoryOf(employers: EmployerSummary[]): EmployerDirectory {
  return { summary: async (enterpriseNumber) => employers.find((e) => e.enterpriseNumber === enterpriseNumber) ?? null };
}

export function caseDocumentsOf(documents: Record<string, CaseDocument[]>): CaseDocuments {
  return { list: async (caseId) => documents[caseId] ?? [] };
}
