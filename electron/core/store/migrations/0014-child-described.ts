import type { Migration } from './migration';

// Naming a child while the records are locked (docs/decisions/0023): the roster is inside the encrypted store, so a
// member of staff who logs a concern before a DSL has signed in types the child's name and class instead of choosing.
// - concerns.child_described: those words, as typed; '' when the child was chosen from the roster. They are part of
//   what the author wrote, so they join the words that can never be edited.
// - concern_pupils.matched_by / matched_at: who linked the pupil to such a concern afterwards, and when. Empty for a
//   child the author chose, so the record shows which links are the author's and which are the DSL's.
// No index on "not yet matched": pupil_count is 0 for every concern until its links go in, so each save would pass
// through such an index on its way in (the cost decision 0017 took out of the save); the queue reads the column.
export const migration0014: Migration = {
  version: 14,
  name: 'child-described',
  sql: `
    ALTER TABLE concerns ADD COLUMN child_described TEXT NOT NULL DEFAULT '';
    ALTER TABLE concern_pupils ADD COLUMN matched_by TEXT REFERENCES users(id);
    ALTER TABLE concern_pupils ADD COLUMN matched_at TEXT;

    DROP TRIGGER concerns_words_immutable;
    CREATE TRIGGER concerns_words_immutable BEFORE UPDATE OF author_id, occurred_at, recorded_at, location, what_happened, child_words, action_taken, immediate_danger, others_present, urgent, spoken_to_dsl, fgm_police_reference, child_described ON concerns
      BEGIN SELECT RAISE(ABORT, 'a submitted concern cannot be edited'); END;
    CREATE TRIGGER concern_pupils_match_fixed BEFORE UPDATE OF matched_by, matched_at ON concern_pupils
      BEGIN SELECT RAISE(ABORT, 'who matched a pupil to a concern cannot be changed'); END;
  `,
};
