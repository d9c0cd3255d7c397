// The report's running tallies (migration 0007) count concerns up to a mark (migration 0011); a save does not touch
// them. Before a report counts, everything stored since the mark is folded in here, in one pass per tally: a report
// pays for the concerns since the last report (a few dozen on a school day), and a save writes no tally page.
import type { Store } from '../store';

function statementsFor(db: Store) {
  return {
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
    moveMark: db.prepare('UPDATE report_tally_mark SET concerns_to = @to WHERE id = 1'),
  };
}

const prepared = new WeakMap<Store, ReturnType<typeof statementsFor>>();

/**
 * Counts the concerns stored since the last report into the tallies: all of them, or at most `limit` at a time (after a
 * bulk import, tens of thousands take seconds to fold). Runs in (or as) a write transaction; true once caught up.
 */
export function bringTalliesUpToDate(db: Store, limit = Number.POSITIVE_INFINITY): boolean {
  let query = prepared.get(db);
  if (!query) {
    query = statementsFor(db);
    prepared.set(db, query);
  }
  const { mark, last, readingDays, categoryDays, pupilYears, moveMark } = query;
  return db.transaction(() => {
    const from = mark.get() as number;
    const newest = last.get() as number;
    const range = { from, to: Math.min(newest, from + limit) };
    if (range.to <= range.from) return true;
    readingDays.run(range);
    categoryDays.run(range);
    pupilYears.run(range);
    moveMark.run(range);
    return range.to === newest;
  })();
}
