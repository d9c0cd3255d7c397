// Concerns logged over time: counts per week (7-day blocks from the period's first day) or per calendar month.
import { addCalendarDays } from '../calendar';
import { monthLabel, shortDate } from './formatting';
import { dayNumber } from './londonDays';
import { daysInPeriod } from './periods';
import type { ReportPeriod } from './reportSchema';

/** Weeks up to 20 weeks (a term), months beyond: a school year of weekly points is too busy to read. */
export const WEEKLY_UP_TO_DAYS = 20 * 7;

export type Granularity = 'week' | 'month';

export function granularityFor(period: ReportPeriod): Granularity {
  return daysInPeriod(period.from, period.to) <= WEEKLY_UP_TO_DAYS ? 'week' : 'month';
}

export interface Bucket {
  label: string;
  from: string;
}

export function bucketsFor(period: ReportPeriod, granularity: Granularity): Bucket[] {
  const buckets: Bucket[] = [];
  if (granularity === 'week') {
    for (let from = period.from; from <= period.to; from = addCalendarDays(from, 7)) buckets.push({ label: `w/c ${shortDate(from)}`, from });
    return buckets;
  }
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  for (;;) {
    const first = `${year}-${String(month).padStart(2, '0')}-01`;
    if (first > period.to) break;
    const from = first < period.from ? period.from : first;
    buckets.push({ label: monthLabel(first), from });
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return buckets;
}

/** Which bucket a London date falls in (the date must be inside the period). */
export function bucketIndexer(period: ReportPeriod, granularity: Granularity): (londonDate: string) => number {
  if (granularity === 'week') {
    const first = dayNumber(period.from);
    return (londonDate) => Math.floor((dayNumber(londonDate) - first) / 7);
  }
  const firstMonth = Number(period.from.slice(0, 4)) * 12 + Number(period.from.slice(5, 7));
  return (londonDate) => Number(londonDate.slice(0, 4)) * 12 + Number(londonDate.slice(5, 7)) - firstMonth;
}

/** Concerns per bucket of the period, from counts per London date of recording. */
export function countPerBucket(days: ReadonlyArray<{ recordedOn: string; concerns: number }>, period: ReportPeriod, granularity: Granularity): number[] {
  const counts = new Array<number>(bucketsFor(period, granularity).length).fill(0);
  const indexOf = bucketIndexer(period, granularity);
  for (const day of days) {
    const index = indexOf(day.recordedOn);
    if (index >= 0 && index < counts.length) counts[index]! += day.concerns;
  }
  return counts;
}
