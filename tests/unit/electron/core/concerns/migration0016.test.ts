// Migration 0016 takes the link indexes that only filters and reports walk (by category, year group, school year) out
// of the save: they become copies kept up to the report tallies' mark and folded in before they are read, and the
// priority index keeps only the pressing concerns. A store made before it must come through with copies that hold
// every concern and tallies that count every concern (one mark for all), and the queue's priority order must be the
// same order, page after page, now that it is read in two parts.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { writeDemoSchool } from '../../../../../electron/core/demoData';
import { migrations, openStore, type Store } from '../../../../../electron/core/store';
import { addAccount, call, demoStoreBefore, newApp, setUpSchool, tempDataDir } from '../testSchool';
import { bringTalliesUpToDate } from '../../../../../electron/core/reports/reportTallies';
import { insertConcern, insertMatchedPupil } from '../../../../../electron/core/concerns';
import { myConcerns } from '../../../../../electron/core/concerns/concernLog';

const COPIES = {
  concern_category_dates: `SELECT cc.category, c.recorded_at, c.id, c.status, c.immediate_danger, c.urgent FROM concerns c JOIN concern_categories cc ON cc.concern_id = c.id ORDER BY 1, 2, 3`,
  concern_year_group_dates: `SELECT DISTINCT cp.year_group, c.recorded_at, c.id, c.status, c.immediate_danger, c.urgent FROM concerns c JOIN concern_pupils cp ON cp.concern_id = c.id WHERE cp.year_group IS NOT NULL ORDER BY 1, 2, 3`,
  concern_pupil_school_years: `SELECT cp.school_year, cp.pupil_id, c.recorded_at, c.id FROM concerns c JOIN concern_pupils cp ON cp.concern_id = c.id ORDER BY 1, 2, 3, 4`,
  concern_author_dates: `SELECT author_id, recorded_at, id FROM concerns ORDER BY 1, 2, 3`,
  concern_category_years: `SELECT DISTINCT cc.category, cp.year_group, c.recorded_at, c.id, c.status, c.immediate_danger, c.urgent FROM concerns c
    JOIN concern_categories cc ON cc.concern_id = c.id JOIN concern_pupils cp ON cp.concern_id = c.id WHERE cp.year_group IS NOT NULL ORDER BY 1, 2, 3, 4`,
} as const;

const TALLIES = {
  concern_pupil_years: [
    'SELECT school_year, pupil_id, concerns FROM concern_pupil_years WHERE concerns > 0 ORDER BY 1, 2',
    'SELECT cp.school_year, cp.pupil_id, count(*) FROM concern_pupils cp GROUP BY 1, 2 ORDER BY 1, 2',
  ],
  concern_category_days: [
    'SELECT category, recorded_on, concerns FROM concern_category_days WHERE concerns > 0 ORDER BY 1, 2',
    'SELECT cc.category, c.recorded_on, count(*) FROM concerns c JOIN concern_categories cc ON cc.concern_id = c.id GROUP BY 1, 2 ORDER BY 1, 2',
  ],
} as const;

const raw = (db: Store, sql: string) => db.prepare(sql).raw().all();

describe('migration 0016', () => {
  it('fills the copies and counts every concern stored before it, so nothing is left to fold', () => {
    const { file, key, before } = demoStoreBefore(16, { pupils: 80, concerns: 400, seed: 16 });
    // Written before 0016 and never reported on: the tallies have not counted them yet.
    expect(before.prepare('SELECT concerns_to FROM report_tally_mark').pluck().get()).toBe(0);
    before.close();

    const after = openStore(file, key, migrations);
    try {
      expect(after.prepare('SELECT concerns_to FROM report_tally_mark').pluck().get()).toBe(after.prepare('SELECT max(rowid) FROM concerns').pluck().get());
      for (const [copy, definition] of Object.entries(COPIES)) {
        const keyed = copy === 'concern_pupil_school_years' || copy === 'concern_category_years' ? '1, 2, 3, 4' : '1, 2, 3';
        const columns = copy === 'concern_category_years' ? 'category, year_group, recorded_at, concern_id, status, immediate_danger, urgent' : '*';
        const rows = raw(after, `SELECT ${columns} FROM ${copy} ORDER BY ${keyed}`);
        expect(rows.length, copy).toBeGreaterThan(300);
        expect(rows, copy).toEqual(raw(after, definition));
      }
      for (const [tally, [counted, direct]] of Object.entries(TALLIES)) expect(raw(after, counted), tally).toEqual(raw(after, direct));
      const indexes = after.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('concern_pupils', 'concern_categories')").pluck().all();
      expect(indexes).toEqual(['concern_pupils_by_pupil']);
      expect(after.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('concerns_for_queue', 'concerns_by_author')").pluck().get()).toBe(0);
      expect(after.prepare("SELECT sql FROM sqlite_master WHERE name = 'concerns_by_priority'").pluck().get()).toMatch(/WHERE immediate_danger = 1 OR urgent = 1$/);
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');

      // A link added to a concern already counted reaches the copies at once; a new concern waits for the fold.
      const old = after.prepare("SELECT id FROM concerns WHERE id NOT IN (SELECT concern_id FROM concern_categories WHERE category = 'attendance') LIMIT 1").pluck().get() as string;
      after.prepare("INSERT INTO concern_categories (concern_id, category) VALUES (?, 'attendance')").run(old);
      expect(after.prepare("SELECT count(*) FROM concern_category_dates WHERE category = 'attendance' AND concern_id = ?").pluck().get(old)).toBe(1);
    } finally {
      after.close();
    }
  });
});

describe('the queue’s priority order, read as the pressing concerns and then the rest', () => {
  it('gives every concern once, in danger, urgency and date order, across pages that straddle the two parts', async () => {
    const app = newApp();
    const { user } = await setUpSchool(app);
    const db = app.store!;
    writeDemoSchool(db, { pupils: 60, concerns: 300, seed: 61, asOf: '2026-11-20', schoolYears: 1 }, { userId: user.id, door: 'test', now: new Date('2026-11-20T12:00:00Z') });
    const pressing = db.prepare('SELECT count(*) FROM concerns WHERE immediate_danger = 1 OR urgent = 1').pluck().get() as number;
    // Pages of 7, so one page holds the last pressing concerns and the first of the rest (unless 7 divides them).
    expect(pressing % 7).not.toBe(0);
    expect(pressing).toBeGreaterThan(7);
    const seen: Array<{ id: string; immediateDanger: boolean; urgent: boolean; recordedAt: string }> = [];
    for (let offset = 0; ; offset += 7) {
      const { rows, total } = await call(app, 'queue.concerns', { tab: 'all', sort: 'priority', offset, limit: 7 } as never);
      expect(total).toBe(300);
      seen.push(...rows.map(({ id, immediateDanger, urgent, recordedAt }) => ({ id, immediateDanger, urgent, recordedAt })));
      if (rows.length < 7) break;
    }
    expect(new Set(seen.map((row) => row.id)).size).toBe(300);
    const expected = db.prepare('SELECT immediate_danger = 1 AS immediateDanger, urgent = 1 AS urgent, recorded_at AS recordedAt FROM concerns ORDER BY immediate_danger DESC, urgent DESC, recorded_at').all() as Array<{ immediateDanger: number; urgent: number; recordedAt: string }>;
    expect(seen.map(({ immediateDanger, urgent, recordedAt }) => ({ immediateDanger, urgent, recordedAt }))).toEqual(
      expected.map((row) => ({ immediateDanger: row.immediateDanger === 1, urgent: row.urgent === 1, recordedAt: row.recordedAt })),
    );
  });
});

describe('a member of staff’s own concerns, read from the author copy and the concerns after its mark', () => {
  it('lists every one of theirs newest first, folded or not, and nobody else’s', async () => {
    const app = newApp();
    const { user } = await setUpSchool(app);
    const db = app.store!;
    const khan = (await addAccount(app, 'ta.khan', 'staff')).id;
    const lee = (await addAccount(app, 'ta.lee', 'staff')).id;
    const pupilId = (await call(app, 'pupils.create', { legalFirstName: 'Amy', legalLastName: 'Test', dateOfBirth: '2014-01-01', yearGroup: '7' })).id;
    const save = (authorId: string, minute: number) => {
      const at = new Date(Date.UTC(2026, 10, 23, 9, minute)).toISOString();
      return db.transaction(() =>
        insertConcern(db, {
          authorId, occurredAt: at, recordedAt: at, location: 'Hall', othersPresent: '', whatHappened: `Minute ${minute}.`, childWords: '', actionTaken: 'Told the DSL.',
          immediateDanger: false, urgent: false, spokenToDsl: null, fgmPoliceReference: '', childDescribed: '', status: 'new', readAt: null, readBy: null,
          pupils: [{ pupilId, part: 'subject' }], categories: ['neglect'],
        }),
      )();
    };
    // Saved out of date order too: the list is by when each was recorded, not by when it was stored.
    const khans = [save(khan, 2), save(khan, 1)];
    save(lee, 3);
    db.transaction(() => bringTalliesUpToDate(db))();
    const folded = db.prepare('SELECT concerns_to FROM report_tally_mark').pluck().get() as number;
    khans.push(save(khan, 4), save(khan, 0));
    save(lee, 5);
    expect(db.prepare('SELECT count(*) FROM concern_author_dates WHERE author_id = ?').pluck().get(khan)).toBe(2);
    expect(myConcerns(db, khan).map((row) => row.id)).toEqual([khans[2], khans[0], khans[1], khans[3]]);
    expect(myConcerns(db, lee)).toHaveLength(2);
    expect(myConcerns(db, user.id)).toEqual([]);
    // A read only: the mark has not moved.
    expect(db.prepare('SELECT concerns_to FROM report_tally_mark').pluck().get()).toBe(folded);
  });
});

describe('new concerns folded in when the school is quiet', () => {
  it('moves the mark past a save by itself a little after the last command, and never while commands keep coming', { timeout: 20_000 }, async () => {
    const app = newApp(tempDataDir(), { quietFoldMs: 1_000 });
    await setUpSchool(app);
    const db = app.store!;
    const pupilId = (await call(app, 'pupils.create', { legalFirstName: 'Amy', legalLastName: 'Test', dateOfBirth: '2014-01-01', yearGroup: '7' })).id;
    const submit = () => call(app, 'concerns.submit', { pupils: [{ pupilId, part: 'subject' }], occurredDate: '2026-11-20', occurredTime: '10:15', whatHappened: 'Said there was no food at home.', categories: ['neglect'] } as never);
    const mark = () => db.prepare('SELECT concerns_to FROM report_tally_mark').pluck().get() as number;
    const newest = () => db.prepare('SELECT max(rowid) FROM concerns').pluck().get() as number;
    await submit();
    // Commands every 100 ms for a second and a half (a gap well under the quiet time even on a busy machine): each
    // puts the fold off again.
    for (let step = 0; step < 15; step += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await call(app, 'concerns.mine', {});
    }
    expect(mark()).toBeLessThan(newest());
    const { id } = await submit();
    const waitUntil = Date.now() + 10_000;
    while (mark() < newest() && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mark()).toBe(newest());
    expect(db.prepare("SELECT count(*) FROM concern_category_dates WHERE category = 'neglect' AND concern_id = ?").pluck().get(id)).toBe(1);
    expect(db.prepare('SELECT count(*) FROM concern_author_dates WHERE concern_id = ?').pluck().get(id)).toBe(1);
  });
});

describe('a concern saved whole', () => {
  it('stores the dates, pupil count and list and link order the triggers would have filled, and is not rewritten', async () => {
    const app = newApp();
    const { user } = await setUpSchool(app);
    const db = app.store!;
    const pupil = async (first: string) => (await call(app, 'pupils.create', { legalFirstName: first, legalLastName: 'Test', dateOfBirth: '2014-01-01', yearGroup: '7' })).id;
    const [amy, ben, cal] = [await pupil('Amy'), await pupil('Ben'), await pupil('Cal')];
    // 23:40 UTC in British Summer Time is the next London day; read 95 minutes and 30 seconds later.
    const recordedAt = '2026-06-30T23:40:00.000Z';
    const readAt = '2026-07-01T01:15:30.000Z';
    const whole = db.transaction(() =>
      insertConcern(db, {
        authorId: user.id, occurredAt: recordedAt, recordedAt, location: 'Hall', othersPresent: '', whatHappened: 'Saved whole.', childWords: '', actionTaken: 'Told the DSL.',
        immediateDanger: false, urgent: false, spokenToDsl: null, fgmPoliceReference: '', childDescribed: '', status: 'read', readAt, readBy: user.id,
        pupils: [{ pupilId: ben, part: 'subject' }, { pupilId: amy, part: 'involved' }], categories: ['neglect', 'bullying'],
      }),
    )();
    // The same concern as a writer that leaves the derived columns to the triggers.
    const filled = uuidv7();
    db.transaction(() => {
      db.prepare("INSERT INTO concerns (id, author_id, occurred_at, recorded_at, what_happened, status, read_at, read_by, category_count) VALUES (?, ?, ?, ?, 'Filled by triggers.', 'read', ?, ?, 2)").run(filled, user.id, recordedAt, recordedAt, readAt, user.id);
      db.prepare("INSERT INTO concern_pupils (concern_id, pupil_id, part) VALUES (?, ?, 'subject')").run(filled, ben);
      db.prepare("INSERT INTO concern_pupils (concern_id, pupil_id, part) VALUES (?, ?, 'involved')").run(filled, amy);
      db.prepare("INSERT INTO concern_categories (concern_id, category) VALUES (?, 'neglect')").run(filled);
      db.prepare("INSERT INTO concern_categories (concern_id, category) VALUES (?, 'bullying')").run(filled);
    })();
    const derived = (id: string) => ({
      concern: db.prepare('SELECT recorded_on, read_on, minutes_to_read, pupil_count, pupil_list, category_count FROM concerns WHERE id = ?').get(id),
      pupils: db.prepare('SELECT pupil_id, position, recorded_at, school_year, year_group FROM concern_pupils WHERE concern_id = ? ORDER BY position').all(id),
      categories: db.prepare('SELECT category, position, recorded_at FROM concern_categories WHERE concern_id = ? ORDER BY position').all(id),
    });
    expect(derived(whole)).toEqual(derived(filled));
    expect(derived(whole).concern).toMatchObject({ recorded_on: '2026-07-01', read_on: '2026-07-01', minutes_to_read: 96, pupil_count: 2 });
    // Nothing rewrote the concern after its insert: it is at its first version.
    expect(db.prepare('SELECT version FROM concerns WHERE id = ?').pluck().get(whole)).toBe(1);

    // A pupil matched later by a DSL is counted and listed, and that is a change to the record.
    db.transaction(() => insertMatchedPupil(db, { concernId: whole, pupilId: cal, part: 'witness', matchedBy: user.id, matchedAt: '2026-07-02T09:00:00.000Z' }))();
    expect(db.prepare('SELECT pupil_count, pupil_list, version FROM concerns WHERE id = ?').get(whole)).toEqual({ pupil_count: 3, pupil_list: [ben, amy, cal].join('\u001f'), version: 2 });
    expect(db.prepare('SELECT position FROM concern_pupils WHERE concern_id = ? AND pupil_id = ?').pluck().get(whole, cal)).toBe(3);
  });
});
