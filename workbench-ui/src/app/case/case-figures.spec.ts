import type { CaseFigure } from '@werkbank/shared';
import { figureViews } from './case-figures';

const name = (en: string, nl: string, fr: string) => ({ en, nl, fr });

describe('figureViews', () => {
  it('should format each kind in the user language', () => {
    // given the figures of an inspection and a deferral
    const figures: CaseFigure[] = [
      { variable: 'maxFraudScore', kind: 'score', name: name('Highest fraud score', 'Hoogste fraudescore', 'Score de fraude le plus élevé'), value: 0.875 },
      { variable: 'riskIndicators', kind: 'codes', name: name('Risk indicators', 'Risico-indicatoren', 'Indicateurs de risque'), value: ['CROSS_BORDER', 'SHELL'] },
      { variable: 'signals', kind: 'count', name: name('Fraud signals', 'Fraudesignalen', 'Signaux de fraude'), value: [{}, {}] },
      { variable: 'amountCents', kind: 'cents', name: name('Requested amount', 'Gevraagd bedrag', 'Montant demandé'), value: 123456 },
    ];
    // when shown in Dutch
    const views = figureViews(figures, 'nl', 'nl-BE');
    // then
    expect(views.map((v) => [v.label, typeof v.text === 'string' ? v.text.replace(/\s/g, ' ') : v.codes])).toEqual([
      ['Hoogste fraudescore', '0,88'],
      ['Risico-indicatoren', ['CROSS_BORDER', 'SHELL']],
      ['Fraudesignalen', '2'],
      ['Gevraagd bedrag', '€ 1.234,56'],
    ]);
  });

  it('should show a schedule as rows and leave out figures without a value', () => {
    // given an approved plan and a figure not set yet
    const figures: CaseFigure[] = [
      { variable: 'schedule', kind: 'schedule', name: name('Instalment schedule', 'Afbetalingsplan', 'Échéancier'), value: [{ number: 1, dueDate: '2026-11-30', amountCents: 15000, cumulativeCents: 15000 }] },
      { variable: 'approvedInstalments', kind: 'integer', name: name('Approved instalments', 'Toegestane afbetalingen', 'Échéances accordées'), value: null },
    ];
    // when shown in French
    const views = figureViews(figures, 'fr', 'fr-BE');
    // then the day does not shift and the empty figure is gone
    expect(views).toHaveLength(1);
    expect(views[0].label).toBe('Échéancier');
    expect(views[0].schedule?.[0].number).toBe('1');
    expect(views[0].schedule?.[0].dueDate).toContain('30');
    expect(views[0].schedule?.[0].amount.replace(/\s/g, ' ')).toBe('150,00 €');
  });
});
