/*
 * The official report (proces-verbaal / procès-verbal) an inspection files on its case when the inspector reports an
 * infringement. Pure: the worker gathers the values, this renders them in the employer's language.
 */

export type ReportLanguage = 'nl' | 'fr';

export interface EvidenceItem {
  documentReference: string;
  description: string;
}

export interface OfficialReportValues {
  inspectionId: string;
  reference: string;
  employerName: string;
  formattedNumber: string;
  findings: string;
  conclusions: string;
  evidence: EvidenceItem[];
  inspector: string | null;
}

/** A report reference as the report form requires it: PV-YYYY-NNNNNN. */
export const OFFICIAL_REPORT_REFERENCE = /^PV-\d{4}-\d{6}$/;

export class InvalidOfficialReportError extends Error {
  readonly code = 'INVALID_OFFICIAL_REPORT';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidOfficialReportError';
  }
}

const WORDS: Record<ReportLanguage, { title: string; employer: string; inspector: string; findings: string; evidence: string; none: string; conclusions: string }> = {
  nl: { title: 'Proces-verbaal', employer: 'Werkgever', inspector: 'Inspecteur', findings: 'Vaststellingen', evidence: 'Bewijsstukken', none: 'geen', conclusions: 'Besluiten' },
  fr: { title: 'Procès-verbal', employer: 'Employeur', inspector: 'Inspecteur', findings: 'Constatations', evidence: 'Pièces justificatives', none: 'aucune', conclusions: 'Conclusions' },
};

/** Renders the report; refuses a reference the form would not accept (the case must never get a report without one). */
export function renderOfficialReport(language: ReportLanguage, v: OfficialReportValues): { title: string; content: string } {
  if (!OFFICIAL_REPORT_REFERENCE.test(v.reference)) throw new InvalidOfficialReportError(`official report reference '${v.reference}' is not PV-YYYY-NNNNNN`);
  const w = WORDS[language];
  const evidence = v.evidence.length === 0 ? `- ${w.none}` : v.evidence.map((e) => `- ${e.documentReference}: ${e.description}`).join('\n');
  return {
    title: `${w.title} ${v.reference}`,
    content:
      `${w.title} ${v.reference} (${v.inspectionId})\n${w.employer}: ${v.employerName} (${v.formattedNumber})\n` +
      `${v.inspector ? `${w.inspector}: ${v.inspector}\n` : ''}\n${w.findings}:\n${v.findings}\n\n${w.evidence}:\n${evidence}\n\n${w.conclusions}:\n${v.conclusions}\n`,
  };
}

/** The case's inspection number: the case key is unique and already shown with the case. */
export function inspectionNumber(caseKey: string): string {
  if (!/^\d+$/.test(caseKey)) throw new InvalidOfficialReportError(`case key '${caseKey}' is not a decimal key`);
  return `INS-${caseKey}`;
}
