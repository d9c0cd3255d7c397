import type { Migration } from './migration';
import { londonDateSql, schoolYearSql } from './0007-dated-links';

const millisecondsSql = (instant: string) => `CAST(round(julianday(${instant}) * 86400000) AS INTEGER)`;
const minutesToReadSql = (recordedAt: string, readAt: string) =>
  `(CASE WHEN ${readAt} IS NULL THEN NULL ELSE max(0, (${millisecondsSql(readAt)} - ${millisecondsSql(recordedAt)} + 30000) / 60000) END)`;

/** True when the concern with this rowid is already counted in the report's tallies. */
const tallied = (rowid: string) => `${rowid} <= (SELECT concerns_to FROM report_tally_mark)`;

// A concern's save wrote about 38 pages to the write-ahead log on the 150,000-concern school (decision 0017). This step
// takes away the work that need not happen at save time:
// - The three report tallies of 0007 are no longer kept by the save. They cover concerns up to a mark
//   (report_tally_mark) and the report folds in everything after the mark before it counts (reports/reportTallies.ts),
//   so a save writes no tally page and a report pays for the concerns since the last one. A concern already counted
//   that is read for the first time, or gains a link, still moves its tally at once.
// - A link's copied columns (its concern's date, the school year, the pupil's year group) used to be filled by an
//   UPDATE after the INSERT, so each index on them was written twice (once with NULLs, once with the values, on two
//   different pages). The repository now inserts them with the row; the triggers fill them only when a bulk writer
//   left them empty.
// - A concern's category count is inserted with the concern and the trigger only recounts when a category arrives
//   later, so a new concern no longer passes through the "uncategorised" index on its way in.
// - Open concerns are no longer entered in the closed-date index (NULL dates were one more page per save).
// And one thing is added for the queue: concern_category_years holds each concern once per category and year group of
// its pupils (their year group now), with its status and date, so a page filtered by both counts a contiguous range of
// one index instead of checking 20–30 thousand candidates one by one. Triggers keep it in step when a pupil moves up a
// year, a concern's status changes, or a link or category is added. It replaces the (concern, year group) index, which
// only that filter used.
export const migration0011: Migration = {
  version: 11,
  name: 'lighter-saves',
  sql: `
    CREATE TABLE report_tally_mark (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      -- The highest concerns.rowid the tallies count. Concerns are never deleted, so rowids only grow.
      concerns_to INTEGER NOT NULL
    );
    INSERT INTO report_tally_mark (id, concerns_to) VALUES (1, coalesce((SELECT max(rowid) FROM concerns), 0));

    CREATE TABLE concern_category_years (
      category TEXT NOT NULL,
      year_group TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      concern_id TEXT NOT NULL,
      status TEXT NOT NULL,
      PRIMARY KEY (category, year_group, recorded_at, concern_id)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO concern_category_years (category, year_group, recorded_at, concern_id, status)
      SELECT cc.category, cp.year_group, c.recorded_at, c.id, c.status
      FROM concern_categories cc JOIN concern_pupils cp ON cp.concern_id = cc.concern_id JOIN concerns c ON c.id = cc.concern_id
      WHERE cp.year_group IS NOT NULL;

    DROP TRIGGER concerns_dated;
    CREATE TRIGGER concerns_dated AFTER INSERT ON concerns BEGIN
      UPDATE concerns SET
        recorded_on = ${londonDateSql('NEW.recorded_at')},
        read_on = ${londonDateSql('NEW.read_at')},
        minutes_to_read = ${minutesToReadSql('NEW.recorded_at', 'NEW.read_at')}
      WHERE id = NEW.id;
    END;

    DROP TRIGGER concerns_read_dated;
    CREATE TRIGGER concerns_read_dated AFTER UPDATE OF read_at ON concerns WHEN OLD.read_at IS NOT NEW.read_at BEGIN
      UPDATE concern_reading_days SET concerns = concerns - 1
        WHERE recorded_on = OLD.recorded_on AND read_on = coalesce(OLD.read_on, '') AND ${tallied('NEW.rowid')};
      UPDATE concerns SET read_on = ${londonDateSql('NEW.read_at')}, minutes_to_read = ${minutesToReadSql('NEW.recorded_at', 'NEW.read_at')} WHERE id = NEW.id;
      INSERT INTO concern_reading_days (recorded_on, read_on, concerns)
        SELECT recorded_on, coalesce(read_on, ''), 1 FROM concerns WHERE id = NEW.id AND ${tallied('rowid')}
        ON CONFLICT (recorded_on, read_on) DO UPDATE SET concerns = concerns + 1;
    END;

    CREATE TRIGGER concerns_status_for_queue AFTER UPDATE OF status ON concerns WHEN OLD.status IS NOT NEW.status BEGIN
      UPDATE concern_category_years SET status = NEW.status
        WHERE category IN (SELECT category FROM concern_categories WHERE concern_id = NEW.id)
          AND year_group IN (SELECT year_group FROM concern_pupils WHERE concern_id = NEW.id)
          AND recorded_at = NEW.recorded_at AND concern_id = NEW.id;
    END;

    DROP TRIGGER concern_pupils_dated;
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

    -- A pupil moving up a year (or a roster correction) moves their concerns in the queue's category × year groups.
    -- The bulk fill of an inserted link (OLD.recorded_at IS NULL) is not a move: the insert trigger above counts it.
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
    END;

    DROP TRIGGER concern_categories_dated;
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
    END;

    DROP INDEX concerns_by_closed;
    CREATE INDEX concerns_by_closed ON concerns (closed_at) WHERE closed_at IS NOT NULL;
    DROP INDEX concern_pupils_year_groups;
  `,
};
