// Recovery codes: ten one-use codes shown once at enrolment, for the day the phone is lost or flat. Only a salted
// hash of each is kept, so even someone reading the store cannot use them; each stops working once used.
import crypto from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
/** Crockford's base32: no I, L, O or U, so a code read off paper is not mistyped. 10 characters = 50 bits. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10;

/** Ten fresh codes, as shown to the person: two groups of five. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    let code = '';
    // 256 is a multiple of 32: taking each byte modulo 32 favours no character.
    for (const byte of crypto.randomBytes(LENGTH)) code += ALPHABET[byte % ALPHABET.length];
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** What is compared: upper case, no dashes or spaces, and the letters people confuse read as the digits they look like. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** A unique salt per code and SHA-256 (ASVS 6.5: lookup secrets of under 112 bits are salted and hashed). */
export function hashRecoveryCode(code: string, salt: Buffer): Buffer {
  return crypto.createHash('sha256').update(salt).update(normaliseRecoveryCode(code)).digest();
}

export function hashedRecoveryCode(code: string): { salt: Buffer; hash: Buffer } {
  const salt = crypto.randomBytes(16);
  return { salt, hash: hashRecoveryCode(code, salt) };
}

export function recoveryCodeMatches(typed: string, stored: { salt: Buffer; hash: Buffer }): boolean {
  return crypto.timingSafeEqual(hashRecoveryCode(typed, stored.salt), stored.hash);
}
