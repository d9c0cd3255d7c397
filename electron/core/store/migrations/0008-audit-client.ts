import type { Migration } from './migration';

/**
 * The hub serves many computers: each audit row names the client address a command came from, beside its door.
 * Rows written before this step have none; the chain's hash covers the address only when there is one, so their
 * hashes are unchanged.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'audit rows name the client address',
  sql: `ALTER TABLE audit_log ADD COLUMN client TEXT;`,
};
