// The queue's category + year-group filter counts from concern_category_years (migration 0011), and its category and
// year-group filters and the report's school years walk dated copies of the links (migration 0016). All of them hold
// concerns up to a mark and are folded up to date before they are read; triggers keep the folded ones in step. Here
// they are held, through real commands and roster changes, to a direct count from the pupils' year groups as they are
// now: a copy that missed a September move, a status change, a later category or a new concern would disagree.
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDemoSchool } from '../../../../../electron/core/demoData';
import { bringTalliesUpToDate } from '../../../../../electron/core/reports/reportTallies';
import { migrations, openStore, type Store } from '../../../../../electron/core/store';
import { addCalendarDays, startOfLondonDay } from '../../../../../shared/calendar';
import { call, demoStoreBefore, newApp, setUpSchool, versionNow } from '../testSchool';

type App = ReturnType<typeof newApp>;
const TABS = ['all', 'new', 'open', 'closed'] as const;
const tabCondition = { all: '1 = 1', new: "c.status = 'new'", open: "c.status IN ('read', 'open')", closed: "c.status = 'closed'" };

/** The count straight from the definition: concerns in the category with a pupil in the year group today. */
function directCount(db: Store, tab: (typeof TABS)[number], category: string, yearGroup: string, from = '0000', to = '9999'): number {
  return db
    .prepare(
      `SELECT count(DISTINCT c.id) FROM concerns c
       JOIN concern_categories cc ON cc.concern_id = c.id
       JOIN concern_pupils cp ON cp.concern_id = c.id JOIN pupils p ON p.id = cp.pupil_id
       WHERE cc.category = ? AND p.year_group = ? AND ${tabCondition[tab]} AND c.recorded_at >= ? AND c.recorded_at < ?`,
    )
    .pluck()
    .get(category, yearGroup, from, to) as number;
}

/** Each copy, row for row, against its definition (status and dates included), once new concerns are folded in. */
function copyMatchesDefinition(db: Store): void {
  db.transaction(() => bringTalliesUpToDate(db))();
  const rows = (sql: string) => db.prepare(sql).all();
  const categoryYears = rows('SELECT category, year_group, recorded_at, concern_id, status, immediate_danger, urgent FROM concern_category_years ORDER BY 1, 2, 3, 4');
  expect(categoryYears.length).toBeGreaterThan(100);
  expect(categoryYears).toEqual(
    rows(
      `SELECT DISTINCT cc.category, p.year_group, c.recorded_at, c.id AS concern_id, c.status, c.immediate_danger, c.urgent FROM concerns c
       JOIN concern_categories cc ON cc.concern_id = c.id JOIN concern_pupils cp ON cp.concern_id = c.id JOIN pupils p ON p.id = cp.pupil_id
       WHERE p.year_group IS NOT NULL ORDER BY 1, 2, 3, 4`,
    ),
  );
  expect(rows('SELECT year_group, recorded_at, concern_id, status, immediate_danger, urgent FROM concern_year_group_dates ORDER BY 1, 2, 3')).toEqual(
    rows(
      `SELECT DISTINCT p.year_group, c.recorded_at, c.id AS concern_id, c.status, c.immediate_danger, c.urgent FROM concerns c
       JOIN concern_pupils cp ON cp.concern_id = c.id JOIN pupils p ON p.id = cp.pupil_id WHERE p.year_group IS NOT NULL ORDER BY 1, 2, 3`,
    ),
  );
  expect(rows('SELECT category, recorded_at, concern_id, status, immediate_danger, urgent FROM concern_category_dates ORDER BY 1, 2, 3')).toEqual(
    rows('SELECT cc.category, c.recorded_at, c.id AS concern_id, c.status, c.immediate_danger, c.urgent FROM concerns c JOIN concern_categories cc ON cc.concern_id = c.id ORDER BY 1, 2, 3'),
  );
  expect(rows('SELECT author_id, recorded_at, concern_id FROM concern_author_dates ORDER BY 1, 2, 3')).toEqual(rows('SELECT author_id, recorded_at, id AS concern_id FROM concerns ORDER BY 1, 2, 3'));
  expect(rows('SELECT school_year, pupil_id, recorded_at, concern_id FROM concern_pupil_school_years ORDER BY 1, 2, 3, 4')).toEqual(
    rows(
      `SELECT CAST(substr(c.recorded_on, 1, 4) AS INTEGER) - (substr(c.recorded_on, 6, 2) < '09') AS school_year, cp.pupil_id, c.recorded_at, c.id AS concern_id
       FROM concerns c JOIN concern_pupils cp ON cp.concern_id = c.id ORDER BY 1, 2, 3, 4`,
    ),
  );
}

async function queueTotalsMatch(app: App, db: Store, filters: Array<{ category: string; yearGroup: string; from?: string; to?: string }>): Promise<number> {
  let compared = 0;
  for (const filter of filters) {
    for (const tab of TABS) {
      const { total } = await call(app, 'queue.concerns', { tab, filters: filter, sort: 'newest', limit: 5 });
      // The filter's dates are London days, from the start of the first to the start of the day after the last.
      const from = filter.from ? startOfLondonDay(filter.from).toISOString() : undefined;
      const to = filter.to ? startOfLondonDay(addCalendarDays(filter.to, 1)).toISOString() : undefined;
      expect({ tab, ...filter, total }).toEqual({ tab, ...filter, total: directCount(db, tab, filter.category, filter.yearGroup, from, to) });
      compared += total;
    }
  }
  return compared;
}

describe('the queue’s category × year-group counts', () => {
  const app = newApp();
  let db: Store;
  let pupils: Array<{ id: string; year_group: string }>;
  const filters = [
    { category: 'neglect', yearGroup: '4' },
    { category: 'mental-health', yearGroup: '6' },
    { category: 'online-safety', yearGroup: '5' },
    { category: 'domestic-abuse', yearGroup: '3' },
  ];

  beforeAll(async () => {
    const { user } = await setUpSchool(app);
    db = app.store!;
    writeDemoSchool(db, { pupils: 150, concerns: 900, seed: 44, asOf: '2026-11-20', schoolYears: 2 }, { userId: user.id, door: 'test', now: new Date('2026-11-20T12:00:00Z') });
    pupils = db.prepare("SELECT id, year_group FROM pupils WHERE year_group IN ('3', '4', '5', '6') ORDER BY id").all() as typeof pupils;
  }, 60_000);

  it('agree with a direct count for a generated school, by tab and within dates', async () => {
    copyMatchesDefinition(db);
    const compared = await queueTotalsMatch(app, db, [...filters, { category: 'neglect', yearGroup: '4', from: '2025-09-01', to: '2026-03-31' }]);
    expect(compared).toBeGreaterThan(20);
  });

  it('follow new concerns, two pupils of one year group counted once, and status changes through the DSL’s work', async () => {
    const [first, second] = pupils.filter((pupil) => pupil.year_group === '4');
    const { id } = await call(app, 'concerns.submit', {
      pupils: [{ pupilId: first!.id, part: 'subject' }, { pupilId: second!.id, part: 'involved' }],
      occurredDate: '2026-11-19',
      occurredTime: '10:00',
      whatHappened: 'Both said there was no food at home over the weekend.',
      categories: ['neglect', 'mental-health'],
      bodyMap: [],
      actionTaken: 'Breakfast club; told the DSL.',
    } as never);
    // The save writes none of the copies; the next filter folds the concern in, once per category in its year group.
    const inCopy = () => db.prepare("SELECT count(*) FROM concern_category_years WHERE concern_id = ? AND year_group = '4'").pluck().get(id);
    expect(inCopy()).toBe(0);
    await queueTotalsMatch(app, db, filters);
    expect(inCopy()).toBe(2);
    await call(app, 'concerns.get', { concernId: id });
    await call(app, 'concerns.open', { concernId: id });
    await call(app, 'concerns.close', { concernId: id, version: versionNow(app, 'concern', id), outcome: 'monitored_resolved', reason: 'Support in place.' });
    copyMatchesDefinition(db);
    await queueTotalsMatch(app, db, filters);
  });

  it('move every concern with its pupils when the school year turns in September, and back for a correction', async () => {
    const next: Record<string, string> = { R: '1', '1': '2', '2': '3', '3': '4', '4': '5', '5': '6', '6': '7' };
    const moveUp = db.prepare('UPDATE pupils SET year_group = ? WHERE id = ?');
    db.transaction(() => {
      for (const pupil of db.prepare('SELECT id, year_group FROM pupils').all() as Array<{ id: string; year_group: string | null }>) {
        if (pupil.year_group && next[pupil.year_group]) moveUp.run(next[pupil.year_group], pupil.id);
      }
    })();
    copyMatchesDefinition(db);
    expect(await queueTotalsMatch(app, db, [...filters, { category: 'neglect', yearGroup: '7' }])).toBeGreaterThan(20);

    // One pupil of a concern about two moved back (a roster correction): the concern stays in the year the other is in.
    const shared = db
      .prepare("SELECT cp.concern_id, cp.pupil_id FROM concern_pupils cp WHERE cp.concern_id IN (SELECT concern_id FROM concern_pupils GROUP BY concern_id HAVING count(*) > 1) AND cp.year_group = '5' LIMIT 1")
      .get() as { concern_id: string; pupil_id: string };
    moveUp.run('4', shared.pupil_id);
    copyMatchesDefinition(db);
    await queueTotalsMatch(app, db, filters);
  });

  it('count a category added to an old concern later, and a pupil who has no year group not at all', () => {
    const old = db.prepare("SELECT concern_id FROM concern_pupils WHERE year_group = '5' AND concern_id NOT IN (SELECT concern_id FROM concern_categories WHERE category = 'attendance') LIMIT 1").pluck().get() as string;
    db.prepare("INSERT INTO concern_categories (concern_id, category) VALUES (?, 'attendance')").run(old);
    db.prepare("UPDATE pupils SET year_group = NULL WHERE id = (SELECT pupil_id FROM concern_pupils WHERE concern_id = ? LIMIT 1)").run(old);
    copyMatchesDefinition(db);
  });

  it('cannot lose a concern by deleting it or its links: the store refuses, so the copy never needs to forget one', () => {
    const id = db.prepare('SELECT concern_id FROM concern_category_years LIMIT 1').pluck().get() as string;
    expect(() => db.prepare('DELETE FROM concern_categories WHERE concern_id = ?').run(id)).toThrow(/cannot lose a category/);
    expect(() => db.prepare('DELETE FROM concern_pupils WHERE concern_id = ?').run(id)).toThrow(/cannot lose a pupil/);
    expect(() => db.prepare('DELETE FROM concerns WHERE id = ?').run(id)).toThrow(/cannot be deleted/);
  });
});

describe('moving an existing store to the category × year-group copy (migration 0011)', () => {
  it('fills the copy for every concern stored before it, and counts the tallies as already up to date', () => {
    const { file, key, before } = demoStoreBefore(11, { pupils: 120, concerns: 500, seed: 5 });
    before.close();
    const after = openStore(file, key, migrations);
    try {
      // Before anything folds: the migrations fill the copies and count every concern stored before them.
      expect(after.prepare('SELECT concerns_to FROM report_tally_mark').pluck().get()).toBe(after.prepare('SELECT max(rowid) FROM concerns').pluck().get());
      copyMatchesDefinition(after);
    } finally {
      after.close();
    }
  });
});
