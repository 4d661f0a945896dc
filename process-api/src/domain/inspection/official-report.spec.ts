import { InvalidOfficialReportError, inspectionNumber, renderOfficialReport, type OfficialReportValues } from './official-report';

const values: OfficialReportValues = {
  inspectionId: 'INS-2251799813685249', reference: 'PV-2026-000123', employerName: 'Bakkerij Peeters', formattedNumber: '0123.456.749',
  findings: 'Four workers without Dimona declaration.', conclusions: 'Undeclared work established.', inspector: 'inspector1',
  evidence: [{ documentReference: 'DIMONA/2026/0042', description: 'Dimona extract' }, { documentReference: 'PHOTO-1', description: 'Site photo' }],
};

describe('renderOfficialReport', () => {
  it('should render a Dutch report with its reference, findings, every evidence document and conclusions', () => {
    // when the report is rendered in Dutch
    const report = renderOfficialReport('nl', values);
    // then the title carries the reference and the content lists everything the inspector reported
    expect(report.title).toBe('Proces-verbaal PV-2026-000123');
    expect(report.content).toBe('Proces-verbaal PV-2026-000123 (INS-2251799813685249)\nWerkgever: Bakkerij Peeters (0123.456.749)\nInspecteur: inspector1\n\n'
      + 'Vaststellingen:\nFour workers without Dimona declaration.\n\nBewijsstukken:\n- DIMONA/2026/0042: Dimona extract\n- PHOTO-1: Site photo\n\nBesluiten:\nUndeclared work established.\n');
  });

  it('should render French and say when there is no evidence', () => {
    const report = renderOfficialReport('fr', { ...values, evidence: [], inspector: null });
    expect(report.title).toBe('Procès-verbal PV-2026-000123');
    expect(report.content).toContain('Pièces justificatives:\n- aucune\n');
    expect(report.content).not.toContain('Inspecteur');
  });

  it('should refuse a reference that is not PV-YYYY-NNNNNN', () => {
    expect(() => renderOfficialReport('nl', { ...values, reference: 'PV-26-1' })).toThrow(InvalidOfficialReportError);
  });
});

describe('inspectionNumber', () => {
  it('should number the inspection after its case key and refuse anything else', () => {
    expect(inspectionNumber('2251799813685249')).toBe('INS-2251799813685249');
    expect(() => inspectionNumber('abc')).toThrow(InvalidOfficialReportError);
  });
});
