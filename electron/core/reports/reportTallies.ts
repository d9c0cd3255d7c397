// The report's running tallies (migration 0007) and the links' dated copies that filters and reports walk (migration
// 0016) cover concerns up to a mark (migration 0011); a save does not touch them. Before a report counts or the queue
// filters, everything stored since the mark is folded in here, in one pass per copy: the reader pays for the concerns
// since the last fold (a few dozen on a school day, written together in few pages), and a save writes none of them.
import type { Store } from '../store';
import { preparedOnce } from '../store/preparedOnce';

const statements = preparedOnce((db) => ({
  mark: db.prepare('SELECT concerns_to FROM report_tally_mark WHERE id = 1').pluck(),
  last: db.prepare('SELECT coalesce(max(rowid), 0) FROM concerns').pluck(),
  readingDays: db.prepare(
    `INSERT INTO concern_reading_days (recorded_on, read_on, concerns)
     SELECT recorded_on, coalesce(read_on, ''), count(*) FROM concerns WHERE rowid > @from AND rowid <= @to GROUP BY 1, 2
     ON CONFLICT (recorded_on, read_on) DO UPDATE SET concerns = concerns + excluded.concerns`,
  ),
  categoryDays: db.prepare(
    `INSERT INTO concern_category_days (category, recorded_on, concerns)
     SELECT cc.category, c.recorded_on, count(*) FROM concerns c JOIN concern_categories cc ON cc.concern_id = c.id
     WHERE c.rowid > @from AND c.rowid <= @to GROUP BY 1, 2
     ON CONFLICT (category, recorded_on) DO UPDATE SET concerns = concerns + excluded.concerns`,
  ),
  pupilYears: db.prepare(
    `INSERT INTO concern_pupil_years (school_year, pupil_id, concerns)
     SELECT cp.school_year, cp.pupil_id, count(*) FROM concerns c JOIN concern_pupils cp ON cp.concern_id = c.id
     WHERE c.rowid > @from AND c.rowid <= @to GROUP BY 1, 2
     ON CONFLICT (school_year, pupil_id) DO UPDATE SET concerns = concerns + excluded.concerns`,
  ),
  categoryDates: db.prepare(
    `INSERT OR IGNORE INTO concern_category_dates (category, recorded_at, concern_id, status, immediate_danger, urgent)
     SELECT cc.category, c.recorded_at, c.id, c.status, c.immediate_danger, c.urgent FROM concerns c JOIN concern_categories cc ON cc.concern_id = c.id
     WHERE c.rowid > @from AND c.rowid <= @to`,
  ),
  yearGroupDates: db.prepare(
    `INSERT OR IGNORE INTO concern_year_group_dates (year_group, recorded_at, concern_id, status, immediate_danger, urgent)
     SELECT cp.year_group, c.recorded_at, c.id, c.status, c.immediate_danger, c.urgent FROM concerns c JOIN concern_pupils cp ON cp.concern_id = c.id
     WHERE c.rowid > @from AND c.rowid <= @to AND cp.year_group IS NOT NULL`,
  ),
  pupilSchoolYears: db.prepare(
    `INSERT OR IGNORE INTO concern_pupil_school_years (school_year, pupil_id, recorded_at, concern_id)
     SELECT cp.school_year, cp.pupil_id, c.recorded_at, c.id FROM concerns c JOIN concern_pupils cp ON cp.concern_id = c.id
     WHERE c.rowid > @from AND c.rowid <= @to`,
  ),
  categoryYears: db.prepare(
    `INSERT OR IGNORE INTO concern_category_years (category, year_group, recorded_at, concern_id, status, immediate_danger, urgent)
     SELECT cc.category, cp.year_group, c.recorded_at, c.id, c.status, c.immediate_danger, c.urgent
     FROM concerns c JOIN concern_pupils cp ON cp.concern_id = c.id JOIN concern_categories cc ON cc.concern_id = c.id
     WHERE c.rowid > @from AND c.rowid <= @to AND cp.year_group IS NOT NULL`,
  ),
  authorDates: db.prepare(
    `INSERT OR IGNORE INTO concern_author_dates (author_id, recorded_at, concern_id)
     SELECT author_id, recorded_at, id FROM concerns WHERE rowid > @from AND rowid <= @to`,
  ),
  moveMark: db.prepare('UPDATE report_tally_mark SET concerns_to = @to WHERE id = 1'),
}));

/**
 * Counts the concerns stored since the last fold into the tallies and copies: all of them, or at most `limit` at a
 * time (after a bulk import, tens of thousands take seconds to fold). Runs in (or as) a write transaction; true once caught up.
 */
export function bringTalliesUpToDate(db: Store, limit = Number.POSITIVE_INFINITY): boolean {
  const { mark, last, moveMark, ...copies } = statements(db);
  return db.transaction(() => {
    const from = mark.get() as number;
    const newest = last.get() as number;
    const range = { from, to: Math.min(newest, from + limit) };
    if (range.to <= range.from) return true;
    for (const copy of Object.values(copies)) copy.run(range);
    moveMark.run(range);
    return range.to === newest;
  })();
}
