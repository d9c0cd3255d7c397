import type { Migration } from './migration';

// Information leaving (and arriving at) the school: every export with its recipient and purpose, the
// child-protection file transfer register with its acknowledgement clock, files received from other schools
// (electronic or paper), and the pupil marked as transferred.
export const migration0005: Migration = {
  version: 5,
  name: 'exports',
  sql: `
    CREATE TABLE exports (
      id TEXT PRIMARY KEY,
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      kind TEXT NOT NULL CHECK (kind IN ('referral_pack', 'chronology', 'chronology_anonymised', 'subject_access', 'file_transfer')),
      format TEXT NOT NULL,
      recipient TEXT NOT NULL,
      purpose TEXT NOT NULL,
      -- What went in: sections, chosen items, exclusions or disclose/withhold decisions with their reasons (JSON).
      contents TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      sharing_id TEXT REFERENCES information_sharing(id),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id)
    );
    CREATE INDEX exports_by_pupil ON exports (pupil_id, created_at);
    CREATE TRIGGER exports_kept BEFORE DELETE ON exports BEGIN SELECT RAISE(ABORT, 'the export log is append-only'); END;
    CREATE TRIGGER exports_fixed BEFORE UPDATE ON exports BEGIN SELECT RAISE(ABORT, 'the export log is append-only'); END;

    CREATE TABLE file_transfers (
      id TEXT PRIMARY KEY,
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      export_id TEXT NOT NULL REFERENCES exports(id),
      sent_at TEXT NOT NULL,
      method TEXT NOT NULL,
      to_school TEXT NOT NULL,
      to_school_urn TEXT NOT NULL DEFAULT '',
      to_dsl TEXT NOT NULL,
      to_dsl_contact TEXT NOT NULL DEFAULT '',
      -- NULL until the DSL says; 1 = the passphrase went by a separate channel.
      passphrase_sent_separately INTEGER,
      acknowledgement_due TEXT NOT NULL,
      acknowledged_on TEXT,
      acknowledged_by TEXT,
      recorded_by TEXT NOT NULL REFERENCES users(id)
    );
    CREATE INDEX file_transfers_awaiting ON file_transfers (acknowledged_on, acknowledgement_due);
    CREATE TRIGGER file_transfers_kept BEFORE DELETE ON file_transfers BEGIN SELECT RAISE(ABORT, 'the transfer register is append-only'); END;

    CREATE TABLE received_files (
      id TEXT PRIMARY KEY,
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      kind TEXT NOT NULL CHECK (kind IN ('electronic', 'paper')),
      from_school TEXT NOT NULL,
      from_school_urn TEXT NOT NULL DEFAULT '',
      from_dsl TEXT NOT NULL DEFAULT '',
      sent_at TEXT,
      received_at TEXT NOT NULL,
      transfer_id TEXT,
      contents TEXT NOT NULL DEFAULT '{}',
      pdf BLOB,
      notes TEXT NOT NULL DEFAULT '',
      recorded_by TEXT NOT NULL REFERENCES users(id)
    );
    CREATE INDEX received_files_by_pupil ON received_files (pupil_id, received_at);
    -- The same transfer imported twice would show the file twice: refuse it.
    CREATE UNIQUE INDEX received_files_once ON received_files (transfer_id) WHERE transfer_id IS NOT NULL;
    CREATE TRIGGER received_files_kept BEFORE DELETE ON received_files BEGIN SELECT RAISE(ABORT, 'a received file cannot be deleted'); END;

    ALTER TABLE pupils ADD COLUMN transferred_at TEXT;
    ALTER TABLE pupils ADD COLUMN transferred_to TEXT;
  `,
};
