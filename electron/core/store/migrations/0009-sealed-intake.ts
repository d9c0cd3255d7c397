import type { Migration } from './migration';

// Sealed intake (docs/decisions/0018-sealed-intake-envelopes.md). Concerns arrive as envelopes sealed to the hub's
// intake key and are stored when the store is open; these tables make that once-only and visible:
// - intake_keys: the hub's X25519 intake key pairs. The private key lives only here, inside the encrypted store; a
//   retired key is kept so envelopes sealed to it before a change of key still open.
// - intake_ingested: every envelope ever stored, by its id, so one that arrives twice (a client that never saw its
//   receipt sends it again) is stored once. No foreign key to concerns: the row must outlive the concern (retention)
//   or a late copy of the envelope would bring a deleted concern back.
// - intake_set_aside: envelopes and damaged queue records that could not be stored, with the reason, until a DSL has
//   been told (noticed_at); the bytes themselves stay in intake-set-aside.bin beside the store.
export const migration0009: Migration = {
  version: 9,
  name: 'sealed-intake',
  sql: `
    CREATE TABLE intake_keys (
      key_id TEXT PRIMARY KEY,
      private_key BLOB NOT NULL,
      public_key BLOB NOT NULL,
      created_at TEXT NOT NULL,
      retired_at TEXT
    );
    CREATE UNIQUE INDEX intake_keys_one_current ON intake_keys ((retired_at IS NULL)) WHERE retired_at IS NULL;

    CREATE TABLE intake_ingested (
      envelope_id TEXT PRIMARY KEY,
      concern_id TEXT NOT NULL UNIQUE,
      account_id TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      ingested_at TEXT NOT NULL
    );

    CREATE TABLE intake_set_aside (
      sha256 TEXT PRIMARY KEY,
      envelope_id TEXT,
      reason TEXT NOT NULL,
      detail TEXT NOT NULL,
      set_aside_at TEXT NOT NULL,
      noticed_at TEXT
    );
    CREATE INDEX intake_set_aside_unnoticed ON intake_set_aside (set_aside_at) WHERE noticed_at IS NULL;
  `,
};
