import { parseEmployerSearchTerm } from './employer-search-term';

describe('parseEmployerSearchTerm', () => {
  it('should read an enterprise number in any written form', () => {
    for (const input of ['BE 0437 554 033', 'BE0437.554.033', '0437.554.033', '0437554033', ' be 0437-554-033 ']) {
      expect(parseEmployerSearchTerm(input)).toEqual({ kind: 'enterprise-number', prefix: '0437554033' });
    }
  });

  it('should take four or more digits as a number prefix', () => {
    expect(parseEmployerSearchTerm('0437')).toEqual({ kind: 'enterprise-number', prefix: '0437' });
    expect(parseEmployerSearchTerm('0437.55')).toEqual({ kind: 'enterprise-number', prefix: '043755' });
  });

  it('should take short digit runs, words and mixed text as part of a name', () => {
    expect(parseEmployerSearchTerm('200')).toEqual({ kind: 'name', text: '200' });
    expect(parseEmployerSearchTerm('  Taverne   Goossens ')).toEqual({ kind: 'name', text: 'Taverne Goossens' });
    expect(parseEmployerSearchTerm('Garage 2000')).toEqual({ kind: 'name', text: 'Garage 2000' });
    expect(parseEmployerSearchTerm('Bel')).toEqual({ kind: 'name', text: 'Bel' });
  });
});
