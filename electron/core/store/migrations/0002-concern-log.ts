import type { Migration } from './migration';

// The zero-threshold concern log: the roster's fuller shape (households for siblings, contacts), the rest of the
// concern form (who else was there, urgency, body map, attachments, FGM police reference), addenda, drafts and the
// school's own list of categories.
export const migration0002: Migration = {
  version: 2,
  name: 'concern-log',
  sql: `
    ALTER TABLE pupils ADD COLUMN household_id TEXT;
    ALTER TABLE pupils ADD COLUMN address TEXT NOT NULL DEFAULT '';
    ALTER TABLE pupils ADD COLUMN postcode TEXT NOT NULL DEFAULT '';
    ALTER TABLE pupils ADD COLUMN contacts TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE pupils ADD COLUMN ethnicity TEXT NOT NULL DEFAULT '';
    ALTER TABLE pupils ADD COLUMN first_language TEXT NOT NULL DEFAULT '';
    ALTER TABLE pupils ADD COLUMN religion TEXT NOT NULL DEFAULT '';
    ALTER TABLE pupils ADD COLUMN updated_at TEXT;
    ALTER TABLE pupils ADD COLUMN search_text TEXT GENERATED ALWAYS AS (
      lower(legal_first_name || ' ' || legal_last_name || ' ' || coalesce(preferred_name, '') || ' ' || coalesce(upn, '') || ' ' || coalesce(registration_group, ''))
    ) VIRTUAL;
    CREATE INDEX pupils_by_household ON pupils (household_id);

    ALTER TABLE concerns ADD COLUMN others_present TEXT NOT NULL DEFAULT '';
    ALTER TABLE concerns ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE concerns ADD COLUMN spoken_to_dsl TEXT;
    ALTER TABLE concerns ADD COLUMN fgm_police_reference TEXT NOT NULL DEFAULT '';
    DROP TRIGGER concerns_words_immutable;
    CREATE TRIGGER concerns_words_immutable BEFORE UPDATE OF author_id, occurred_at, recorded_at, location, what_happened, child_words, action_taken, immediate_danger, others_present, urgent, spoken_to_dsl, fgm_police_reference ON concerns
      BEGIN SELECT RAISE(ABORT, 'a submitted concern cannot be edited'); END;
    CREATE TRIGGER concern_pupils_fixed BEFORE DELETE ON concern_pupils BEGIN SELECT RAISE(ABORT, 'a concern cannot lose a pupil'); END;
    CREATE TRIGGER concern_categories_kept BEFORE DELETE ON concern_categories BEGIN SELECT RAISE(ABORT, 'a concern cannot lose a category'); END;

    CREATE TABLE concern_body_marks (
      concern_id TEXT NOT NULL REFERENCES concerns(id),
      position INTEGER NOT NULL,
      view TEXT NOT NULL CHECK (view IN ('front', 'back')),
      x REAL NOT NULL CHECK (x BETWEEN 0 AND 1),
      y REAL NOT NULL CHECK (y BETWEEN 0 AND 1),
      size TEXT NOT NULL,
      colour TEXT NOT NULL,
      shape TEXT NOT NULL,
      child_explanation TEXT NOT NULL,
      PRIMARY KEY (concern_id, position)
    );
    CREATE TRIGGER concern_body_marks_immutable BEFORE UPDATE ON concern_body_marks BEGIN SELECT RAISE(ABORT, 'a submitted concern cannot be edited'); END;
    CREATE TRIGGER concern_body_marks_kept BEFORE DELETE ON concern_body_marks BEGIN SELECT RAISE(ABORT, 'a submitted concern cannot be edited'); END;

    -- Attachments live inside the encrypted database, never as loose files.
    CREATE TABLE concern_attachments (
      id TEXT PRIMARY KEY,
      concern_id TEXT NOT NULL REFERENCES concerns(id),
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      data BLOB NOT NULL,
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL REFERENCES users(id)
    );
    CREATE INDEX concern_attachments_by_concern ON concern_attachments (concern_id);
    CREATE TRIGGER concern_attachments_immutable BEFORE UPDATE ON concern_attachments BEGIN SELECT RAISE(ABORT, 'an attachment cannot be changed'); END;
    CREATE TRIGGER concern_attachments_kept BEFORE DELETE ON concern_attachments BEGIN SELECT RAISE(ABORT, 'an attachment cannot be deleted'); END;

    CREATE TABLE concern_addenda (
      id TEXT PRIMARY KEY,
      concern_id TEXT NOT NULL REFERENCES concerns(id),
      author_id TEXT NOT NULL REFERENCES users(id),
      written_at TEXT NOT NULL,
      text TEXT NOT NULL
    );
    CREATE INDEX concern_addenda_by_concern ON concern_addenda (concern_id, written_at);
    CREATE TRIGGER concern_addenda_immutable BEFORE UPDATE ON concern_addenda BEGIN SELECT RAISE(ABORT, 'an addendum cannot be edited'); END;
    CREATE TRIGGER concern_addenda_kept BEFORE DELETE ON concern_addenda BEGIN SELECT RAISE(ABORT, 'an addendum cannot be deleted'); END;

    -- Drafts are the form as typed, saved as the person types, inside the encrypted store.
    CREATE TABLE concern_drafts (
      id TEXT PRIMARY KEY,
      author_id TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      form TEXT NOT NULL
    );
    CREATE INDEX concern_drafts_by_author ON concern_drafts (author_id, updated_at);

    CREATE TABLE concern_category_list (
      id TEXT PRIMARY KEY,
      label TEXT NOT NULL,
      guidance TEXT NOT NULL,
      duty TEXT,
      position INTEGER NOT NULL,
      active INTEGER NOT NULL DEFAULT 1
    );
  `,
};
