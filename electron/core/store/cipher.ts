// The on-disk format, pinned in one place so an upgrade of the driver can never silently change it.
// SQLCipher 4 compatible (sqlite3mc's "sqlcipher" scheme at legacy level 4): AES-256-CBC pages with HMAC-SHA512.
// The key is a raw 256-bit value, so no passphrase derivation runs inside SQLite (kdf_iter has no effect).
import type Database from 'better-sqlite3-multiple-ciphers';

export const cipherPragmas = [
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

/** Applies the cipher settings and the raw key. The key is checked to be exactly 32 bytes: no user text reaches SQL. */
export function applyKey(db: Database.Database, key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== 32) throw new Error('The database key must be 32 bytes.');
  for (const pragma of cipherPragmas) db.pragma(pragma);
  const hex = key.toString('hex');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('The database key is not valid hex.');
  db.pragma(`key = "x'${hex}'"`);
}
