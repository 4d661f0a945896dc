import bcrypt from 'bcryptjs';
import { hashPassword, needsRehash, verifyPassword } from './password-hashing';

describe('password hashing', () => {
  it('should hash with scrypt in a PHC-like string with a fresh salt each time', async () => {
    // when hashing the same password twice
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    // then both are scrypt strings carrying their parameters, and differ by salt
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(needsRehash(a)).toBe(false);
  });

  it('should verify the right password and refuse a wrong one', async () => {
    // given a stored scrypt hash
    const stored = await hashPassword('correct horse');
    // then only the right password verifies
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horse ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('should still verify legacy bcrypt hashes and ask for their rehash', async () => {
    // given a hash of the earlier versions
    const legacy = await bcrypt.hash('werkbank', 4);
    // then it verifies, and is marked for upgrade
    expect(await verifyPassword('werkbank', legacy)).toBe(true);
    expect(await verifyPassword('other', legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
  });

  it('should ask a rehash for weaker scrypt parameters and refuse absurd or unknown ones', async () => {
    // given hashes with low and with absurd parameters
    const weak = await hashPassword('pw', { logN: 10, r: 8, p: 1 });
    const absurd = weak.replace('ln=10', 'ln=40');
    // then the weak one verifies but needs a rehash; the absurd and the garbage ones never verify
    expect(await verifyPassword('pw', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(await verifyPassword('pw', absurd)).toBe(false);
    expect(await verifyPassword('pw', 'plain-text')).toBe(false);
  });
});
