// The recovery key: 256 random bits shown once as Crockford base32 (no I, L, O, U to misread), in groups of four.
import crypto from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_KEY_CHARACTERS = 52;

export function generateRecoveryKey(): Buffer {
  return crypto.randomBytes(32);
}

export function encodeRecoveryKey(key: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of key) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/** Accepts what a person types from the printout: any case, with or without dashes and spaces. */
export function decodeRecoveryKey(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s-]/g, '');
  if (clean.length !== RECOVERY_KEY_CHARACTERS) return null;
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return bytes.length === 32 ? Buffer.from(bytes) : null;
}

/** A high-entropy key needs no slow derivation: HKDF separates its use for wrapping from anything else. */
export function recoveryKeyEncryptionKey(recoveryKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', recoveryKey, salt, 'safeguarding-records recovery wrap v1', 32));
}
