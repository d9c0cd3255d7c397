// Benchmarks for the culture report: the full report (every measure, both periods, checked against its output
// schema as dispatch does) over 150,000 concerns (ten years of a large school) and over 1,000,000 (a trust's
// history). The period is a custom one covering every concern, the worst case; the school-year figure is what a
// head opens most. Data is made with bulk INSERTs in transactions from a seeded generator into a real encrypted
// store on a temp folder, which is removed afterwards.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { addCalendarDays, isBankHolidayEnglandWales } from '../../shared/calendar';
import { reportViewSchema, type PeriodChoice } from '../../shared/reports';
import { seededRandom, type Random } from '../../electron/core/demoData/random';
import { cultureReport } from '../../electron/core/reports';
import { migrations, openStore, type Store } from '../../electron/core/store';
import { benchDir } from './benchStores';
import { percentile, progress, timeEach, type Metric } from './measure';

const NOW = new Date('2026-11-20T12:00:00Z');
const FIRST_DAY = '2016-09-05';
const LAST_DAY = '2026-11-19';
const STAFF_GROUPS = ['teaching', 'support', 'midday', 'office', 'leadership', 'other'] as const;
const CATEGORIES = ['mental-health', 'neglect', 'emotional-abuse', 'child-on-child', 'attendance', 'domestic-abuse', 'online-safety', 'physical-abuse', 'self-harm', 'other'];
const DECISIONS = ['monitor', 'school_support', 'early_help', 'mash_referral', 'no_further_action'];
const WHAT_HAPPENED = 'Benchmark concern: the child arrived upset, said they had not eaten since lunch yesterday and that nobody was at home last night. Reassured and passed on.';

interface Scale {
  concerns: number;
  pupils: number;
  staff: number;
}

/** A deterministic id in UUID shape: counters are quicker than random v7 ids and just as unique here. */
const fakeUuid = (kind: number, index: number) => `${kind.toString(16).padStart(8, '0')}-0000-7000-8000-${index.toString(16).padStart(12, '0')}`;

/** Every weekday that is not a bank holiday in the ten years, for spreading concerns across school days. */
function weekdays(): string[] {
  const days: string[] = [];
  for (let day = FIRST_DAY; day <= LAST_DAY; day = addCalendarDays(day, 1)) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !isBankHolidayEnglandWales(day) && day.slice(5, 7) !== '08') days.push(day);
  }
  return days;
}

/** Inserts rows in multi-row INSERTs of `batch` rows, all inside the caller's transaction. */
function bulkInsert(db: Store, table: string, columns: readonly string[], rows: Iterable<unknown[]>, batch = 400): void {
  const row = `(${columns.map(() => '?').join(',')})`;
  const full = db.prepare(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array.from({ length: batch }, () => row).join(',')}`);
  let pending: unknown[] = [];
  let count = 0;
  for (const values of rows) {
    pending.push(...values);
    count += 1;
    if (count === batch) {
      full.run(pending);
      pending = [];
      count = 0;
    }
  }
  if (count > 0) db.prepare(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array.from({ length: count }, () => row).join(',')}`).run(pending);
}

function* staffRows(scale: Scale, random: Random) {
  for (let index = 0; index < scale.staff; index += 1) {
    const disabled = random.chance(0.2);
    yield [fakeUuid(1, index), `staff${index}`, `Staff Member ${index}`, index < 5 ? 'dsl' : 'staff', STAFF_GROUPS[index % STAFF_GROUPS.length], disabled ? 'disabled' : 'active', '2016-01-01T00:00:00.000Z', disabled ? '2022-07-20T12:00:00.000Z' : null];
  }
}

function* pupilRows(scale: Scale, random: Random) {
  const years = ['R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'];
  for (let index = 0; index < scale.pupils; index += 1) {
    yield [fakeUuid(2, index), `First${index}`, `Last${index}`, '2012-01-01', random.pick(years), random.chance(0.5) ? 'F' : 'M', random.weighted([['N - No Special Educational Need', 83], ['K - SEN Support', 13], ['E - EHC Plan', 4]] as const), '2016-01-01T00:00:00.000Z'];
  }
}

/** Fills the store: staff, pupils, and concerns with their pupils, categories, decisions, referrals and actions. */
export function fill(db: Store, scale: Scale, seed: number): void {
  const random = seededRandom(seed);
  const days = weekdays();
  db.transaction(() => {
    bulkInsert(db, 'users', ['id', 'username', 'display_name', 'role', 'staff_group', 'status', 'created_at', 'disabled_at'], staffRows(scale, random));
    bulkInsert(db, 'pupils', ['id', 'legal_first_name', 'legal_last_name', 'date_of_birth', 'year_group', 'gender', 'sen_status', 'created_at'], pupilRows(scale, random));
  })();
  const perTransaction = 50_000;
  for (let first = 0; first < scale.concerns; first += perTransaction) {
    const last = Math.min(scale.concerns, first + perTransaction);
    const concerns: unknown[][] = [];
    const links: unknown[][] = [];
    const categories: unknown[][] = [];
    const decisions: unknown[][] = [];
    const referrals: unknown[][] = [];
    const actions: unknown[][] = [];
    for (let index = first; index < last; index += 1) {
      const id = fakeUuid(3, index);
      const day = days[Math.floor((index / scale.concerns) * days.length)]!;
      const recorded = new Date(`${day}T08:00:00Z`).getTime() + random.int(0, 9 * 60) * 60_000;
      const recordedAt = new Date(recorded).toISOString();
      const read = random.chance(0.995) ? new Date(recorded + Math.round(Math.exp(random.next() * 8)) * 60_000).toISOString() : null;
      const closed = recorded < NOW.getTime() - 60 * 86_400_000 && read !== null;
      const dsl = fakeUuid(1, random.int(0, 4));
      concerns.push([id, fakeUuid(1, random.int(0, scale.staff - 1)), recordedAt, recordedAt, WHAT_HAPPENED, random.chance(0.01) ? 1 : 0, closed ? 'closed' : read ? 'open' : 'new', read, read ? dsl : null, closed ? 'monitored_resolved' : null, closed ? 'Monitored; no further worries.' : null, closed ? new Date(recorded + 30 * 86_400_000).toISOString() : null]);
      const pupil = random.int(0, scale.pupils - 1);
      links.push([id, fakeUuid(2, pupil), 'subject']);
      if (random.chance(0.1)) links.push([id, fakeUuid(2, (pupil + 1) % scale.pupils), 'involved']);
      const category = random.pick(CATEGORIES);
      categories.push([id, category]);
      if (random.chance(0.3)) categories.push([id, CATEGORIES[(CATEGORIES.indexOf(category) + 1) % CATEGORIES.length]]);
      if (index % 4 === 0 && read) decisions.push([fakeUuid(4, index), fakeUuid(2, pupil), id, read, dsl, random.pick(DECISIONS), 'Reasons recorded for the benchmark.', 'given', read]);
      if (index % 25 === 0 && read) {
        const due = new Date(recorded + 86_400_000 * 3).toISOString();
        referrals.push([fakeUuid(5, index), fakeUuid(2, pupil), random.chance(0.2) ? 'early_help' : 'mash', 'Front door', 'phone', read, 'Summary shared.', 'given', due, random.chance(0.9) ? read : null, due, dsl, read]);
      }
      if (index % 10 === 0) actions.push([fakeUuid(6, index), fakeUuid(2, pupil), id, 'Check in with the child', dsl, day, recordedAt, dsl, random.chance(0.97) ? recordedAt : null]);
    }
    db.transaction(() => {
      bulkInsert(db, 'concerns', ['id', 'author_id', 'occurred_at', 'recorded_at', 'what_happened', 'immediate_danger', 'status', 'read_at', 'read_by', 'outcome', 'closing_reason', 'closed_at'], concerns);
      bulkInsert(db, 'concern_pupils', ['concern_id', 'pupil_id', 'part'], links);
      bulkInsert(db, 'concern_categories', ['concern_id', 'category'], categories);
      bulkInsert(db, 'decisions', ['id', 'pupil_id', 'concern_id', 'decided_at', 'decided_by', 'decision', 'reasons', 'consent', 'recorded_at'], decisions);
      bulkInsert(db, 'referrals', ['id', 'pupil_id', 'agency', 'contact', 'method', 'referred_at', 'what_shared', 'consent', 'acknowledgement_due', 'acknowledged_at', 'outcome_due', 'recorded_by', 'recorded_at'], referrals);
      bulkInsert(db, 'actions', ['id', 'pupil_id', 'concern_id', 'title', 'owner_id', 'due_on', 'created_at', 'created_by', 'completed_at'], actions);
    })();
  }
}

const wholeHistory: PeriodChoice = { kind: 'custom', from: FIRST_DAY, to: LAST_DAY };

function timeReport(db: Store, choice: PeriodChoice, runs: number): number {
  const timings = timeEach(runs, () => reportViewSchema.parse(db.transaction(() => cultureReport(db, choice, 'governors', NOW))()), 2);
  return percentile(timings, 0.95) / 1000;
}

async function measureAtScale(name: string, scale: Scale, runs: number, extra: (db: Store) => Metric[] = () => []): Promise<Metric[]> {
  const dir = benchDir();
  try {
    progress(`reports: filling ${scale.concerns.toLocaleString('en-GB')} concerns`);
    const db = openStore(path.join(dir, 'reports.db'), crypto.randomBytes(32), migrations);
    const started = Date.now();
    fill(db, scale, 2026);
    db.pragma('optimize');
    progress(`reports: filled in ${((Date.now() - started) / 1000).toFixed(1)} s; timing the report`);
    const metrics: Metric[] = [{ metric: `report.${name}.p95_ms`, value: timeReport(db, wholeHistory, runs), unit: 'ms' }, ...extra(db)];
    db.close();
    return metrics;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `report.150k.p95_ms` (target < 300 ms) and `report.1m.p95_ms` (target < 2 s), plus the school-year report at 150k. */
export async function measureReports(): Promise<Metric[]> {
  const large = await measureAtScale('150k', { concerns: 150_000, pupils: 2_000, staff: 250 }, 20, (db) => [
    { metric: 'report.150k.school_year.p95_ms', value: timeReport(db, { kind: 'last_school_year' }, 20), unit: 'ms' },
  ]);
  const trust = await measureAtScale('1m', { concerns: 1_000_000, pupils: 20_000, staff: 2_000 }, 10);
  return [...large, ...trust];
}
