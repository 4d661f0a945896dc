import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  checkEnterpriseNumber,
  enterpriseNumberFrom,
  formatEnterpriseNumber,
  InvalidEnterpriseNumberError,
  isValidEnterpriseNumber,
  normaliseEnterpriseNumber,
  parseEnterpriseNumber,
} from './enterprise-number';

// Copies of the shared corpus files (be_enterprise_numbers_*.csv, see process-api/data/ATTRIBUTION.md).
const fixture = (name: string) => {
  const local = resolve(__dirname, '__fixtures__', name);
  return readFileSync(local, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
};

describe('enterprise-number', () => {
  it('should accept the public examples exactly as the corpus judges them', () => {
    // given the public example numbers with their known mod-97 verdict
    const rows = fixture('be_enterprise_numbers_public_examples.csv');
    expect(rows.length).toBeGreaterThan(10);
    for (const [input, normalized, verdict] of rows) {
      // when normalised and checked
      // then the canonical form and the verdict match
      expect(normaliseEnterpriseNumber(input)).toBe(normalized);
      expect({ input, valid: isValidEnterpriseNumber(input) }).toEqual({ input, valid: verdict === 'True' });
    }
  });

  it('should accept every synthetic number and format it with dots', () => {
    const rows = fixture('be_enterprise_numbers_SYNTHETIC.csv');
    expect(rows.length).toBe(25);
    for (const [number, formatted] of rows) {
      expect(parseEnterpriseNumber(number)).toBe(number);
      expect(formatEnterpriseNumber(number)).toBe(formatted);
      expect(parseEnterpriseNumber(formatted)).toBe(number);
    }
  });

  it('should accept dotted, compact, BE-prefixed and legacy 9-digit input', () => {
    expect(parseEnterpriseNumber('0403.019.261')).toBe('0403019261');
    expect(parseEnterpriseNumber('0403019261')).toBe('0403019261');
    expect(parseEnterpriseNumber('BE0403019261')).toBe('0403019261');
    expect(parseEnterpriseNumber('be 0403.019.261')).toBe('0403019261');
    expect(parseEnterpriseNumber('403019261')).toBe('0403019261');
  });

  it('should refuse wrong length, wrong first digit, wrong check digits and letters', () => {
    expect(checkEnterpriseNumber('04030192')).toEqual({ valid: false, reason: 'expected 10 digits' });
    expect(checkEnterpriseNumber('2000021323')).toEqual({ valid: false, reason: 'must start with 0 or 1' });
    expect(checkEnterpriseNumber('0403019262')).toEqual({ valid: false, reason: 'check digits do not match (mod 97)' });
    expect(checkEnterpriseNumber('04030192AB').valid).toBe(false);
    expect(checkEnterpriseNumber('0000000097').valid).toBe(false);
    expect(() => parseEnterpriseNumber('0123456790')).toThrow(InvalidEnterpriseNumberError);
  });

  it('should build valid numbers from a body', () => {
    for (const body of [0, 1, 1234567, 9999998]) {
      expect(isValidEnterpriseNumber(enterpriseNumberFrom('0', body + 1))).toBe(true);
      expect(isValidEnterpriseNumber(enterpriseNumberFrom('1', body))).toBe(true);
    }
  });
});
