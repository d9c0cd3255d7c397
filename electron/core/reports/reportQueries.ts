// Counts what one report needs with the store's indexes (migration 0007), so ten years of concerns are never
// read row by row into JavaScript: each query walks an index in order and hands back totals per day, per pupil or
// per category. The pure measures in shared/reports finish the job; `summariseConcerns` there is the reference
// these queries are tested against. Only counts and ids are read: no concern text, no child's name.
import { defaultCategories } from '../../../shared/concerns';
import {
  periodInstants,
  schoolYearOf,
  type ConcernFacts,
  type Outcomes,
  type ReportData,
  type ReportPeriod,
  type ReportPupil,
  type ReportStaffMember,
  type ResolvedPeriods,
} from '../../../shared/reports';
import { readSettings } from '../settings';
import type { Store } from '../store';
import { PUPIL_LIST_SEPARATOR } from '../store/migrations/0007-dated-links';
import { bringTalliesUpToDate } from './reportTallies';


function statementsFor(db: Store) {
  return {
    // The running tallies of migration 0007, brought up to date first (reportTallies.ts): a row per day (and day first
    // read), per category per day.
    readingByDay: db.prepare(
      "SELECT recorded_on AS recordedOn, nullif(read_on, '') AS readOn, concerns FROM concern_reading_days WHERE recorded_on >= @from AND recorded_on <= @to AND concerns > 0",
    ),
    byCategory: db.prepare(
      'SELECT category, sum(concerns) AS concerns FROM concern_category_days WHERE recorded_on >= @from AND recorded_on <= @to GROUP BY category HAVING sum(concerns) > 0',
    ),
    // Walks the minutes index in order (no sort), keeping the period's concerns: a few thousand rows, not one per concern.
    minutesToRead: db.prepare(
      'SELECT minutes_to_read AS minutes, count(*) AS concerns FROM concerns WHERE minutes_to_read IS NOT NULL AND recorded_on >= @from AND recorded_on <= @to GROUP BY minutes_to_read',
    ),
    immediateDanger: db.prepare('SELECT minutes_to_read FROM concerns WHERE immediate_danger = 1 AND recorded_on >= @from AND recorded_on <= @to').pluck(),
    authors: db
      .prepare('SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM concern_author_dates a WHERE a.author_id = u.id AND a.recorded_at >= @start AND a.recorded_at < @end)')
      .pluck(),
    uncategorised: db.prepare('SELECT count(*) FROM concerns WHERE category_count = 0 AND recorded_at >= @start AND recorded_at < @end').pluck(),
    // Whole school years from their tally; the period's part of a year from that year's links.
    wholeSchoolYears: db.prepare(
      'SELECT pupil_id AS pupilId, school_year AS schoolYear, concerns FROM concern_pupil_years WHERE school_year >= @first AND school_year <= @last AND concerns > 0',
    ),
    partSchoolYear: db.prepare(
      `SELECT pupil_id AS pupilId, school_year AS schoolYear, count(*) AS concerns FROM concern_pupil_school_years
       WHERE school_year = @year AND recorded_at >= @start AND recorded_at < @end GROUP BY pupil_id`,
    ),
    sharedConcerns: db.prepare('SELECT recorded_on, pupil_list FROM concerns WHERE pupil_count > 1 AND recorded_at >= @start AND recorded_at < @end').raw(),
    staff: db.prepare('SELECT id, display_name AS name, staff_group AS staffGroup, status, created_at AS createdAt, disabled_at AS disabledAt FROM users'),
    pupils: db.prepare('SELECT id, year_group AS yearGroup, gender, sen_status AS senStatus, left_on AS leftOn FROM pupils'),
    decisionsByType: db.prepare('SELECT decision, count(*) FROM decisions WHERE decided_at >= @start AND decided_at < @end GROUP BY decision').raw(),
    // julianday compares instants, as the reference does: a hand-entered time may carry an offset other than Z.
    referrals: db.prepare(
      `SELECT count(*) AS made,
         coalesce(sum(julianday(acknowledgement_due) < julianday(@asOf)), 0) AS due,
         coalesce(sum(julianday(acknowledgement_due) < julianday(@asOf) AND acknowledged_at IS NOT NULL AND julianday(acknowledged_at) <= julianday(acknowledgement_due)), 0) AS acknowledgedInTime
       FROM referrals WHERE referred_at >= @start AND referred_at < @end`,
    ),
    earlyHelp: db
      .prepare(
        `SELECT count(*) FROM (SELECT pupil_id FROM decisions WHERE decision = 'early_help' AND decided_at >= @start AND decided_at < @end
           UNION SELECT pupil_id FROM referrals WHERE agency = 'early_help' AND referred_at >= @start AND referred_at < @end)`,
      )
      .pluck(),
    escalated: db.prepare('SELECT count(*) FROM escalations WHERE started_at >= @start AND started_at < @end').pluck(),
    closed: db.prepare('SELECT count(*) FROM concerns WHERE closed_at >= @start AND closed_at < @end').pluck(),
    openActions: db.prepare('SELECT due_on FROM actions WHERE completed_at IS NULL').pluck(),
    categories: db.prepare('SELECT id, label FROM concern_category_list'),
  };
}

const prepared = new WeakMap<Store, ReturnType<typeof statementsFor>>();
function statements(db: Store) {
  let found = prepared.get(db);
  if (!found) {
    found = statementsFor(db);
    prepared.set(db, found);
  }
  return found;
}

/**
 * Concerns per pupil per school year: a school year wholly inside the period is read from its tally; the first and
 * last, when the period covers only part of them, are counted from that year's links.
 */
function pupilSchoolYears(query: ReturnType<typeof statementsFor>, period: ReportPeriod, span: { start: string; end: string }): ConcernFacts['pupilSchoolYears'] {
  const first = schoolYearOf(period.from);
  const last = schoolYearOf(period.to);
  const whole = (year: number) => period.from <= `${year}-09-01` && `${year + 1}-08-31` <= period.to;
  type Row = ConcernFacts['pupilSchoolYears'][number];
  const firstWhole = whole(first) ? first : first + 1;
  const lastWhole = whole(last) ? last : last - 1;
  // Concatenated, not pushed with spread: a trust has hundreds of thousands of pupil-years.
  let rows: Row[] = firstWhole <= lastWhole ? (query.wholeSchoolYears.all({ first: firstWhole, last: lastWhole }) as Row[]) : [];
  for (const year of new Set([first, last])) {
    if (!whole(year)) rows = rows.concat(query.partSchoolYear.all({ ...span, year }) as Row[]);
  }
  return rows;
}

const noConcerns: ConcernFacts = { readingByDay: [], minutesToRead: [], immediateDangerMinutes: [], authorIds: [], byCategory: [], uncategorised: 0, pupilSchoolYears: [], sharedConcerns: [] };

/** The facts for the concerns recorded in one period (London dates, inclusive). Writes: it folds in new concerns first. */
export function loadConcernFacts(db: Store, period: ReportPeriod): ConcernFacts {
  bringTalliesUpToDate(db);
  return readConcernFacts(db, period);
}

/** The same facts read only: the tallies must already be up to date (`bringTalliesUpToDate`) in the snapshot read. */
function readConcernFacts(db: Store, period: ReportPeriod): ConcernFacts {
  const query = statements(db);
  const dates = { from: period.from, to: period.to };
  const span = periodInstants(period.from, period.to);
  const readingByDay = query.readingByDay.all(dates) as ConcernFacts['readingByDay'];
  // A period before the school began (often the comparison for a long custom period) needs no other query.
  if (readingByDay.length === 0) return noConcerns;
  return {
    readingByDay,
    minutesToRead: query.minutesToRead.all(dates) as ConcernFacts['minutesToRead'],
    immediateDangerMinutes: query.immediateDanger.all(dates) as Array<number | null>,
    authorIds: query.authors.all(span) as string[],
    byCategory: query.byCategory.all(dates) as ConcernFacts['byCategory'],
    uncategorised: query.uncategorised.get(span) as number,
    pupilSchoolYears: pupilSchoolYears(query, period, span),
    sharedConcerns: (query.sharedConcerns.all(span) as Array<[string, string]>).map(([recordedOn, pupilIds]) => ({
      schoolYear: schoolYearOf(recordedOn),
      pupilIds: pupilIds.split(PUPIL_LIST_SEPARATOR),
    })),
  };
}

/** What the DSLs did in one period as it stands at `asOf` (an instant), counted with the outcome tables' date indexes. */
export function loadOutcomes(db: Store, period: ReportPeriod, asOf: string): Outcomes {
  const query = statements(db);
  const span = periodInstants(period.from, period.to);
  const decisionsByType = new Map(query.decisionsByType.all(span) as Array<[string, number]>);
  const referrals = query.referrals.get({ ...span, asOf }) as { made: number; due: number; acknowledgedInTime: number };
  return {
    decisionsByType,
    decisions: [...decisionsByType.values()].reduce((sum, count) => sum + count, 0),
    referralsMade: referrals.made,
    referralsDue: referrals.due,
    acknowledgedInTime: referrals.acknowledgedInTime,
    escalated: query.escalated.get(span) as number,
    earlyHelpStarted: query.earlyHelp.get(span) as number,
    concernsClosed: query.closed.get(span) as number,
  };
}

/**
 * Everything one report needs: both periods counted, the staff and pupils they are split by, and today's actions.
 * Reads only, so it can run on a read-only connection (decision 0026): fold the tallies first.
 */
export function loadReportData(db: Store, periods: ResolvedPeriods, asOf: string): ReportData {
  const query = statements(db);
  const categoryLabels: Record<string, string> = Object.fromEntries(defaultCategories.map((category) => [category.id, category.label]));
  for (const row of query.categories.all() as Array<{ id: string; label: string }>) categoryLabels[row.id] = row.label;
  return {
    current: { concerns: readConcernFacts(db, periods.current), outcomes: loadOutcomes(db, periods.current, asOf) },
    previous: { concerns: readConcernFacts(db, periods.previous), outcomes: loadOutcomes(db, periods.previous, asOf) },
    staff: query.staff.all() as ReportStaffMember[],
    pupils: query.pupils.all() as ReportPupil[],
    openActionDueDates: query.openActions.all() as string[],
    categoryLabels,
    closureDates: readSettings(db).closureDates,
  };
}
