import { centsToDecimal, formatEuro, InvalidAmountError, parseAmountToCents } from './amount';

describe('amount', () => {
  it('should parse decimal strings and JSON numbers exactly into cents', () => {
    expect(parseAmountToCents('1234.56')).toBe(123456);
    expect(parseAmountToCents('1234.5')).toBe(123450);
    expect(parseAmountToCents('7')).toBe(700);
    expect(parseAmountToCents(0.1)).toBe(10);
    expect(parseAmountToCents(1.15)).toBe(115);
    expect(parseAmountToCents(4.35)).toBe(435);
    expect(parseAmountToCents(1234567890123.99)).toBe(123456789012399);
    expect(parseAmountToCents(' 12.30 ')).toBe(1230);
  });

  it('should refuse more than two decimals, NaN, infinities, exponents and other types', () => {
    for (const bad of ['1.234', 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY, '1e3', 1e21, '', 'abc', '1,50', null, {}, true]) {
      expect(() => parseAmountToCents(bad)).toThrow(InvalidAmountError);
    }
  });

  it('should refuse negative amounts unless allowed', () => {
    expect(() => parseAmountToCents('-5.00')).toThrow('must not be negative');
    expect(parseAmountToCents('-5.01', { allowNegative: true })).toBe(-501);
  });

  it('should render cents as contract decimals and as euro per language', () => {
    expect(centsToDecimal(123450)).toBe('1234.50');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(formatEuro(123456789, 'nl')).toBe('€ 1.234.567,89');
    expect(formatEuro(123456, 'fr')).toBe('1\u202f234,56 €');
    expect(formatEuro(5, 'en')).toBe('€0.05');
  });
});
