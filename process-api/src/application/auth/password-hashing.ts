import bcrypt from 'bcryptjs';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (node:crypto, memory-hard), stored as a PHC-like string:
 * `$scrypt$ln=15,r=8,p=1$<salt b64>$<hash b64>`. N = 2^15, r = 8 needs 32 MiB per hash (OWASP's minimum for scrypt
 * is N=2^17 with r=8,p=1 or equivalent; 2^15 keeps a login under ~100 ms on the 2-core target while staying
 * memory-hard). The parameters live in the string, so they can be raised later: `needsRehash` says when.
 * Older bcrypt hashes (`$2a$`/`$2b$`) still verify and are rehashed on the next successful login.
 */
export interface ScryptParameters {
  logN: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParameters = { logN: 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, params: ScryptParameters, keyLength: number): Promise<Buffer> {
  const N = 2 ** params.logN;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password, salt, keyLength, options, (e, key) => (e ? reject(e) : resolve(key))));
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, params: ScryptParameters = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const phc = PHC.exec(stored);
  if (phc) {
    const params = { logN: Number(phc[1]), r: Number(phc[2]), p: Number(phc[3]) };
    // refuse absurd parameters read from the database rather than allocate gigabytes
    if (params.logN < 10 || params.logN > 20 || params.r > 32 || params.p > 16) return false;
    const expected = Buffer.from(phc[5], 'base64');
    const actual = await derive(password, Buffer.from(phc[4], 'base64'), params, expected.length);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
  if (/^\$2[aby]\$\d\d\$/.test(stored)) return bcrypt.compare(password, stored);
  return false;
}

/** True for a legacy (bcrypt) hash or scrypt parameters below the current ones. */
export function needsRehash(stored: string, params: ScryptParameters = DEFAULT_SCRYPT): boolean {
  const phc = PHC.exec(stored);
  if (!phc) return true;
  return Number(phc[1]) < params.logN || Number(phc[2]) < params.r || Number(phc[3]) < params.p;
}
