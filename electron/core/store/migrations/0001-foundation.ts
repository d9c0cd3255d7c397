import type { Migration } from './migration';

// Accounts, settings, the school, the hash-chained audit log, and the first shape of pupils and concerns
// (the concern-log feature extends them in later migrations).
export const migration0001: Migration = {
  version: 1,
  name: 'foundation',
  sql: `
    CREATE TABLE school (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name TEXT NOT NULL,
      urn TEXT NOT NULL,
      local_authority TEXT NOT NULL,
      created_at TEXT NOT NULL,
      recovery_key_confirmed_at TEXT,
      recovery_key_confirmed_by TEXT
    );

    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('staff', 'dsl', 'head', 'admin')),
      staff_group TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
      must_change_password INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      created_by TEXT REFERENCES users(id),
      disabled_at TEXT,
      disabled_by TEXT REFERENCES users(id),
      disabled_reason TEXT,
      last_sign_in_at TEXT
    );

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT REFERENCES users(id)
    );

    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      user_id TEXT,
      role TEXT,
      door TEXT NOT NULL,
      command TEXT NOT NULL,
      record_ids TEXT NOT NULL,
      outcome TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    );
    -- The audit log is append-only from inside the application; the hash chain catches edits made around it.
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

    CREATE TABLE pupils (
      id TEXT PRIMARY KEY,
      upn TEXT UNIQUE,
      legal_first_name TEXT NOT NULL,
      legal_last_name TEXT NOT NULL,
      preferred_name TEXT,
      date_of_birth TEXT NOT NULL,
      year_group TEXT,
      registration_group TEXT,
      gender TEXT,
      sen_status TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT REFERENCES users(id),
      left_on TEXT
    );
    CREATE INDEX pupils_by_name ON pupils (legal_last_name, legal_first_name);

    CREATE TABLE concerns (
      id TEXT PRIMARY KEY,
      author_id TEXT NOT NULL REFERENCES users(id),
      occurred_at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      location TEXT NOT NULL DEFAULT '',
      what_happened TEXT NOT NULL,
      child_words TEXT NOT NULL DEFAULT '',
      action_taken TEXT NOT NULL DEFAULT '',
      immediate_danger INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'read', 'open', 'closed')),
      read_at TEXT,
      read_by TEXT REFERENCES users(id)
    );
    CREATE INDEX concerns_by_status ON concerns (status, immediate_danger DESC, recorded_at);
    CREATE INDEX concerns_by_author ON concerns (author_id, recorded_at);
    -- What a person wrote is never changed or deleted; later information is an addendum or a new concern.
    CREATE TRIGGER concerns_words_immutable BEFORE UPDATE OF author_id, occurred_at, recorded_at, location, what_happened, child_words, action_taken, immediate_danger ON concerns
      BEGIN SELECT RAISE(ABORT, 'a submitted concern cannot be edited'); END;
    CREATE TRIGGER concerns_no_delete BEFORE DELETE ON concerns BEGIN SELECT RAISE(ABORT, 'a concern cannot be deleted'); END;

    CREATE TABLE concern_pupils (
      concern_id TEXT NOT NULL REFERENCES concerns(id),
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      part TEXT NOT NULL,
      PRIMARY KEY (concern_id, pupil_id)
    );
    CREATE INDEX concern_pupils_by_pupil ON concern_pupils (pupil_id);

    CREATE TABLE concern_categories (
      concern_id TEXT NOT NULL REFERENCES concerns(id),
      category TEXT NOT NULL,
      PRIMARY KEY (concern_id, category)
    );
    CREATE INDEX concern_categories_by_category ON concern_categories (category);
  `,
};
