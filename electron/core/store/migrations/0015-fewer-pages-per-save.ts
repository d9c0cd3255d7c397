import type { Migration } from './migration';
import { schoolYearSql } from './0007-dated-links';

/**
 * Rebuilds a table in SQLite's documented way (create, copy, drop, then its indexes and triggers again), for the
 * changes ALTER TABLE cannot make. The old table is renamed out of the way first with legacy_alter_table on, so the
 * triggers of other tables that name it (the queue's, the roster's) are left as they are and find the new table under
 * the same name. Without it SQLite would rewrite those triggers to follow the old table aside, and refuses the other
 * order (a new table renamed over the dropped one's name) because they would name a table that is gone meanwhile.
 */
const rebuilt = (table: string, create: string, columns: string, select: string, after: string) => `
    ALTER TABLE ${table} RENAME TO ${table}_before_0015;
    ${create}
    INSERT INTO ${table} (${columns}) SELECT ${select} FROM ${table}_before_0015;
    DROP TABLE ${table}_before_0015;
    ${after}`;

/** The order the links went in, from the old table's rowids: the form's order, which the record and the queue show. */
const positionInConcern = 'row_number() OVER (PARTITION BY concern_id ORDER BY rowid)';

/** A link's place after the concern's others, for the rows the WITHOUT ROWID tables no longer number themselves. */
const placedLast = (table: string, key: string) => `
    CREATE TRIGGER ${table}_in_order AFTER INSERT ON ${table} WHEN NEW.position IS NULL BEGIN
      UPDATE ${table} SET position = (SELECT coalesce(max(position), 0) + 1 FROM ${table} WHERE concern_id = NEW.concern_id)
        WHERE concern_id = NEW.concern_id AND ${key} = NEW.${key};
    END;`;

const tallied = (rowid: string) => `${rowid} <= (SELECT concerns_to FROM report_tally_mark)`;

// A concern's save wrote about 34 pages to the write-ahead log (decision 0017, issue 14 asks for 15): at least one page
// in each b-tree it touches. This step takes away b-trees that hold nothing a query needs:
// - The link tables (a concern's pupils, categories and body-map marks) and the record of stored envelopes become
//   WITHOUT ROWID: each was a table keyed by rowid plus an index on its real key, two b-trees written per row; now the
//   table is kept in its key's order, one b-tree. Nothing joined them by rowid; the record and the queue read links in
//   the order they were added (rowid), which a position column now holds (numbered from the old rowids here, and by
//   trigger for new links, so the repository's bulk writers work unchanged on any schema).
// - The record of stored envelopes loses its second unique index, on the concern's id: the id is made new by the save
//   that stores the envelope (a UUID v7), so no two rows could share one, and nothing looks a row up by it. What it
//   is for, one envelope stored once, is its key.
// - The assignee index holds only assigned concerns: a new concern is unassigned, so it no longer writes a page there.
//   The "unassigned" filter used its NULL entries; the status index now carries the assignee for it instead.
export const migration0015: Migration = {
  version: 15,
  name: 'fewer-pages-per-save',
  sql: `
    PRAGMA legacy_alter_table = ON;
    ${rebuilt(
      'concern_pupils',
      `CREATE TABLE concern_pupils (
      concern_id TEXT NOT NULL REFERENCES concerns(id),
      pupil_id TEXT NOT NULL REFERENCES pupils(id),
      part TEXT NOT NULL,
      dsl_part TEXT,
      recorded_at TEXT,
      school_year INTEGER,
      year_group TEXT,
      matched_by TEXT REFERENCES users(id),
      matched_at TEXT,
      position INTEGER,
      PRIMARY KEY (concern_id, pupil_id)
    ) WITHOUT ROWID;`,
      'concern_id, pupil_id, part, dsl_part, recorded_at, school_year, year_group, matched_by, matched_at, position',
      `concern_id, pupil_id, part, dsl_part, recorded_at, school_year, year_group, matched_by, matched_at, ${positionInConcern}`,
      `
    CREATE INDEX concern_pupils_by_pupil ON concern_pupils (pupil_id, recorded_at, concern_id);
    CREATE INDEX concern_pupils_by_year_group ON concern_pupils (year_group, recorded_at, concern_id);
    CREATE INDEX concern_pupils_by_school_year ON concern_pupils (school_year, pupil_id, recorded_at);
    CREATE TRIGGER concern_pupils_fixed BEFORE DELETE ON concern_pupils BEGIN SELECT RAISE(ABORT, 'a concern cannot lose a pupil'); END;
    CREATE TRIGGER concern_pupils_match_fixed BEFORE UPDATE OF matched_by, matched_at ON concern_pupils
      BEGIN SELECT RAISE(ABORT, 'who matched a pupil to a concern cannot be changed'); END;
    ${placedLast('concern_pupils', 'pupil_id')}
    CREATE TRIGGER concern_pupils_dated AFTER INSERT ON concern_pupils BEGIN
      UPDATE concern_pupils SET
        (recorded_at, school_year) = (SELECT c.recorded_at, ${schoolYearSql('c.recorded_on')} FROM concerns c WHERE c.id = NEW.concern_id),
        year_group = (SELECT p.year_group FROM pupils p WHERE p.id = NEW.pupil_id)
        WHERE concern_id = NEW.concern_id AND pupil_id = NEW.pupil_id AND recorded_at IS NULL;
      UPDATE concerns SET pupil_count = pupil_count + 1, pupil_list = coalesce(pupil_list || char(31), '') || NEW.pupil_id WHERE id = NEW.concern_id;
      INSERT INTO concern_pupil_years (school_year, pupil_id, concerns)
        SELECT cp.school_year, cp.pupil_id, 1 FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id
        WHERE cp.concern_id = NEW.concern_id AND cp.pupil_id = NEW.pupil_id AND ${tallied('c.rowid')}
        ON CONFLICT (school_year, pupil_id) DO UPDATE SET concerns = concerns + 1;
      INSERT OR IGNORE INTO concern_category_years (category, year_group, recorded_at, concern_id, status)
        SELECT cc.category, cp.year_group, c.recorded_at, c.id, c.status
        FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id JOIN concern_categories cc ON cc.concern_id = cp.concern_id
        WHERE cp.concern_id = NEW.concern_id AND cp.pupil_id = NEW.pupil_id AND cp.year_group IS NOT NULL;
    END;
    CREATE TRIGGER concern_pupils_year_moved AFTER UPDATE OF year_group ON concern_pupils
      WHEN OLD.year_group IS NOT NEW.year_group AND OLD.recorded_at IS NOT NULL BEGIN
      DELETE FROM concern_category_years
        WHERE category IN (SELECT category FROM concern_categories WHERE concern_id = NEW.concern_id)
          AND year_group = OLD.year_group AND recorded_at = NEW.recorded_at AND concern_id = NEW.concern_id
          AND NOT EXISTS (SELECT 1 FROM concern_pupils other WHERE other.concern_id = NEW.concern_id AND other.year_group = OLD.year_group);
      INSERT OR IGNORE INTO concern_category_years (category, year_group, recorded_at, concern_id, status)
        SELECT cc.category, NEW.year_group, c.recorded_at, c.id, c.status
        FROM concern_categories cc JOIN concerns c ON c.id = cc.concern_id
        WHERE cc.concern_id = NEW.concern_id AND NEW.year_group IS NOT NULL;
    END;`,
    )}
    ${rebuilt(
      'concern_categories',
      `CREATE TABLE concern_categories (
      concern_id TEXT NOT NULL REFERENCES concerns(id),
      category TEXT NOT NULL,
      recorded_at TEXT,
      position INTEGER,
      PRIMARY KEY (concern_id, category)
    ) WITHOUT ROWID;`,
      'concern_id, category, recorded_at, position',
      `concern_id, category, recorded_at, ${positionInConcern}`,
      `
    CREATE INDEX concern_categories_by_category ON concern_categories (category, recorded_at, concern_id);
    CREATE TRIGGER concern_categories_kept BEFORE DELETE ON concern_categories BEGIN SELECT RAISE(ABORT, 'a concern cannot lose a category'); END;
    ${placedLast('concern_categories', 'category')}
    CREATE TRIGGER concern_categories_dated AFTER INSERT ON concern_categories BEGIN
      UPDATE concern_categories SET recorded_at = (SELECT c.recorded_at FROM concerns c WHERE c.id = NEW.concern_id)
        WHERE concern_id = NEW.concern_id AND category = NEW.category AND recorded_at IS NULL;
      UPDATE concerns SET category_count = (SELECT count(*) FROM concern_categories WHERE concern_id = NEW.concern_id)
        WHERE id = NEW.concern_id AND category_count < (SELECT count(*) FROM concern_categories WHERE concern_id = NEW.concern_id);
      INSERT INTO concern_category_days (category, recorded_on, concerns)
        SELECT NEW.category, recorded_on, 1 FROM concerns WHERE id = NEW.concern_id AND ${tallied('rowid')}
        ON CONFLICT (category, recorded_on) DO UPDATE SET concerns = concerns + 1;
      INSERT OR IGNORE INTO concern_category_years (category, year_group, recorded_at, concern_id, status)
        SELECT NEW.category, cp.year_group, c.recorded_at, c.id, c.status
        FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id
        WHERE cp.concern_id = NEW.concern_id AND cp.year_group IS NOT NULL;
    END;`,
    )}
    ${rebuilt(
      'concern_body_marks',
      `CREATE TABLE concern_body_marks (
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
    ) WITHOUT ROWID;`,
      'concern_id, position, view, x, y, size, colour, shape, child_explanation',
      'concern_id, position, view, x, y, size, colour, shape, child_explanation',
      `
    CREATE TRIGGER concern_body_marks_immutable BEFORE UPDATE ON concern_body_marks BEGIN SELECT RAISE(ABORT, 'a submitted concern cannot be edited'); END;
    CREATE TRIGGER concern_body_marks_kept BEFORE DELETE ON concern_body_marks BEGIN SELECT RAISE(ABORT, 'a submitted concern cannot be edited'); END;`,
    )}
    ${rebuilt(
      'intake_ingested',
      `CREATE TABLE intake_ingested (
      envelope_id TEXT PRIMARY KEY,
      concern_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      ingested_at TEXT NOT NULL
    ) WITHOUT ROWID;`,
      'envelope_id, concern_id, account_id, recorded_at, ingested_at',
      'envelope_id, concern_id, account_id, recorded_at, ingested_at',
      '',
    )}
    PRAGMA legacy_alter_table = OFF;

    DROP INDEX concerns_by_assignee;
    CREATE INDEX concerns_by_assignee ON concerns (assigned_to, status, recorded_at) WHERE assigned_to IS NOT NULL;
    -- The "unassigned" filter counted and chose from the full assignee index; now the status index carries who is
    -- assigned, so it is answered there without reading a concern's row.
    DROP INDEX concerns_by_status;
    CREATE INDEX concerns_by_status ON concerns (status, immediate_danger DESC, urgent DESC, recorded_at, assigned_to);
  `,
};
