import type { Migration } from './migration';

// The DSL's working day: assignments, the concern lifecycle (closing needs an outcome and a reason; a closed
// concern is never reopened), cases, decisions with reasons, the information-sharing log, referrals with their
// clocks, chases and escalations, actions, reviews, dated status flags, external events and threshold assessments.
export const migration0003: Migration = {
  version: 3,
  name: 'casework',
  sql: `
    ALTER TABLE concerns ADD COLUMN assigned_to TEXT REFERENCES users(id);
    ALTER TABLE concerns ADD COLUMN closed_at TEXT;
    ALTER TABLE concerns ADD COLUMN closed_by TEXT REFERENCES users(id);
    ALTER TABLE concerns ADD COLUMN outcome TEXT;
    ALTER TABLE concerns ADD COLUMN closing_reason TEXT;
    CREATE INDEX concerns_by_assignee ON concerns (assigned_to, status, recorded_at);
    CREATE INDEX concerns_by_recorded ON concerns (recorded_at);
    -- The review queue's default order (immediate danger, then urgent, then the longest waiting), overall and per
    -- status, so the first page of 150,000 concerns is read straight off an index instead of sorted.
    CREATE INDEX concerns_by_priority ON concerns (immediate_danger DESC, urgent DESC, recorded_at);
    DROP INDEX concerns_by_status;
    CREATE INDEX concerns_by_status ON concerns (status, immediate_danger DESC, urgent DESC, recorded_at);
    CREATE INDEX pupils_by_year_group ON pupils (year_group);
    CREATE TRIGGER concerns_closed_stays_closed BEFORE UPDATE OF status ON concerns WHEN OLD.status = 'closed'
      BEGIN SELECT RAISE(ABORT, 'a closed concern cannot be reopened: record a new concern and link it'); END;
    CREATE TRIGGER concerns_close_needs_reason BEFORE UPDATE OF status ON concerns
      WHEN NEW.status = 'closed' AND (NEW.outcome IS NULL OR trim(NEW.outcome) = '' OR NEW.closing_reason IS NULL OR trim(NEW.closing_reason) = '')
      BEGIN SELECT RAISE(ABORT, 'closing a concern needs an outcome and a reason'); END;

    -- The DSL's refinement of a child's part in a concern; the author's original part is kept.
    ALTER TABLE concern_pupils ADD COLUMN dsl_part TEXT;

    CREATE TABLE concern_links (
      concern_id TEXT NOT NULL REFERENCES concerns(id),
      linked_concern_id TEXT NOT NULL REFERENCES concerns(id),
      linked_at TEXT NOT NULL,
      linked_by TEXT NOT NULL REFERENCES users(id),
      note TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (concern_id, linked_concern_id)
    );

    CREATE TABLE assignments (
      id TEXT PRIMARY KEY,
      concern_id TEXT NOT NULL REFERENCES concerns(id),
      assigned_to TEXT NOT NULL REFERENCES users(id),
      assigned_by TEXT NOT NULL REFERENCES users(id),
      assigned_at TEXT NOT NULL,
      handover_note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX assignments_by_concern ON assignments (concern_id, assigned_at);

    CREATE TABLE decisions (
      id TEXT PRIMARY KEY,
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      concern_id TEXT REFERENCES concerns(id),
      decided_at TEXT NOT NULL,
      decided_by TEXT NOT NULL REFERENCES users(id),
      decision TEXT NOT NULL,
      reasons TEXT NOT NULL CHECK (trim(reasons) <> ''),
      consulted TEXT NOT NULL DEFAULT '',
      consent TEXT NOT NULL,
      consent_reason TEXT NOT NULL DEFAULT '',
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX decisions_by_pupil ON decisions (pupil_id, decided_at);

    CREATE TABLE information_sharing (
      id TEXT PRIMARY KEY,
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      decision_id TEXT REFERENCES decisions(id),
      referral_id TEXT,
      shared INTEGER NOT NULL,
      what TEXT NOT NULL,
      with_whom TEXT NOT NULL,
      shared_at TEXT NOT NULL,
      lawful_basis TEXT NOT NULL,
      consent TEXT NOT NULL,
      consent_reason TEXT NOT NULL DEFAULT '',
      recorded_by TEXT NOT NULL REFERENCES users(id),
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX information_sharing_by_pupil ON information_sharing (pupil_id, shared_at);

    CREATE TABLE referrals (
      id TEXT PRIMARY KEY,
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      decision_id TEXT REFERENCES decisions(id),
      agency TEXT NOT NULL,
      contact TEXT NOT NULL,
      method TEXT NOT NULL,
      referred_at TEXT NOT NULL,
      reference TEXT NOT NULL DEFAULT '',
      what_shared TEXT NOT NULL,
      consent TEXT NOT NULL,
      consent_reason TEXT NOT NULL DEFAULT '',
      acknowledgement_due TEXT NOT NULL,
      acknowledged_at TEXT,
      acknowledgement_note TEXT NOT NULL DEFAULT '',
      outcome_due TEXT NOT NULL,
      outcome_at TEXT,
      outcome TEXT,
      outcome_summary TEXT NOT NULL DEFAULT '',
      recorded_by TEXT NOT NULL REFERENCES users(id),
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX referrals_awaiting ON referrals (outcome_at, acknowledged_at, acknowledgement_due);
    CREATE INDEX referrals_by_pupil ON referrals (pupil_id, referred_at);

    CREATE TABLE referral_chases (
      id TEXT PRIMARY KEY,
      referral_id TEXT NOT NULL REFERENCES referrals(id),
      chased_at TEXT NOT NULL,
      chased_by TEXT NOT NULL REFERENCES users(id),
      method TEXT NOT NULL,
      note TEXT NOT NULL
    );

    CREATE TABLE escalations (
      id TEXT PRIMARY KEY,
      referral_id TEXT NOT NULL REFERENCES referrals(id),
      started_at TEXT NOT NULL,
      started_by TEXT NOT NULL REFERENCES users(id),
      disagreement TEXT NOT NULL,
      stages TEXT NOT NULL,
      resolve_by TEXT NOT NULL,
      resolved_at TEXT,
      resolution TEXT
    );
    CREATE TABLE escalation_steps (
      id TEXT PRIMARY KEY,
      escalation_id TEXT NOT NULL REFERENCES escalations(id),
      stage INTEGER NOT NULL,
      taken_at TEXT NOT NULL,
      taken_by TEXT NOT NULL REFERENCES users(id),
      note TEXT NOT NULL
    );

    CREATE TABLE actions (
      id TEXT PRIMARY KEY,
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      concern_id TEXT REFERENCES concerns(id),
      title TEXT NOT NULL,
      owner_id TEXT NOT NULL REFERENCES users(id),
      due_on TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      completed_at TEXT,
      completed_by TEXT REFERENCES users(id),
      completion_notes TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX actions_open_by_due ON actions (completed_at, due_on);
    CREATE INDEX actions_by_pupil ON actions (pupil_id, due_on);

    CREATE TABLE reviews (
      id TEXT PRIMARY KEY,
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      title TEXT NOT NULL,
      interval_days INTEGER NOT NULL CHECK (interval_days > 0),
      next_due_on TEXT NOT NULL,
      owner_id TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      ended_at TEXT
    );
    CREATE INDEX reviews_due ON reviews (ended_at, next_due_on);
    CREATE TABLE review_records (
      id TEXT PRIMARY KEY,
      review_id TEXT NOT NULL REFERENCES reviews(id),
      reviewed_at TEXT NOT NULL,
      reviewed_by TEXT NOT NULL REFERENCES users(id),
      notes TEXT NOT NULL
    );

    CREATE TABLE status_flags (
      id TEXT PRIMARY KEY,
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      flag TEXT NOT NULL,
      start_date TEXT NOT NULL,
      end_date TEXT,
      source TEXT NOT NULL,
      recorded_by TEXT NOT NULL REFERENCES users(id),
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX status_flags_by_pupil ON status_flags (pupil_id, start_date);

    CREATE TABLE external_events (
      id TEXT PRIMARY KEY,
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      kind TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      summary TEXT NOT NULL,
      source TEXT NOT NULL DEFAULT '',
      significant INTEGER NOT NULL DEFAULT 0,
      recorded_by TEXT NOT NULL REFERENCES users(id),
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX external_events_by_pupil ON external_events (pupil_id, occurred_at);

    CREATE TABLE threshold_assessments (
      id TEXT PRIMARY KEY,
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      pack_id TEXT NOT NULL,
      indicators TEXT NOT NULL,
      suggested_level TEXT,
      suggested_band TEXT,
      judged_level TEXT NOT NULL,
      reasons TEXT NOT NULL CHECK (trim(reasons) <> ''),
      assessed_at TEXT NOT NULL,
      assessed_by TEXT NOT NULL REFERENCES users(id)
    );
    CREATE INDEX threshold_assessments_by_pupil ON threshold_assessments (pupil_id, assessed_at);

    -- Records of decisions are kept as written: a correction is a new record.
    CREATE TRIGGER decisions_kept BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'a decision cannot be deleted'); END;
    CREATE TRIGGER decisions_fixed BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'a decision cannot be edited: record a new one'); END;
    CREATE TRIGGER information_sharing_kept BEFORE DELETE ON information_sharing BEGIN SELECT RAISE(ABORT, 'the information-sharing log is append-only'); END;
    CREATE TRIGGER information_sharing_fixed BEFORE UPDATE ON information_sharing BEGIN SELECT RAISE(ABORT, 'the information-sharing log is append-only'); END;
    CREATE TRIGGER referrals_kept BEFORE DELETE ON referrals BEGIN SELECT RAISE(ABORT, 'a referral cannot be deleted'); END;
  `,
};
