/** Belgian enterprise number (ondernemingsnummer / numéro d'entreprise): 10 digits, first 0 or 1, mod-97 check. */
export class InvalidEnterpriseNumberError extends Error {
  readonly code = 'INVALID_ENTERPRISE_NUMBER';
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`'${input}' is not a valid enterprise number: ${reason}`);
    this.name = 'InvalidEnterpriseNumberError';
  }
}

export type EnterpriseNumberCheck = { valid: true; value: string } | { valid: false; reason: string };

/** Strips the `BE` prefix and separators; a legacy 9-digit number gets its leading 0. Does not validate. */
export function normaliseEnterpriseNumber(input: string): string {
  let s = input.trim().toUpperCase();
  if (s.startsWith('BE')) s = s.slice(2);
  s = s.replace(/[\s.\-/_]/g, '');
  if (/^\d{9}$/.test(s)) s = `0${s}`;
  return s;
}

export function checkDigits(firstEight: string): string {
  return String(97 - (Number(firstEight) % 97)).padStart(2, '0');
}

export function checkEnterpriseNumber(input: string): EnterpriseNumberCheck {
  const s = normaliseEnterpriseNumber(input);
  if (!/^\d{10}$/.test(s)) return { valid: false, reason: 'expected 10 digits' };
  if (s[0] !== '0' && s[0] !== '1') return { valid: false, reason: 'must start with 0 or 1' };
  // 0000000097 passes the arithmetic but is no enterprise number.
  if (Number(s.slice(0, 8)) === 0) return { valid: false, reason: 'expected 10 digits' };
  if (checkDigits(s.slice(0, 8)) !== s.slice(8)) return { valid: false, reason: 'check digits do not match (mod 97)' };
  return { valid: true, value: s };
}

export function isValidEnterpriseNumber(input: string): boolean {
  return checkEnterpriseNumber(input).valid;
}

/** The canonical 10-digit form; throws InvalidEnterpriseNumberError. */
export function parseEnterpriseNumber(input: string): string {
  const result = checkEnterpriseNumber(input);
  if (!result.valid) throw new InvalidEnterpriseNumberError(input, result.reason);
  return result.value;
}

/** Display form `0xxx.xxx.xxx`. */
export function formatEnterpriseNumber(input: string): string {
  const s = parseEnterpriseNumber(input);
  return `${s.slice(0, 4)}.${s.slice(4, 7)}.${s.slice(7)}`;
}

/** Builds a valid number from a 7-digit body (first digit 0 or 1 is prepended). */
export function enterpriseNumberFrom(prefix: '0' | '1', body: number): string {
  const firstEight = `${prefix}${String(body).padStart(7, '0')}`;
  return `${firstEight}${checkDigits(firstEight)}`;
}
