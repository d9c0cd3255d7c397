// Migration 0016 takes the link indexes that only filters and reports walk (by category, year group, school year) out
// of the save: they become copies kept up to the report tallies' mark and folded in before they are read, and the
// priority index keeps only the pressing concerns. A store made before it must come through with copies that hold
// every concern and tallies that count every concern (one mark for all), and the queue's priority order must be the
// same order, page after page, now that it is read in two parts.
import crypto from 'node:crypto';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { insertAccount } from '../../../../../electron/core/accounts';
import { writeDemoSchool } from '../../../../../electron/core/demoData';
import { migrations, openStore, type Store } from '../../../../../electron/core/store';
import { call, newApp, setUpSchool, tempDataDir } from '../testSchool';

const COPIES = {
  concern_category_dates: `SELECT cc.category, c.recorded_at, c.id FROM concerns c JOIN concern_categories cc ON cc.concern_id = c.id ORDER BY 1, 2, 3`,
  concern_year_group_dates: `SELECT DISTINCT cp.year_group, c.recorded_at, c.id FROM concerns c JOIN concern_pupils cp ON cp.concern_id = c.id WHERE cp.year_group IS NOT NULL ORDER BY 1, 2, 3`,
  concern_pupil_school_years: `SELECT cp.school_year, cp.pupil_id, c.recorded_at, c.id FROM concerns c JOIN concern_pupils cp ON cp.concern_id = c.id ORDER BY 1, 2, 3, 4`,
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
    const file = path.join(tempDataDir(), 'before-0016.db');
    const key = crypto.randomBytes(32);
    const before = openStore(file, key, migrations.filter((step) => step.version < 16));
    const userId = uuidv7();
    before.transaction(() =>
      insertAccount(before, { id: userId, username: 'dsl.old', displayName: 'Old DSL', role: 'dsl', staffGroup: 'leadership', mustChangePassword: false, createdAt: '2026-01-01T00:00:00.000Z', createdBy: null }),
    )();
    writeDemoSchool(before, { pupils: 80, concerns: 400, seed: 16, asOf: '2026-11-20', schoolYears: 2 }, { userId, door: 'test', now: new Date('2026-11-20T12:00:00Z') });
    // Written before 0016 and never reported on: the tallies have not counted them yet.
    expect(before.prepare('SELECT concerns_to FROM report_tally_mark').pluck().get()).toBe(0);
    before.close();

    const after = openStore(file, key, migrations);
    try {
      expect(after.prepare('SELECT concerns_to FROM report_tally_mark').pluck().get()).toBe(after.prepare('SELECT max(rowid) FROM concerns').pluck().get());
      for (const [copy, definition] of Object.entries(COPIES)) {
        const rows = raw(after, `SELECT * FROM ${copy} ORDER BY 1, 2, 3${copy === 'concern_pupil_school_years' ? ', 4' : ''}`);
        expect(rows.length, copy).toBeGreaterThan(300);
        expect(rows, copy).toEqual(raw(after, definition));
      }
      for (const [tally, [counted, direct]] of Object.entries(TALLIES)) expect(raw(after, counted), tally).toEqual(raw(after, direct));
      const indexes = after.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('concern_pupils', 'concern_categories')").pluck().all();
      expect(indexes).toEqual(['concern_pupils_by_pupil']);
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
