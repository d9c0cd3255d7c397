// Concerns as stored, with their pupils and categories, at the level generators and benchmarks write them.
// What staff submit goes through concernLog.ts, which checks the form and the session first.
import { v7 as uuidv7 } from 'uuid';
import type { PupilPart } from '../../../shared/api';
import { schemaVersion, type Store } from '../store';
import { preparedOnce } from '../store/preparedOnce';
import { PUPIL_LIST_SEPARATOR, londonDateSql, minutesToReadSql, schoolYearSql } from '../store/migrations/0007-dated-links';
import { migration0016 } from '../store/migrations/0016-link-copies-folded';

export type ConcernStatus = 'new' | 'read' | 'open' | 'closed';

export interface NewConcern {
  /** A UUID v7; generated when absent. */
  id?: string;
  authorId: string;
  occurredAt: string;
  recordedAt: string;
  location: string;
  othersPresent: string;
  whatHappened: string;
  childWords: string;
  actionTaken: string;
  immediateDanger: boolean;
  urgent: boolean;
  spokenToDsl: 'yes' | 'no' | null;
  fgmPoliceReference: string;
  /** The child in the author's own words, when they could not choose from the roster; '' when they did. */
  childDescribed?: string;
  status: ConcernStatus;
  readAt: string | null;
  readBy: string | null;
  pupils: ReadonlyArray<{ pupilId: string; part: PupilPart }>;
  categories: readonly string[];
  /** For a concern stored as closed (generated history): closing always needs an outcome and a reason. */
  closure?: { outcome: string; reason: string; closedAt: string; closedBy: string };
}

export type StoredConcern = Required<Omit<NewConcern, 'closure'>>;

interface ConcernRow {
  id: string;
  author_id: string;
  occurred_at: string;
  recorded_at: string;
  location: string;
  others_present: string;
  what_happened: string;
  child_words: string;
  action_taken: string;
  immediate_danger: number;
  urgent: number;
  spoken_to_dsl: 'yes' | 'no' | null;
  fgm_police_reference: string;
  child_described: string;
  status: ConcernStatus;
  read_at: string | null;
  read_by: string | null;
}

const concernColumns = `id, author_id, occurred_at, recorded_at, location, others_present, what_happened, child_words, action_taken,
  immediate_danger, urgent, spoken_to_dsl, fgm_police_reference, status, read_at, read_by, outcome, closing_reason, closed_at, closed_by, category_count`;
const concernValues = `@id, @authorId, @occurredAt, @recordedAt, @location, @othersPresent, @whatHappened, @childWords, @actionTaken,
  @immediateDanger, @urgent, @spokenToDsl, @fgmPoliceReference, @status, @readAt, @readBy, @outcome, @closingReason, @closedAt, @closedBy, @categoryCount`;

function statementsFor(db: Store) {
  return {
    insert: db.prepare(`INSERT INTO concerns (${concernColumns}) VALUES (${concernValues})`),
    // A link's copies of its concern's date and school year and its pupil's year group go in with the row (migration
    // 0011): filled afterwards by trigger, each index on them was written twice, on two different pages.
    insertPupil: db.prepare(
      `INSERT INTO concern_pupils (concern_id, pupil_id, part, recorded_at, school_year, year_group)
       SELECT c.id, @pupilId, @part, c.recorded_at, ${schoolYearSql('c.recorded_on')}, (SELECT year_group FROM pupils WHERE id = @pupilId)
       FROM concerns c WHERE c.id = @concernId`,
    ),
    insertCategory: db.prepare('INSERT INTO concern_categories (concern_id, category, recorded_at) VALUES (?, ?, ?)'),
  };
}

/**
 * Statements naming columns that migration 0014 added, prepared apart on first use: the bulk writers (demo data) also
 * write schools into stores from before later steps, for the tests of those migrations, and a statement naming a
 * column the store does not have yet cannot even be prepared there.
 */
function childDescribedStatementsFor(db: Store) {
  return {
    insert: db.prepare(`INSERT INTO concerns (${concernColumns}, child_described) VALUES (${concernValues}, @childDescribed)`),
    // A DSL matching a pupil to a concern that described the child in words: the same copied columns, and who matched.
    matchPupil: db.prepare(
      `INSERT INTO concern_pupils (concern_id, pupil_id, part, recorded_at, school_year, year_group, matched_by, matched_at)
       SELECT c.id, @pupilId, @part, c.recorded_at, ${schoolYearSql('c.recorded_on')}, (SELECT year_group FROM pupils WHERE id = @pupilId), @matchedBy, @matchedAt
       FROM concerns c WHERE c.id = @concernId`,
    ),
    find: db.prepare(
      `SELECT id, author_id, occurred_at, recorded_at, location, others_present, what_happened, child_words, action_taken,
         immediate_danger, urgent, spoken_to_dsl, fgm_police_reference, child_described, status, read_at, read_by
       FROM concerns WHERE id = ?`,
    ),
  };
}

/** A concern's links in the order they were added (migration 0015 numbers them: the tables have no rowids since). */
function orderedLinkStatementsFor(db: Store) {
  return {
    pupils: db.prepare('SELECT pupil_id AS pupilId, part FROM concern_pupils WHERE concern_id = ? ORDER BY position'),
    categories: db.prepare('SELECT category FROM concern_categories WHERE concern_id = ? ORDER BY position').pluck(),
  };
}

/**
 * Since migration 0016 a concern goes in whole: its London dates, its pupils' count and list, and each link's place
 * among its concern's are written with the rows, so no trigger rewrites the concern (each rewrite also moved its
 * version) or a link after the insert; the triggers still fill them for a writer that leaves them out.
 */
function wholeConcernStatementsFor(db: Store) {
  return {
    insert: db.prepare(
      `INSERT INTO concerns (${concernColumns}, child_described, recorded_on, read_on, minutes_to_read, pupil_count, pupil_list)
       VALUES (${concernValues}, @childDescribed, ${londonDateSql('@recordedAt')}, ${londonDateSql('@readAt')}, ${minutesToReadSql('@recordedAt', '@readAt')}, @pupilCount, @pupilList)`,
    ),
    insertPupil: db.prepare(
      `INSERT INTO concern_pupils (concern_id, pupil_id, part, recorded_at, school_year, year_group, position)
       SELECT c.id, @pupilId, @part, c.recorded_at, ${schoolYearSql('c.recorded_on')}, (SELECT year_group FROM pupils WHERE id = @pupilId), @position
       FROM concerns c WHERE c.id = @concernId`,
    ),
    insertCategory: db.prepare('INSERT INTO concern_categories (concern_id, category, recorded_at, position) VALUES (?, ?, ?, ?)'),
  };
}

// Bulk writers insert thousands of concerns per connection.
const statements = preparedOnce(statementsFor);
/** Null on a store from before migration 0016 (the migrations' tests write those), which takes the older statements. */
const wholeConcernStatements = preparedOnce((db) => (schemaVersion(db) >= migration0016.version ? wholeConcernStatementsFor(db) : null));
const childDescribedStatements = preparedOnce(childDescribedStatementsFor);
const orderedLinkStatements = preparedOnce(orderedLinkStatementsFor);

/** Inserts a concern with its pupils and categories and returns its id. Call inside the caller's transaction. */
export function insertConcern(db: Store, concern: NewConcern): string {
  if (concern.status === 'closed' && !concern.closure) throw new Error('A closed concern needs an outcome and a reason.');
  const id = concern.id ?? uuidv7();
  const categories = new Set(concern.categories);
  const row = {
    id,
    authorId: concern.authorId,
    occurredAt: concern.occurredAt,
    recordedAt: concern.recordedAt,
    location: concern.location,
    othersPresent: concern.othersPresent,
    whatHappened: concern.whatHappened,
    childWords: concern.childWords,
    actionTaken: concern.actionTaken,
    immediateDanger: concern.immediateDanger ? 1 : 0,
    urgent: concern.urgent || concern.immediateDanger ? 1 : 0,
    spokenToDsl: concern.spokenToDsl,
    fgmPoliceReference: concern.fgmPoliceReference,
    status: concern.status,
    readAt: concern.readAt,
    readBy: concern.readBy,
    outcome: concern.closure?.outcome ?? null,
    closingReason: concern.closure?.reason ?? null,
    closedAt: concern.closure?.closedAt ?? null,
    closedBy: concern.closure?.closedBy ?? null,
    // Counted with the row, so a new concern never passes through the "uncategorised" index on its way in.
    categoryCount: categories.size,
  };
  const whole = wholeConcernStatements(db);
  if (whole) {
    const pupilList = concern.pupils.length > 0 ? concern.pupils.map((pupil) => pupil.pupilId).join(PUPIL_LIST_SEPARATOR) : null;
    whole.insert.run({ ...row, childDescribed: concern.childDescribed ?? '', pupilCount: concern.pupils.length, pupilList });
    concern.pupils.forEach((pupil, index) => whole.insertPupil.run({ concernId: id, pupilId: pupil.pupilId, part: pupil.part, position: index + 1 }));
    [...categories].forEach((category, index) => whole.insertCategory.run(id, category, concern.recordedAt, index + 1));
    return id;
  }
  const { insert, insertPupil, insertCategory } = statements(db);
  if (concern.childDescribed) childDescribedStatements(db).insert.run({ ...row, childDescribed: concern.childDescribed });
  else insert.run(row);
  for (const pupil of concern.pupils) insertPupil.run({ concernId: id, pupilId: pupil.pupilId, part: pupil.part });
  for (const category of categories) insertCategory.run(id, category, concern.recordedAt);
  return id;
}

/** The concern with its pupils (in the order given) and categories, or null when there is none with that id. */
export function readConcern(db: Store, id: string): StoredConcern | null {
  const { find } = childDescribedStatements(db);
  const { pupils, categories } = orderedLinkStatements(db);
  const row = find.get(id) as ConcernRow | undefined;
  if (!row) return null;
  return {
    id: row.id,
    authorId: row.author_id,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    location: row.location,
    othersPresent: row.others_present,
    whatHappened: row.what_happened,
    childWords: row.child_words,
    actionTaken: row.action_taken,
    immediateDanger: row.immediate_danger === 1,
    urgent: row.urgent === 1,
    spokenToDsl: row.spoken_to_dsl,
    fgmPoliceReference: row.fgm_police_reference,
    childDescribed: row.child_described,
    status: row.status,
    readAt: row.read_at,
    readBy: row.read_by,
    pupils: pupils.all(id) as StoredConcern['pupils'],
    categories: categories.all(id) as string[],
  };
}

/**
 * Links a pupil to a concern after it was stored, recording who matched it and when (a concern whose author described
 * the child in words). Checks nothing: the caller has. Call inside the caller's transaction.
 */
export function insertMatchedPupil(db: Store, match: { concernId: string; pupilId: string; part: PupilPart; matchedBy: string; matchedAt: string }): void {
  childDescribedStatements(db).matchPupil.run(match);
}

/** Whether a concern exists and names this pupil: how a handler checks an id sent beside a pupil's. */
export function concernAboutPupil(db: Store, concernId: string, pupilId: string): 'about' | 'other_pupil' | 'missing' {
  const pupils = db.prepare('SELECT pupil_id FROM concern_pupils WHERE concern_id = ?').pluck().all(concernId) as string[];
  if (pupils.length === 0) return db.prepare('SELECT 1 FROM concerns WHERE id = ?').get(concernId) ? 'other_pupil' : 'missing';
  return pupils.includes(pupilId) ? 'about' : 'other_pupil';
}
