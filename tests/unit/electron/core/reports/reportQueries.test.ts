// The store counts a report's facts with its indexes (migration 0007) instead of reading every concern; the pure
// reference in shared/reports counts them from plain rows. Here both count the same generated school in a real
// encrypted store — instants at every hour, including 23:00–00:00 UTC either side of the clock changes, concerns
// about several children, uncategorised ones, reads before and after the school day — and must agree exactly.
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../electron/core/demoData/random';
import { loadConcernFacts, loadOutcomes } from '../../../../../electron/core/reports';
import { migrations, openStore, type Store } from '../../../../../electron/core/store';
import { londonDateSql } from '../../../../../electron/core/store/migrations/0007-dated-links';
import { londonDateOf, outcomesIn, periodInstants, summariseConcerns, type ConcernFacts, type OutcomeSources, type ReportConcern } from '../../../../../shared/reports';
import { tempDataDir } from '../testSchool';

const opened: Store[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

const STAFF = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];
const PUPILS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
const CATEGORIES = ['neglect', 'mental-health', 'online-safety'];
const HOUR = 3_600_000;

interface GeneratedSchool {
  concerns: ReportConcern[];
  outcomeRows: { decisions: OutcomeSources['decisions'][number][]; referrals: OutcomeSources['referrals'][number][]; escalationStarts: string[]; concernClosings: string[] };
  /** Concerns first stored unread, then read later (so the read trigger, not the insert trigger, dates them). */
  readLater: Array<{ id: string; readAt: string }>;
  rows: Array<{ id: string; concern: ReportConcern; closedAt: string | null }>;
}

/** 600 concerns from March 2025 to November 2026 at any hour, with the awkward cases made common. */
function generateSchool(seed: number): GeneratedSchool {
  const random = seededRandom(seed);
  const first = Date.parse('2025-03-01T00:00:00Z');
  const last = Date.parse('2026-11-20T00:00:00Z');
  const school: GeneratedSchool = { concerns: [], outcomeRows: { decisions: [], referrals: [], escalationStarts: [], concernClosings: [] }, readLater: [], rows: [] };
  for (let index = 0; index < 600; index += 1) {
    // A third land in the last hour of a UTC day, where London may already be on the next date.
    const base = first + Math.floor(random.next() * (last - first));
    const at = random.chance(0.33) ? Math.floor(base / (24 * HOUR)) * 24 * HOUR + 23 * HOUR + random.int(0, 59) * 60_000 : base;
    const recordedAt = new Date(at).toISOString();
    const readAt = random.chance(0.15) ? null : new Date(at + (random.chance(0.05) ? -5 * 60_000 : random.int(0, 4000) * 60_000 + random.int(0, 59) * 1000)).toISOString();
    const pupilIds = random.chance(0.25) ? [random.pick(PUPILS), random.pick(PUPILS), random.pick(PUPILS)].filter((id, position, all) => all.indexOf(id) === position) : [random.pick(PUPILS)];
    const categories = random.chance(0.2) ? [] : CATEGORIES.filter(() => random.chance(0.5)).slice(0, 2);
    const concern: ReportConcern = { recordedAt, readAt, immediateDanger: random.chance(0.1), authorId: random.pick(STAFF), pupilIds, categories };
    const id = `c${index}`;
    const closedAt = readAt !== null && random.chance(0.4) ? new Date(at + random.int(1, 60) * 24 * HOUR).toISOString() : null;
    school.concerns.push(concern);
    school.rows.push({ id, concern, closedAt });
    if (readAt !== null && closedAt === null && random.chance(0.5)) school.readLater.push({ id, readAt });
    if (closedAt) school.outcomeRows.concernClosings.push(closedAt);
    if (random.chance(0.3)) school.outcomeRows.decisions.push({ pupilId: pupilIds[0]!, decidedAt: new Date(at + HOUR).toISOString(), decision: random.pick(['monitor', 'early_help', 'mash_referral']) });
    if (random.chance(0.1)) {
      const referredAt = new Date(at + 2 * HOUR).toISOString();
      // Some acknowledgements were typed with an offset: compared as instants, not as text.
      const acknowledgedAt = random.chance(0.2) ? null : random.chance(0.3) ? `${new Date(at + 26 * HOUR).toISOString().slice(0, 19)}+01:00` : new Date(at + random.int(3, 60) * HOUR).toISOString();
      school.outcomeRows.referrals.push({ pupilId: pupilIds[0]!, agency: random.pick(['mash', 'early_help']), referredAt, acknowledgementDue: new Date(at + 26 * HOUR).toISOString(), acknowledgedAt });
      if (random.chance(0.3)) school.outcomeRows.escalationStarts.push(new Date(at + 30 * 24 * HOUR).toISOString());
    }
  }
  return school;
}

function fillStore(db: Store, school: GeneratedSchool) {
  const created = '2024-01-01T00:00:00.000Z';
  db.transaction(() => {
    for (const id of STAFF) db.prepare("INSERT OR IGNORE INTO users (id, username, display_name, role, staff_group, status, created_at) VALUES (?, ?, ?, 'staff', 'teaching', 'active', ?)").run(id, id, `Staff ${id}`, created);
    for (const id of PUPILS) db.prepare("INSERT OR IGNORE INTO pupils (id, legal_first_name, legal_last_name, date_of_birth, year_group, created_at) VALUES (?, 'First', ?, '2015-01-01', '5', ?)").run(id, id, created);
    const readLater = new Set(school.readLater.map((entry) => entry.id));
    for (const { id, concern, closedAt } of school.rows) {
      const readAt = readLater.has(id) ? null : concern.readAt;
      db.prepare(
        `INSERT INTO concerns (id, author_id, occurred_at, recorded_at, what_happened, immediate_danger, status, read_at, read_by, outcome, closing_reason, closed_at)
         VALUES (?, ?, ?, ?, 'Generated for the report test.', ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, concern.authorId, concern.recordedAt, concern.recordedAt, concern.immediateDanger ? 1 : 0, closedAt ? 'closed' : readAt ? 'read' : 'new', readAt, readAt ? 'u0' : null, closedAt ? 'monitored_resolved' : null, closedAt ? 'Resolved.' : null, closedAt);
      for (const pupilId of concern.pupilIds) db.prepare("INSERT INTO concern_pupils (concern_id, pupil_id, part) VALUES (?, ?, 'subject')").run(id, pupilId);
      for (const category of concern.categories) db.prepare('INSERT INTO concern_categories (concern_id, category) VALUES (?, ?)').run(id, category);
    }
    school.outcomeRows.decisions.forEach((decision, index) =>
      db.prepare("INSERT INTO decisions (id, pupil_id, decided_at, decided_by, decision, reasons, consent, recorded_at) VALUES (?, ?, ?, 'u0', ?, 'Reasons.', 'given', ?)").run(`d${index}`, decision.pupilId, decision.decidedAt, decision.decision, decision.decidedAt),
    );
    school.outcomeRows.referrals.forEach((referral, index) =>
      db
        .prepare(
          `INSERT INTO referrals (id, pupil_id, agency, contact, method, referred_at, what_shared, consent, acknowledgement_due, acknowledged_at, outcome_due, recorded_by, recorded_at)
           VALUES (?, ?, ?, 'Front door', 'phone', ?, 'Summary.', 'given', ?, ?, ?, 'u0', ?)`,
        )
        .run(`r${index}`, referral.pupilId, referral.agency, referral.referredAt, referral.acknowledgementDue, referral.acknowledgedAt, referral.acknowledgementDue, referral.referredAt),
    );
    school.outcomeRows.escalationStarts.forEach((startedAt, index) =>
      db.prepare("INSERT INTO escalations (id, referral_id, started_at, started_by, disagreement, stages, resolve_by) VALUES (?, 'r0', ?, 'u0', 'We disagree.', '[]', ?)").run(`e${index}`, startedAt, startedAt),
    );
  })();
  for (const { id, readAt } of school.readLater) db.prepare("UPDATE concerns SET read_at = ?, read_by = 'u0', status = 'read' WHERE id = ?").run(readAt, id);
}

/** Facts in a fixed order, so two ways of counting can be compared whole. */
function sorted(facts: ConcernFacts) {
  const byText = <T>(rows: readonly T[], key: (row: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    readingByDay: byText(facts.readingByDay, (row) => `${row.recordedOn}/${row.readOn}`),
    minutesToRead: [...facts.minutesToRead].sort((a, b) => a.minutes - b.minutes),
    immediateDangerMinutes: [...facts.immediateDangerMinutes].sort((a, b) => (a ?? -1) - (b ?? -1)),
    authorIds: [...facts.authorIds].sort(),
    byCategory: byText(facts.byCategory, (row) => row.category),
    uncategorised: facts.uncategorised,
    pupilSchoolYears: byText(facts.pupilSchoolYears, (row) => `${row.pupilId}/${row.schoolYear}`),
    sharedConcerns: byText(
      facts.sharedConcerns.map((row) => ({ schoolYear: row.schoolYear, pupilIds: [...row.pupilIds].sort() })),
      (row) => `${row.schoolYear}/${row.pupilIds.join()}`,
    ),
  };
}

const asPeriod = (from: string, to: string) => ({ from, to, name: 'the period', label: `${from} to ${to}` });

const PERIODS = [
  { name: 'a summer term across the clocks going forward', from: '2026-03-16', to: '2026-05-22' },
  { name: 'an autumn term across the clocks going back', from: '2025-09-03', to: '2025-12-19' },
  { name: 'a custom period across the September school-year boundary', from: '2025-07-01', to: '2025-10-31' },
  { name: 'exactly one school year', from: '2025-09-01', to: '2026-08-31' },
  { name: 'a school year but for its last fortnight', from: '2025-09-01', to: '2026-08-16' },
  { name: 'everything', from: '2025-01-01', to: '2026-11-30' },
];

describe('the report’s counts from the store', () => {
  const school = generateSchool(7);
  const db = openStore(path.join(tempDataDir(), 'report.db'), crypto.randomBytes(32), migrations);
  fillStore(db, school);
  afterAll(() => db.close());

  it.each(PERIODS)('match the reference for $name', ({ from, to }) => {
    const reference = summariseConcerns(school.concerns, { from, to });
    expect(reference.readingByDay.length).toBeGreaterThan(10);
    expect(sorted(loadConcernFacts(db, asPeriod(from, to)))).toEqual(sorted(reference));
  });

  // Counted as at the middle referral's deadline, so half the referrals are past it and half are not yet due.
  const dues = school.outcomeRows.referrals.map((referral) => referral.acknowledgementDue).sort();
  const asOf = dues[Math.floor(dues.length / 2)]!;

  it.each(PERIODS)('count the same outcomes as the reference for $name', ({ from, to }) => {
    const { start, end } = periodInstants(from, to);
    const reference = outcomesIn(school.outcomeRows, start, end, asOf);
    expect(reference.decisions).toBeGreaterThan(0);
    expect(loadOutcomes(db, asPeriod(from, to), asOf)).toEqual(reference);
  });

  it('judges only referrals past their deadline, in the store and the reference alike', () => {
    const { start, end } = periodInstants('2025-01-01', '2026-11-30');
    const reference = outcomesIn(school.outcomeRows, start, end, asOf);
    expect(reference.referralsDue).toBeGreaterThan(0);
    expect(reference.referralsDue).toBeLessThan(reference.referralsMade);
    expect(loadOutcomes(db, asPeriod('2025-01-01', '2026-11-30'), asOf)).toMatchObject({ referralsMade: reference.referralsMade, referralsDue: reference.referralsDue });
  });

  it('dates a concern read after it was stored, and counts a category added later', () => {
    const { id } = school.readLater[0]!;
    const row = db.prepare('SELECT recorded_at, read_at, read_on, minutes_to_read, category_count FROM concerns WHERE id = ?').get(id) as Record<string, string | number>;
    expect(row.read_on).toBe(londonDateOf(row.read_at as string));
    db.prepare("INSERT INTO concern_categories (concern_id, category) VALUES (?, 'attendance')").run(id);
    expect(db.prepare('SELECT category_count FROM concerns WHERE id = ?').pluck().get(id)).toBe((row.category_count as number) + 1);
    expect(db.prepare("SELECT recorded_at FROM concern_categories WHERE concern_id = ? AND category = 'attendance'").pluck().get(id)).toBe(row.recorded_at);
  });
});

describe('moving an existing store to the dated links (migration 0007)', () => {
  it('fills in every date and count for concerns stored before it, so old schools report the same', () => {
    const school = generateSchool(11);
    const file = path.join(tempDataDir(), 'old.db');
    const key = crypto.randomBytes(32);
    const before = openStore(file, key, migrations.filter((step) => step.version < 7));
    fillStore(before, school);
    before.close();
    const after = openStore(file, key, migrations);
    opened.push(after);
    for (const { from, to } of PERIODS) expect(sorted(loadConcernFacts(after, asPeriod(from, to)))).toEqual(sorted(summariseConcerns(school.concerns, { from, to })));
  });
});

describe('tallies brought up to date when a report is run (migration 0011)', () => {
  it('match the reference when concerns arrive, are read and gain a category between reports', () => {
    const school = generateSchool(13);
    const db = openStore(path.join(tempDataDir(), 'between.db'), crypto.randomBytes(32), migrations);
    opened.push(db);
    const half = Math.floor(school.rows.length / 2);
    const firstIds = new Set(school.rows.slice(0, half).map((row) => row.id));
    const none = { decisions: [], referrals: [], escalationStarts: [], concernClosings: [] };
    // The first half is stored unread where it will be read later, then counted by a report.
    fillStore(db, { ...school, rows: school.rows.slice(0, half), readLater: [], outcomeRows: none });
    const everything = asPeriod('2025-01-01', '2026-11-30');
    loadConcernFacts(db, everything);
    const tallied = db.prepare('SELECT concerns_to FROM report_tally_mark').pluck().get() as number;
    expect(tallied).toBe(half);

    // Between reports: the first half's late reads move tallied concerns; the second half arrives (some read later);
    // an old, tallied concern gains a category.
    for (const { id, readAt } of school.readLater.filter((entry) => firstIds.has(entry.id))) db.prepare("UPDATE concerns SET read_at = ?, read_by = 'u0', status = 'read' WHERE id = ?").run(readAt, id);
    fillStore(db, { ...school, rows: school.rows.slice(half), readLater: school.readLater.filter((entry) => !firstIds.has(entry.id)), outcomeRows: none });
    const old = school.rows.find((row) => !row.concern.categories.includes('attendance'))!;
    db.prepare("INSERT INTO concern_categories (concern_id, category) VALUES (?, 'attendance')").run(old.id);
    school.concerns[school.concerns.indexOf(old.concern)] = { ...old.concern, categories: [...old.concern.categories, 'attendance'] };
    // Nothing stored since the report has reached the tallies yet: a save writes none.
    expect(db.prepare('SELECT sum(concerns) FROM concern_reading_days').pluck().get()).toBe(half);

    for (const { from, to } of PERIODS) expect(sorted(loadConcernFacts(db, asPeriod(from, to)))).toEqual(sorted(summariseConcerns(school.concerns, { from, to })));
    expect(db.prepare('SELECT concerns_to FROM report_tally_mark').pluck().get()).toBe(school.rows.length);
  });
});

describe('the London date in SQL', () => {
  it('agrees with the calendar code at every hour and half-hour either side of each clock change, 2014–2035', () => {
    const db = openStore(path.join(tempDataDir(), 'dates.db'), crypto.randomBytes(32), migrations);
    opened.push(db);
    const moments: string[] = [];
    for (let year = 2014; year <= 2035; year += 1) {
      for (const month of [2, 9]) {
        const startOfWindow = Date.UTC(year, month, 20);
        for (let at = startOfWindow; at < startOfWindow + 14 * 24 * HOUR; at += HOUR / 2) moments.push(new Date(at).toISOString());
      }
    }
    const fromSql = db.prepare(`SELECT ${londonDateSql('value')} FROM json_each(?)`).pluck().all(JSON.stringify(moments)) as string[];
    expect(fromSql).toEqual(moments.map(londonDateOf));
    // And the two cases that matter most, spelled out.
    const londonDate = db.prepare(`SELECT ${londonDateSql('@instant')}`).pluck();
    expect(londonDate.get({ instant: '2026-06-30T23:30:00.000Z' })).toBe('2026-07-01');
    expect(londonDate.get({ instant: '2026-12-31T23:30:00.000Z' })).toBe('2026-12-31');
  });
});
