import type { Migration } from './migration';
import { londonDateSql, minutesToReadSql, schoolYearSql } from './0007-dated-links';

/** True when the concern with this rowid is already in the report's tallies and the links' dated copies. */
const folded = (rowid: string) => `${rowid} <= (SELECT concerns_to FROM report_tally_mark)`;

/** The report tallies' fold (reports/reportTallies.ts) for every concern after the mark, so one mark covers all. */
const foldTalliesToTheEnd = `
    INSERT INTO concern_reading_days (recorded_on, read_on, concerns)
      SELECT recorded_on, coalesce(read_on, ''), count(*) FROM concerns WHERE rowid > (SELECT concerns_to FROM report_tally_mark) GROUP BY 1, 2
      ON CONFLICT (recorded_on, read_on) DO UPDATE SET concerns = concerns + excluded.concerns;
    INSERT INTO concern_category_days (category, recorded_on, concerns)
      SELECT cc.category, c.recorded_on, count(*) FROM concerns c JOIN concern_categories cc ON cc.concern_id = c.id
      WHERE c.rowid > (SELECT concerns_to FROM report_tally_mark) GROUP BY 1, 2
      ON CONFLICT (category, recorded_on) DO UPDATE SET concerns = concerns + excluded.concerns;
    INSERT INTO concern_pupil_years (school_year, pupil_id, concerns)
      SELECT cp.school_year, cp.pupil_id, count(*) FROM concerns c JOIN concern_pupils cp ON cp.concern_id = c.id
      WHERE c.rowid > (SELECT concerns_to FROM report_tally_mark) GROUP BY 1, 2
      ON CONFLICT (school_year, pupil_id) DO UPDATE SET concerns = concerns + excluded.concerns;
    UPDATE report_tally_mark SET concerns_to = coalesce((SELECT max(rowid) FROM concerns), 0);`;

/** What the queue's filters need of a concern besides its date, copied beside each link so no concern is read. */
const queueColumns = 'status, immediate_danger, urgent';
const queueValues = (concern: string) => `${concern}.status, ${concern}.immediate_danger, ${concern}.urgent`;

// A concern's save wrote about 27 pages to the write-ahead log on the 150,000-concern school (decision 0017; issue 14
// asks for 15). Most of the rest were the link indexes a filter or a report walks by category, year group or school
// year: each new link lands at the end of its category's (or year group's) range, in the middle of the index, where
// SQLite rebalances a full leaf with its neighbours, so two categories cost three or four pages in each such index.
// None of them is needed by the person saving, or by the child's chronology (which keeps its index by pupil).
// This step makes them copies kept up to the report tallies' mark (migration 0011) and folded in with the tallies:
// - concern_category_dates replaces the category index, concern_year_group_dates the year-group index and
//   concern_pupil_school_years the school-year index; the queue's category × year-group copy (0011) is folded too.
// - The queue's copies carry each concern's status, danger and urgency (the status kept in step by trigger; the other
//   two never change), so a filter counts, sorts and pages from its copy alone and the index that let it check
//   concerns by id without reading them (concerns_for_queue, 0007) is no longer written by a save either.
// - The author index becomes a copy too (concern_author_dates): a member of staff's own list reads it and the few
//   concerns after the mark, the report reads it once folded.
// - A save (whose concern is always after the mark) writes none of them. Whatever reads them folds first
//   (reports/reportTallies.ts `bringTalliesUpToDate`, called by the queue and the reports in their write transaction),
//   so what a filter or a report sees is exactly what the triggers would have kept.
// - A link added to, or a year group moved on, a concern already folded still moves the copies at once, as the
//   tallies' triggers do.
// - The priority index holds only the pressing concerns; the queue reads the rest of its priority order from the
//   date index (casework/queue.ts).
// The tallies are first brought up to every concern stored, so one mark means the same for all of them.
export const migration0016: Migration = {
  version: 16,
  name: 'link-copies-folded',
  sql: `
    ${foldTalliesToTheEnd}

    CREATE TABLE concern_category_dates (
      category TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      concern_id TEXT NOT NULL,
      status TEXT NOT NULL,
      immediate_danger INTEGER NOT NULL,
      urgent INTEGER NOT NULL,
      PRIMARY KEY (category, recorded_at, concern_id)
    ) WITHOUT ROWID;
    INSERT INTO concern_category_dates (category, recorded_at, concern_id, ${queueColumns})
      SELECT cc.category, c.recorded_at, c.id, ${queueValues('c')} FROM concern_categories cc JOIN concerns c ON c.id = cc.concern_id;
    DROP INDEX concern_categories_by_category;

    CREATE TABLE concern_year_group_dates (
      year_group TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      concern_id TEXT NOT NULL,
      status TEXT NOT NULL,
      immediate_danger INTEGER NOT NULL,
      urgent INTEGER NOT NULL,
      PRIMARY KEY (year_group, recorded_at, concern_id)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO concern_year_group_dates (year_group, recorded_at, concern_id, ${queueColumns})
      SELECT cp.year_group, c.recorded_at, c.id, ${queueValues('c')} FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id
      WHERE cp.year_group IS NOT NULL;
    DROP INDEX concern_pupils_by_year_group;

    ALTER TABLE concern_category_years ADD COLUMN immediate_danger INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE concern_category_years ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
    UPDATE concern_category_years SET (immediate_danger, urgent) = (SELECT c.immediate_danger, c.urgent FROM concerns c WHERE c.id = concern_id);

    CREATE TABLE concern_pupil_school_years (
      school_year INTEGER NOT NULL,
      pupil_id TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      concern_id TEXT NOT NULL,
      PRIMARY KEY (school_year, pupil_id, recorded_at, concern_id)
    ) WITHOUT ROWID;
    INSERT INTO concern_pupil_school_years (school_year, pupil_id, recorded_at, concern_id)
      SELECT ${schoolYearSql('c.recorded_on')}, cp.pupil_id, c.recorded_at, c.id FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id;
    DROP INDEX concern_pupils_by_school_year;

    -- Who wrote which concern, for a member of staff's own list and the report's staff who logged nothing. The list
    -- reads the concerns after the mark from the concerns themselves (concernLog.ts), so it never has to fold.
    CREATE TABLE concern_author_dates (
      author_id TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      concern_id TEXT NOT NULL,
      PRIMARY KEY (author_id, recorded_at, concern_id)
    ) WITHOUT ROWID;
    INSERT INTO concern_author_dates (author_id, recorded_at, concern_id) SELECT author_id, recorded_at, id FROM concerns;
    DROP INDEX concerns_by_author;

    DROP INDEX concerns_for_queue;
    DROP TRIGGER concerns_status_for_queue;
    CREATE TRIGGER concerns_status_for_queue AFTER UPDATE OF status ON concerns WHEN OLD.status IS NOT NEW.status BEGIN
      UPDATE concern_category_years SET status = NEW.status
        WHERE category IN (SELECT category FROM concern_categories WHERE concern_id = NEW.id)
          AND year_group IN (SELECT year_group FROM concern_pupils WHERE concern_id = NEW.id)
          AND recorded_at = NEW.recorded_at AND concern_id = NEW.id;
      UPDATE concern_category_dates SET status = NEW.status
        WHERE category IN (SELECT category FROM concern_categories WHERE concern_id = NEW.id) AND recorded_at = NEW.recorded_at AND concern_id = NEW.id;
      UPDATE concern_year_group_dates SET status = NEW.status
        WHERE year_group IN (SELECT year_group FROM concern_pupils WHERE concern_id = NEW.id) AND recorded_at = NEW.recorded_at AND concern_id = NEW.id;
    END;

    -- A concern saved whole (concerns/concernsRepository.ts) comes with its London dates and its pupils' count and
    -- list; the triggers fill them only for a writer that leaves them out, so a save rewrites no concern (and does
    -- not move its version) after inserting it.
    DROP TRIGGER concerns_dated;
    CREATE TRIGGER concerns_dated AFTER INSERT ON concerns WHEN NEW.recorded_on IS NULL BEGIN
      UPDATE concerns SET
        recorded_on = ${londonDateSql('NEW.recorded_at')},
        read_on = ${londonDateSql('NEW.read_at')},
        minutes_to_read = ${minutesToReadSql('NEW.recorded_at', 'NEW.read_at')}
      WHERE id = NEW.id;
    END;

    DROP TRIGGER concern_pupils_dated;
    CREATE TRIGGER concern_pupils_dated AFTER INSERT ON concern_pupils BEGIN
      UPDATE concern_pupils SET
        (recorded_at, school_year) = (SELECT c.recorded_at, ${schoolYearSql('c.recorded_on')} FROM concerns c WHERE c.id = NEW.concern_id),
        year_group = (SELECT p.year_group FROM pupils p WHERE p.id = NEW.pupil_id)
        WHERE concern_id = NEW.concern_id AND pupil_id = NEW.pupil_id AND recorded_at IS NULL;
      UPDATE concerns SET pupil_count = pupil_count + 1, pupil_list = coalesce(pupil_list || char(31), '') || NEW.pupil_id
        WHERE id = NEW.concern_id AND instr(char(31) || coalesce(pupil_list, '') || char(31), char(31) || NEW.pupil_id || char(31)) = 0;
      INSERT INTO concern_pupil_years (school_year, pupil_id, concerns)
        SELECT cp.school_year, cp.pupil_id, 1 FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id
        WHERE cp.concern_id = NEW.concern_id AND cp.pupil_id = NEW.pupil_id AND ${folded('c.rowid')}
        ON CONFLICT (school_year, pupil_id) DO UPDATE SET concerns = concerns + 1;
      INSERT OR IGNORE INTO concern_pupil_school_years (school_year, pupil_id, recorded_at, concern_id)
        SELECT cp.school_year, cp.pupil_id, cp.recorded_at, cp.concern_id FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id
        WHERE cp.concern_id = NEW.concern_id AND cp.pupil_id = NEW.pupil_id AND ${folded('c.rowid')};
      INSERT OR IGNORE INTO concern_year_group_dates (year_group, recorded_at, concern_id, ${queueColumns})
        SELECT cp.year_group, c.recorded_at, c.id, ${queueValues('c')} FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id
        WHERE cp.concern_id = NEW.concern_id AND cp.pupil_id = NEW.pupil_id AND cp.year_group IS NOT NULL AND ${folded('c.rowid')};
      INSERT OR IGNORE INTO concern_category_years (category, year_group, recorded_at, concern_id, ${queueColumns})
        SELECT cc.category, cp.year_group, c.recorded_at, c.id, ${queueValues('c')}
        FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id JOIN concern_categories cc ON cc.concern_id = cp.concern_id
        WHERE cp.concern_id = NEW.concern_id AND cp.pupil_id = NEW.pupil_id AND cp.year_group IS NOT NULL AND ${folded('c.rowid')};
    END;

    -- A pupil moving up a year (or a roster correction) moves their folded concerns in the year-group copies; a concern
    -- not yet folded is copied with its pupils' year groups as they are when it is.
    DROP TRIGGER concern_pupils_year_moved;
    CREATE TRIGGER concern_pupils_year_moved AFTER UPDATE OF year_group ON concern_pupils
      WHEN OLD.year_group IS NOT NEW.year_group AND OLD.recorded_at IS NOT NULL BEGIN
      DELETE FROM concern_category_years
        WHERE category IN (SELECT category FROM concern_categories WHERE concern_id = NEW.concern_id)
          AND year_group = OLD.year_group AND recorded_at = NEW.recorded_at AND concern_id = NEW.concern_id
          AND NOT EXISTS (SELECT 1 FROM concern_pupils other WHERE other.concern_id = NEW.concern_id AND other.year_group = OLD.year_group);
      DELETE FROM concern_year_group_dates
        WHERE year_group = OLD.year_group AND recorded_at = NEW.recorded_at AND concern_id = NEW.concern_id
          AND NOT EXISTS (SELECT 1 FROM concern_pupils other WHERE other.concern_id = NEW.concern_id AND other.year_group = OLD.year_group);
      INSERT OR IGNORE INTO concern_category_years (category, year_group, recorded_at, concern_id, ${queueColumns})
        SELECT cc.category, NEW.year_group, c.recorded_at, c.id, ${queueValues('c')}
        FROM concern_categories cc JOIN concerns c ON c.id = cc.concern_id
        WHERE cc.concern_id = NEW.concern_id AND NEW.year_group IS NOT NULL AND ${folded('c.rowid')};
      INSERT OR IGNORE INTO concern_year_group_dates (year_group, recorded_at, concern_id, ${queueColumns})
        SELECT NEW.year_group, c.recorded_at, c.id, ${queueValues('c')} FROM concerns c
        WHERE c.id = NEW.concern_id AND NEW.year_group IS NOT NULL AND ${folded('c.rowid')};
    END;

    DROP TRIGGER concern_categories_dated;
    CREATE TRIGGER concern_categories_dated AFTER INSERT ON concern_categories BEGIN
      UPDATE concern_categories SET recorded_at = (SELECT c.recorded_at FROM concerns c WHERE c.id = NEW.concern_id)
        WHERE concern_id = NEW.concern_id AND category = NEW.category AND recorded_at IS NULL;
      UPDATE concerns SET category_count = (SELECT count(*) FROM concern_categories WHERE concern_id = NEW.concern_id)
        WHERE id = NEW.concern_id AND category_count < (SELECT count(*) FROM concern_categories WHERE concern_id = NEW.concern_id);
      INSERT INTO concern_category_days (category, recorded_on, concerns)
        SELECT NEW.category, recorded_on, 1 FROM concerns WHERE id = NEW.concern_id AND ${folded('rowid')}
        ON CONFLICT (category, recorded_on) DO UPDATE SET concerns = concerns + 1;
      INSERT OR IGNORE INTO concern_category_dates (category, recorded_at, concern_id, ${queueColumns})
        SELECT NEW.category, c.recorded_at, c.id, ${queueValues('c')} FROM concerns c WHERE c.id = NEW.concern_id AND ${folded('c.rowid')};
      INSERT OR IGNORE INTO concern_category_years (category, year_group, recorded_at, concern_id, ${queueColumns})
        SELECT NEW.category, cp.year_group, c.recorded_at, c.id, ${queueValues('c')}
        FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id
        WHERE cp.concern_id = NEW.concern_id AND cp.year_group IS NOT NULL AND ${folded('c.rowid')};
    END;

    -- The priority index holds only the concerns in immediate danger or marked urgent: the queue's priority order
    -- reads them from it and the rest from the date index (casework/queue.ts), so a routine save writes nothing here.
    DROP INDEX concerns_by_priority;
    CREATE INDEX concerns_by_priority ON concerns (immediate_danger DESC, urgent DESC, recorded_at) WHERE immediate_danger = 1 OR urgent = 1;
  `,
};
