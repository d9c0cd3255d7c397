import type { Migration } from './migration';

// Local-authority packs: packs a school imports (the shipped ones live in resources/packs), and the school's own
// checked contact details, kept apart so the shipped file is never changed.
export const migration0004: Migration = {
  version: 4,
  name: 'packs',
  sql: `
    CREATE TABLE imported_packs (
      id TEXT PRIMARY KEY,
      file_name TEXT NOT NULL,
      json TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      imported_by TEXT NOT NULL REFERENCES users(id)
    );

    CREATE TABLE pack_contact_overrides (
      pack_id TEXT NOT NULL,
      contact_id TEXT NOT NULL,
      phone TEXT,
      email TEXT,
      note TEXT,
      verified_on TEXT,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL REFERENCES users(id),
      PRIMARY KEY (pack_id, contact_id)
    );
  `,
};
