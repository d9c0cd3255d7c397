// The on-disk format, pinned in one place so an upgrade of the driver can never silently change it (decision 0028).
// AEGIS-256 (sqlite3mc's "aegis" scheme): an authenticated cipher built on the AES round, one pass per page giving the
// ciphertext and a 256-bit tag, with a fresh random 256-bit nonce per page write. The key is a raw 256-bit value, so no
// passphrase derivation runs inside SQLite (the scheme's Argon2 settings, tcost/mcost/pcost, are never used).
// Every connection to the store — the app's, the checkpoint worker's, a copy's — is keyed from here.
import type Database from 'better-sqlite3-multiple-ciphers';

export type StoreCipher = 'aegis-256' | 'sqlcipher-4';

/** The format every new store, backup and converted store is written in. */
export const cipherPragmas = ["cipher = 'aegis'", "algorithm = 'aegis-256'", 'plaintext_header_size = 0'] as const;

/**
 * SQLCipher 4 (decision 0001's format, AES-256-CBC pages with HMAC-SHA512): kept only to open a store or backup from
 * before decision 0028 and convert it. Nothing is ever written in it again.
 */
export const sqlcipher4Pragmas = [
  "cipher = 'sqlcipher'",
  'legacy = 4',
  'kdf_iter = 256000',
  'fast_kdf_iter = 2',
  'hmac_use = 1',
  'hmac_pgno = 1',
  'hmac_salt_mask = 0x3a',
  'kdf_algorithm = 2',
  'hmac_algorithm = 2',
  'legacy_page_size = 4096',
  'plaintext_header_size = 0',
] as const;

export function pragmasFor(cipher: StoreCipher): readonly string[] {
  return cipher === 'aegis-256' ? cipherPragmas : sqlcipher4Pragmas;
}

/** The key pragma's text for a raw key; the key is checked to be exactly 32 bytes, so no user text reaches SQL. */
export function rawKeyPragma(key: Buffer, pragma: 'key' | 'rekey' = 'key'): string {
  if (!Buffer.isBuffer(key) || key.length !== 32) throw new Error('The database key must be 32 bytes.');
  const hex = key.toString('hex');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('The database key is not valid hex.');
  return `${pragma} = "x'${hex}'"`;
}

/** Applies the cipher settings and the raw key (AEGIS-256 unless told otherwise). */
export function applyKey(db: Database.Database, key: Buffer, cipher: StoreCipher = 'aegis-256'): void {
  const keyPragma = rawKeyPragma(key);
  for (const pragma of pragmasFor(cipher)) db.pragma(pragma);
  db.pragma(keyPragma);
}

/** Which of the two formats a keyed connection reads, as sqlite3mc reports it. */
export function cipherOf(db: Database.Database): StoreCipher {
  const scheme = db.pragma('cipher', { simple: true });
  if (scheme === 'aegis' && db.pragma('algorithm', { simple: true }) === 'aegis-256') return 'aegis-256';
  if (scheme === 'sqlcipher' && Number(db.pragma('legacy', { simple: true })) === 4) return 'sqlcipher-4';
  throw new Error(`The store is keyed with an unexpected cipher (${String(scheme)}).`);
}
