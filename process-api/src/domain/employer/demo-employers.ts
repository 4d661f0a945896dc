import { CATEGORY_BY_LEGAL_FORM, DEFAULT_CATEGORY, FIRST_NAMES, LEGAL_FORM_SUFFIX, MUNICIPALITIES, SECTORS, STREETS, SURNAMES, type Language } from './demo-employer-data';
import { enterpriseNumberFrom } from './enterprise-number';
import { SeededRandom } from './seeded-random';

export interface DemoContact {
  kind: 'phone' | 'email' | 'person' | 'address';
  value: string;
  label: string | null;
}

export interface DemoEmployer {
  enterpriseNumber: string;
  name: string;
  language: Language;
  legalFormCode: string;
  naceCode: string;
  street: string;
  postalCode: string;
  city: string;
  category: string;
  contacts: DemoContact[];
}

export const DEMO_EMPLOYER_SEED = 20260101;

const ACCENTS: Record<string, string> = { à: 'a', â: 'a', é: 'e', è: 'e', ê: 'e', ë: 'e', ï: 'i', î: 'i', ô: 'o', ç: 'c', ü: 'u', û: 'u' };

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[àâéèêëïîôçüû]/g, (c) => ACCENTS[c] ?? c)
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 24);
}

// Belgian numbers: landline area code by first postal digit; mobiles 04xx.
const AREA_CODE: Record<string, string> = { '1': '02', '2': '03', '3': '011', '4': '04', '5': '081', '6': '071', '7': '065', '8': '050', '9': '09' };

function phone(random: SeededRandom, postalCode: string, mobile: boolean): string {
  if (mobile) return `+32 4${random.int(70, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`;
  const area = AREA_CODE[postalCode[0]] ?? '02';
  const digits = String(random.int(0, 10 ** (8 - area.length + 1) - 1)).padStart(9 - area.length, '0');
  return `+32 ${area.slice(1)} ${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/**
 * The demo employers, a pure function of (count, seed): the database seed and the demo event generator both call it,
 * so their enterprise numbers match without a database.
 */
export function generateDemoEmployers(count: number, seed = DEMO_EMPLOYER_SEED): DemoEmployer[] {
  const random = new SeededRandom(seed);
  const numbers = new Set<string>();
  const employers: DemoEmployer[] = [];
  while (employers.length < count) {
    const number = enterpriseNumberFrom(random.chance(0.85) ? '0' : '1', random.int(2_000_000, 9_999_999));
    if (numbers.has(number)) continue;
    numbers.add(number);
    const place = random.pick(MUNICIPALITIES);
    const language = place.language;
    const sector = random.weighted(SECTORS);
    const legalFormCode = random.pick(sector.legalForms);
    const surname = random.pick(SURNAMES[language]);
    const firstName = random.pick(FIRST_NAMES[language]);
    const baseName = random
      .pick(sector.names[language])
      .replace('{s}', surname)
      .replace('{f}', firstName)
      .replace('{c}', place.city);
    const name = `${baseName} ${LEGAL_FORM_SUFFIX[legalFormCode][language]}`;
    const street = `${random.pick(STREETS[language])} ${random.int(1, 180)}`;
    const domain = `${slug(baseName)}.be`;
    const personFirst = random.pick(FIRST_NAMES[language]);
    const contacts: DemoContact[] = [
      { kind: 'phone', value: phone(random, place.postalCode, false), label: language === 'fr' ? 'Bureau' : 'Kantoor' },
      { kind: 'email', value: `info@${domain}`, label: null },
      { kind: 'person', value: `${personFirst} ${surname}`, label: language === 'fr' ? 'Gérant' : 'Zaakvoerder' },
    ];
    if (random.chance(0.6)) contacts.push({ kind: 'phone', value: phone(random, place.postalCode, true), label: language === 'fr' ? 'GSM gérant' : 'GSM zaakvoerder' });
    if (random.chance(0.4)) contacts.push({ kind: 'email', value: `${slug(personFirst)}@${domain}`, label: language === 'fr' ? 'Comptabilité' : 'Boekhouding' });
    employers.push({
      enterpriseNumber: number,
      name,
      language,
      legalFormCode,
      naceCode: sector.nace,
      street,
      postalCode: place.postalCode,
      city: place.city,
      category: CATEGORY_BY_LEGAL_FORM[legalFormCode] ?? DEFAULT_CATEGORY,
      contacts,
    });
  }
  return employers;
}
