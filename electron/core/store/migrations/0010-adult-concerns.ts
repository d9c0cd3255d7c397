import type { Migration } from './migration';

// Concerns and allegations about adults (KCSIE Part 4), kept apart from children's records: nothing here is joined by
// any child's query, count or export. A low-level concern and the allegation it was escalated to point at each other.
// A malicious allegation is removed on confirmation: its rows are deleted (secure_delete overwrites the freed pages)
// and only the fact of removal is kept, with no words, name or subject. `users.role` gains 'governor' (the chair of
// governors signs in only for this register, docs/decisions/0020).
export const migration0010: Migration = {
  version: 10,
  name: 'adult-concerns',
  widenCheck: { table: 'users', from: "role IN ('staff', 'dsl', 'head', 'admin')", to: "role IN ('staff', 'dsl', 'head', 'admin', 'governor')" },
  sql: `
    CREATE TABLE adult_concerns (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('low_level', 'allegation')),
      author_id TEXT NOT NULL REFERENCES users(id),
      recorded_at TEXT NOT NULL,
      self_report INTEGER NOT NULL CHECK (self_report IN (0, 1)),
      subject_user_id TEXT REFERENCES users(id),
      subject_name TEXT NOT NULL,
      subject_role TEXT NOT NULL,
      subject_employer TEXT NOT NULL,
      subject_relationship TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      location TEXT NOT NULL,
      others_present TEXT NOT NULL,
      what_happened TEXT NOT NULL,
      child_harm TEXT NOT NULL CHECK (child_harm IN ('yes', 'not_sure', 'no')),
      read_at TEXT,
      read_by TEXT REFERENCES users(id),
      escalated_from TEXT REFERENCES adult_concerns(id),
      escalation_reason TEXT,
      case_manager_knew_at TEXT,
      lado_consulted_at TEXT,
      lado_officer TEXT,
      lado_advice TEXT,
      lado_reference TEXT,
      outcome TEXT CHECK (outcome IN ('substantiated', 'false', 'malicious', 'unsubstantiated', 'unfounded')),
      outcome_on TEXT,
      outcome_note TEXT,
      person_left_on TEXT,
      date_of_birth TEXT,
      CHECK (kind = 'allegation' OR (case_manager_knew_at IS NULL AND outcome IS NULL))
    );
    CREATE INDEX adult_concerns_by_kind ON adult_concerns (kind, recorded_at);
    CREATE INDEX adult_concerns_by_author ON adult_concerns (author_id, recorded_at);
    CREATE UNIQUE INDEX adult_concerns_escalated_once ON adult_concerns (escalated_from) WHERE escalated_from IS NOT NULL;
    -- What was written cannot be changed afterwards; later facts (read, LADO, outcome) are added beside it.
    CREATE TRIGGER adult_concerns_words_fixed BEFORE UPDATE OF kind, author_id, recorded_at, self_report, subject_user_id, subject_name, occurred_at, what_happened, child_harm ON adult_concerns
      BEGIN SELECT RAISE(ABORT, 'what was written about an adult cannot be edited'); END;

    CREATE TABLE adult_concern_responses (
      id TEXT PRIMARY KEY,
      concern_id TEXT NOT NULL REFERENCES adult_concerns(id),
      kind TEXT NOT NULL,
      note TEXT NOT NULL,
      written_at TEXT NOT NULL,
      author_id TEXT NOT NULL REFERENCES users(id)
    );
    CREATE TABLE adult_concern_actions (
      id TEXT PRIMARY KEY,
      concern_id TEXT NOT NULL REFERENCES adult_concerns(id),
      kind TEXT NOT NULL,
      note TEXT NOT NULL,
      written_at TEXT NOT NULL,
      author_id TEXT NOT NULL REFERENCES users(id)
    );
    CREATE TABLE adult_concern_referrals (
      id TEXT PRIMARY KEY,
      concern_id TEXT NOT NULL REFERENCES adult_concerns(id),
      body TEXT NOT NULL CHECK (body IN ('dbs', 'tra')),
      referred_on TEXT NOT NULL,
      note TEXT NOT NULL,
      written_at TEXT NOT NULL,
      author_id TEXT NOT NULL REFERENCES users(id)
    );
    CREATE INDEX adult_concern_responses_by_concern ON adult_concern_responses (concern_id);
    CREATE INDEX adult_concern_actions_by_concern ON adult_concern_actions (concern_id);
    CREATE INDEX adult_concern_referrals_by_concern ON adult_concern_referrals (concern_id);

    -- What left the school from this register (the summary for the person concerned, the LADO referral summary):
    -- the register's own information-sharing log, since the children's log is keyed by pupil. Deleted with a
    -- removed malicious allegation, whose recipients and purposes would otherwise outlive it.
    CREATE TABLE adult_concern_exports (
      id TEXT PRIMARY KEY,
      concern_id TEXT NOT NULL REFERENCES adult_concerns(id),
      kind TEXT NOT NULL CHECK (kind IN ('person_summary', 'lado_referral')),
      recipient TEXT NOT NULL,
      purpose TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id)
    );
    CREATE INDEX adult_concern_exports_by_concern ON adult_concern_exports (concern_id);

    -- That a malicious allegation existed and was removed, when and by whom: no words, no name, no subject. The
    -- culture report still counts it by term (recorded_on) and outcome.
    CREATE TABLE adult_concern_removals (
      id TEXT PRIMARY KEY,
      recorded_on TEXT NOT NULL,
      outcome TEXT NOT NULL,
      removed_at TEXT NOT NULL,
      removed_by TEXT NOT NULL REFERENCES users(id)
    );
    CREATE TRIGGER adult_concern_removals_kept BEFORE DELETE ON adult_concern_removals BEGIN SELECT RAISE(ABORT, 'the record of a removal is kept'); END;
  `,
};
