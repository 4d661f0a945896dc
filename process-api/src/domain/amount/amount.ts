/**
 * Euro amounts as integer cents, parsed from the decimal text: never through binary floating point.
 */
export class InvalidAmountError extends Error {
  readonly code = 'INVALID_AMOUNT';
  constructor(
    readonly input: unknown,
    reason: string,
  ) {
    super(`${JSON.stringify(input) ?? String(input)} is not a valid amount: ${reason}`);
    this.name = 'InvalidAmountError';
  }
}

export interface AmountOptions {
  allowNegative?: boolean;
}

const AMOUNT_PATTERN = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Parses "1234.5", "1234.56", 1234.56 (a JSON number, read through its shortest decimal text) into cents. */
export function parseAmountToCents(input: unknown, options: AmountOptions = {}): number {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new InvalidAmountError(input, 'not a finite number');
    // String(n) is the shortest text that round-trips, so 0.1 stays "0.1"; exponent forms are refused below.
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    throw new InvalidAmountError(input, 'expected a number or a decimal string');
  }
  const match = AMOUNT_PATTERN.exec(text);
  if (!match) throw new InvalidAmountError(input, 'expected euro with at most two decimals');
  const [, sign, whole, fraction = ''] = match;
  if (sign && !options.allowNegative) throw new InvalidAmountError(input, 'must not be negative');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign && cents !== 0 ? -cents : cents;
}

/** Cents back to the decimal text of the API contract ("1234.50"). */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new InvalidAmountError(cents, 'cents must be a safe integer');
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Euro for people: "€ 1.234,56" (nl) / "1 234,56 €" (fr) / "€1,234.56" (en), built by hand so no ICU data matters. */
export function formatEuro(cents: number, language: 'nl' | 'fr' | 'en'): string {
  const [whole, fraction] = centsToDecimal(Math.abs(cents)).split('.');
  const sign = cents < 0 ? '-' : '';
  const group = (sep: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  if (language === 'fr') return `${sign}${group('\u202f')},${fraction} €`;
  if (language === 'en') return `${sign}€${group(',')}.${fraction}`;
  return `${sign}€ ${group('.')},${fraction}`;
}
