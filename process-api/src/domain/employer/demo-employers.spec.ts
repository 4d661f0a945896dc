import { MUNICIPALITIES } from './demo-employer-data';
import { generateDemoEmployers } from './demo-employers';
import { isValidEnterpriseNumber } from './enterprise-number';

describe('generateDemoEmployers', () => {
  it('should be deterministic for a seed and differ for another seed', () => {
    expect(generateDemoEmployers(50)).toEqual(generateDemoEmployers(50));
    expect(generateDemoEmployers(50, 1)[0].enterpriseNumber).not.toBe(generateDemoEmployers(50, 2)[0].enterpriseNumber);
  });

  it('should yield the same first employers whatever the count', () => {
    expect(generateDemoEmployers(2000).slice(0, 100)).toEqual(generateDemoEmployers(100));
  });

  it('should produce unique valid enterprise numbers, real municipalities and a legal form suffix', () => {
    // when generating the default demo population
    const employers = generateDemoEmployers(2000);
    // then every number is valid and unique
    expect(new Set(employers.map((e) => e.enterpriseNumber)).size).toBe(2000);
    expect(employers.every((e) => isValidEnterpriseNumber(e.enterpriseNumber))).toBe(true);
    // and every address is a known municipality with its postal code
    const places = new Set(MUNICIPALITIES.map((m) => `${m.postalCode} ${m.city}`));
    expect(employers.every((e) => places.has(`${e.postalCode} ${e.city}`))).toBe(true);
    // and names end with the suffix of their legal form in their language
    expect(employers.every((e) => / (BV|SRL|NV|SA|VZW|ASBL|VOF|SNC|CV|SC)$/.test(e.name))).toBe(true);
    expect(employers.filter((e) => e.language === 'fr').length).toBeGreaterThan(400);
    expect(employers.filter((e) => e.language === 'nl').length).toBeGreaterThan(400);
    // and contact data is present
    expect(employers.every((e) => e.contacts.some((c) => c.kind === 'phone') && e.contacts.some((c) => c.kind === 'email'))).toBe(true);
  });
});
