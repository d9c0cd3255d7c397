// Fast London dates for hundreds of thousands of stored instants. The general calendar code (TZDate) is exact but
// costs microseconds a call; here the UK rule is applied directly: British Summer Time runs from 01:00 UTC on the
// last Sunday of March to 01:00 UTC on the last Sunday of October (fixed by the Summer Time Order since 1998,
// matching the EU rule in force since 1996). Tests check it against the general code across clock changes.
import { addCalendarDays, startOfLondonDay, type WorkingCalendar } from '../calendar';

const DAY_MS = 86_400_000;

const summerTimeCache = new Map<number, readonly [number, number]>();

function lastSundayAt0100Utc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  return Date.UTC(year, monthIndex, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

function summerTime(year: number): readonly [number, number] {
  let bounds = summerTimeCache.get(year);
  if (!bounds) {
    bounds = [lastSundayAt0100Utc(year, 2), lastSundayAt0100Utc(year, 9)];
    summerTimeCache.set(year, bounds);
  }
  return bounds;
}

const nextDayCache = new Map<string, string>();
function nextDay(isoDate: string): string {
  let next = nextDayCache.get(isoDate);
  if (!next) {
    next = addCalendarDays(isoDate, 1);
    nextDayCache.set(isoDate, next);
  }
  return next;
}

/** The London date (yyyy-MM-dd) of a stored UTC instant written by toISOString(). */
export function londonDateOf(utcInstant: string): string {
  const utcDate = utcInstant.slice(0, 10);
  const hour = Number(utcInstant.slice(11, 13));
  // Only in summer time, and only from 23:00 UTC, is London already on the next day.
  if (hour < 23) return utcDate;
  const [start, end] = summerTime(Number(utcInstant.slice(0, 4)));
  const ms = Date.parse(utcInstant);
  return ms >= start && ms < end ? nextDay(utcDate) : utcDate;
}

/** The instants that bound a period of London dates: [start, end) as UTC ISO strings, comparable as text. */
export function periodInstants(from: string, to: string): { start: string; end: string } {
  return { start: startOfLondonDay(from).toISOString(), end: startOfLondonDay(addCalendarDays(to, 1)).toISOString() };
}

/** Whole days since 1970-01-01 for a yyyy-MM-dd date, for bucketing by week. */
export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(isoDate) / DAY_MS);
}

/** Minutes between two stored instants. */
export function minutesBetween(fromInstant: string, toInstant: string): number {
  return (Date.parse(toInstant) - Date.parse(fromInstant)) / 60_000;
}

/**
 * The last London date on which a concern logged on `loggedDate` still counts as read "the same school day": that
 * day if the school was open, otherwise the next day it was (a concern logged on a Saturday counts Monday).
 * Cached per date, because thousands of concerns share a day.
 */
export function sameSchoolDayDeadline(calendar: WorkingCalendar, cache: Map<string, string>) {
  return (loggedDate: string): string => {
    let deadline = cache.get(loggedDate);
    if (!deadline) {
      deadline = loggedDate;
      while (!calendar.isSchoolDay(deadline)) deadline = addCalendarDays(deadline, 1);
      cache.set(loggedDate, deadline);
    }
    return deadline;
  };
}
