// The English school year, near enough for demo data: three terms with half-terms, no weekends, no August and no
// bank holidays. Dates are ISO strings (yyyy-mm-dd) in UTC arithmetic, so no time zone can shift a day.
import { isBankHolidayEnglandWales } from '../../../shared/calendar';

const DAY_MS = 24 * 60 * 60 * 1000;

const utc = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const weekday = (ms: number) => new Date(ms).getUTCDay();

/** The first date on or after `ms` that falls on `day` (0 = Sunday … 6 = Saturday). */
function onOrAfter(ms: number, day: number): number {
  return ms + ((day - weekday(ms) + 7) % 7) * DAY_MS;
}

function onOrBefore(ms: number, day: number): number {
  return ms - ((weekday(ms) - day + 7) % 7) * DAY_MS;
}

/** Monday to Friday of the week that holds `ms`. */
function weekOf(ms: number): [number, number] {
  const monday = onOrBefore(ms, 1);
  return [monday, monday + 4 * DAY_MS];
}

/** The school year that holds a date: September to August, named by the year it starts. */
export function schoolYearStarting(isoDate: string): number {
  const [year, month] = isoDate.split('-').map(Number) as [number, number];
  return month >= 9 ? year : year - 1;
}

const cache = new Map<number, readonly string[]>();

/** Every school day of the school year starting in September of `startYear`, in order. */
export function schoolDays(startYear: number): readonly string[] {
  const cached = cache.get(startYear);
  if (cached) return cached;
  const next = startYear + 1;
  const terms: Array<[number, number]> = [
    [onOrAfter(utc(startYear, 9, 3), 3), onOrBefore(utc(startYear, 12, 19), 5)],
    [onOrAfter(utc(next, 1, 5), 1), onOrBefore(utc(next, 3, 29), 5)],
    [onOrAfter(utc(next, 4, 14), 1), onOrBefore(utc(next, 7, 22), 3)],
  ];
  const holidays = [weekOf(utc(startYear, 10, 27)), weekOf(utc(next, 2, 17)), weekOf(utc(next, 5, 28))];
  const days: string[] = [];
  for (const [first, last] of terms) {
    for (let day = first; day <= last; day += DAY_MS) {
      const dow = weekday(day);
      if (dow === 0 || dow === 6 || isBankHolidayEnglandWales(iso(day))) continue;
      if (holidays.some(([from, to]) => day >= from && day <= to)) continue;
      days.push(iso(day));
    }
  }
  cache.set(startYear, days);
  return days;
}

/** Year groups as the roster stores them: 'R' for Reception, then '1' … '13'. */
export const yearGroupCodes = ['R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const;
export type YearGroupCode = (typeof yearGroupCodes)[number];

/**
 * The range of birth dates for a year group. English schools group children by their age on 31 August: those
 * who are 4 then start Reception that September; Year N is N years older.
 */
export function birthDateRange(yearIndex: number, schoolYearStart: number): { from: string; to: string } {
  const cohort = schoolYearStart - 5 - yearIndex;
  return { from: iso(utc(cohort, 9, 1)), to: iso(utc(cohort + 1, 8, 31)) };
}

/** The year group (0 = Reception) a child born on `dateOfBirth` is in during the school year starting `schoolYearStart`. */
export function yearIndexFor(dateOfBirth: string, schoolYearStart: number): number {
  const [year, month] = dateOfBirth.split('-').map(Number) as [number, number];
  const cohort = month >= 9 ? year : year - 1;
  return schoolYearStart - 5 - cohort;
}

/** A day between two ISO dates, both included. */
export function dayBetween(from: string, to: string, roll: number): string {
  const first = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - first) / DAY_MS);
  return iso(first + Math.floor(roll * (days + 1)) * DAY_MS);
}
