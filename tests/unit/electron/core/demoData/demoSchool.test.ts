import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SafeguardingApp } from '../../../../../electron/core';
import { readConcern } from '../../../../../electron/core/concerns';
import { DemoDataError, isValidUpn, makeUpn, schoolDays, writeDemoSchool, yearIndexFor, type DemoProgress } from '../../../../../electron/core/demoData';
import { findPupil } from '../../../../../electron/core/pupils';
import type { Store } from '../../../../../electron/core/store';
import { defaultCategories } from '../../../../../shared/api';
import { isBankHolidayEnglandWales } from '../../../../../shared/calendar';
import { newApp, setUpSchool } from '../testSchool';

async function demoStore(seed: number, pupils = 300, concerns = 2_000) {
  const app = newApp();
  const { user } = await setUpSchool(app);
  const db = app.store!;
  const progress: DemoProgress[] = [];
  const summary = writeDemoSchool(db, { pupils, concerns, seed, asOf: '2026-11-20' }, { userId: user.id, door: 'test', now: new Date('2026-11-20T16:00:00Z') }, (step) => progress.push(step));
  return { app, db, summary, progress, dslId: user.id };
}

describe('the synthetic school', () => {
  let school: Awaited<ReturnType<typeof demoStore>>;
  let db: Store;
  const apps: SafeguardingApp[] = [];
  beforeAll(async () => {
    school = await demoStore(11);
    db = school.db;
    apps.push(school.app);
  });
  afterAll(() => apps.forEach((app) => app.close()));

  it('gives every pupil a year group that matches their date of birth on 31 August', () => {
    const rows = db.prepare('SELECT date_of_birth, year_group FROM pupils').all() as Array<{ date_of_birth: string; year_group: string }>;
    expect(rows).toHaveLength(300);
    for (const row of rows) {
      const index = yearIndexFor(row.date_of_birth, 2026);
      expect(row.year_group).toBe(index === 0 ? 'R' : String(index));
    }
    expect(new Set(rows.map((row) => row.year_group)).size).toBe(14);
  });

  it('gives every pupil a unique UPN in the DfE format with a correct check letter', () => {
    const upns = db.prepare('SELECT upn FROM pupils').pluck().all() as string[];
    expect(new Set(upns).size).toBe(upns.length);
    for (const upn of upns) expect(isValidUpn(upn)).toBe(true);
  });

  it('keeps registration groups to about thirty and records SEN status and gender as an MIS does', () => {
    const biggest = db.prepare('SELECT max(n) FROM (SELECT count(*) AS n FROM pupils GROUP BY registration_group)').pluck().get() as number;
    expect(biggest).toBeLessThanOrEqual(30);
    expect(db.prepare("SELECT DISTINCT gender FROM pupils ORDER BY 1").pluck().all()).toEqual(['F', 'M']);
    expect(db.prepare("SELECT count(*) FROM pupils WHERE sen_status = 'E - EHC Plan'").pluck().get()).toBeGreaterThan(0);
  });

  it('staffs the school in realistic proportions, with a head, deputy DSLs and an administrator', () => {
    const byRole = Object.fromEntries((db.prepare('SELECT role, count(*) AS n FROM users GROUP BY role').all() as Array<{ role: string; n: number }>).map((row) => [row.role, row.n]));
    expect(byRole.head).toBe(1);
    expect(byRole.dsl).toBeGreaterThanOrEqual(3);
    expect(byRole.admin).toBeGreaterThanOrEqual(1);
    const teaching = db.prepare("SELECT count(*) FROM users WHERE staff_group = 'teaching'").pluck().get() as number;
    const midday = db.prepare("SELECT count(*) FROM users WHERE staff_group = 'midday'").pluck().get() as number;
    expect(teaching).toBeGreaterThan(midday);
  });

  it('dates concerns on school days only: no weekends, no August, no bank holidays, nothing after the demo date', () => {
    const days = db.prepare("SELECT DISTINCT substr(occurred_at, 1, 10) FROM concerns").pluck().all() as string[];
    for (const day of days) {
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      expect(weekday === 0 || weekday === 6, day).toBe(false);
      expect(day.slice(5, 7), day).not.toBe('08');
      expect(isBankHolidayEnglandWales(day), day).toBe(false);
    }
    expect(db.prepare("SELECT max(recorded_at) FROM concerns").pluck().get() as string <= '2026-11-20T16:00:00.000Z').toBe(true);
    expect(db.prepare('SELECT count(*) FROM concerns WHERE recorded_at < occurred_at').pluck().get()).toBe(0);
  });

  it('uses only the KCSIE categories, all four statuses, and has some immediate-danger concerns', () => {
    const known = new Set(defaultCategories.map((category) => category.id));
    for (const category of db.prepare('SELECT DISTINCT category FROM concern_categories').pluck().all() as string[]) expect(known.has(category)).toBe(true);
    expect(db.prepare('SELECT DISTINCT status FROM concerns ORDER BY 1').pluck().all()).toEqual(['closed', 'new', 'open', 'read']);
    expect(db.prepare('SELECT count(*) FROM concerns WHERE immediate_danger = 1').pluck().get()).toBeGreaterThan(0);
    expect(db.prepare("SELECT count(*) FROM concerns WHERE status <> 'new' AND (read_at IS NULL OR read_by IS NULL)").pluck().get()).toBe(0);
  });

  it('writes concerns that read back through the repository with their pupils and categories', () => {
    const id = db.prepare('SELECT id FROM concerns ORDER BY id LIMIT 1 OFFSET 10').pluck().get() as string;
    const concern = readConcern(db, id)!;
    expect(concern.pupils[0]!.part).toBe('subject');
    expect(findPupil(db, concern.pupils[0]!.pupilId)).not.toBeNull();
    expect(concern.categories.length).toBeGreaterThan(0);
    expect(concern.whatHappened).toMatch(/^[A-Z].*[.!?]$/);
  });

  it('reports progress batch by batch up to the totals', () => {
    expect(school.progress.at(-1)).toEqual({ stage: 'concerns', done: 2_000, total: 2_000 });
    expect(school.progress.find((step) => step.stage === 'pupils')).toEqual({ stage: 'pupils', done: 300, total: 300 });
  });

  it('records each batch in the audit log as demo data, made by the DSL', () => {
    const rows = db.prepare("SELECT command, user_id FROM audit_log WHERE command LIKE 'demoData.%'").all() as Array<{ command: string; user_id: string }>;
    expect(rows.map((row) => row.command)).toEqual(['demoData.staff', 'demoData.pupils', 'demoData.concerns']);
    expect(rows.every((row) => row.user_id === school.dslId)).toBe(true);
  });

  it('refuses a store that already has pupils', () => {
    expect(() => writeDemoSchool(db, { pupils: 1, concerns: 1, seed: 1, asOf: '2026-11-20' }, { userId: school.dslId, door: 'test', now: new Date() })).toThrow(DemoDataError);
  });

  it('makes a different school from a different seed', async () => {
    const other = await demoStore(12, 300, 10);
    apps.push(other.app);
    const names = (store: Store) => store.prepare('SELECT legal_first_name || legal_last_name FROM pupils ORDER BY id').pluck().all();
    expect(names(other.db)).not.toEqual(names(db));
  });
});

describe('UPNs and the school calendar', () => {
  it('computes the check letter from the twelve digits, so a mistyped digit is caught', () => {
    const upn = makeUpn({ localAuthority: 885, establishment: 4001, yearAllocated: 2016, serial: 7 });
    expect(upn).toMatch(/^[A-HJ-NPQR-Z]885400116007$/);
    expect(isValidUpn(upn)).toBe(true);
    expect(isValidUpn(`${upn[0]}885400116008`)).toBe(false);
  });

  it('has about 190 school days a year, none in August', () => {
    const days = schoolDays(2025);
    expect(days.length).toBeGreaterThan(180);
    expect(days.length).toBeLessThan(200);
    expect(days.some((day) => day.slice(5, 7) === '08')).toBe(false);
  });
});
