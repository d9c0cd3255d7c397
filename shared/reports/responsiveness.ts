// How quickly a DSL read what staff recorded.
import type { WorkingCalendar } from '../calendar';
import { concernCount } from './concernFacts';
import { sameSchoolDayDeadline } from './londonDays';
import type { ConcernFacts } from './reportData';
import { median, percentile, sortedFromCounts, sortedNumbers } from './statistics';

export interface Responsiveness {
  logged: number;
  read: number;
  unread: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Read before the end of the school day they were recorded on (or the next school day, if recorded when closed). */
  readSameSchoolDay: number;
  /** Concerns whose first school day is over, or which have been read: the share's denominator. */
  sameSchoolDayEligible: number;
}

export function responsivenessOf(facts: ConcernFacts, calendar: WorkingCalendar, today: string, deadlineCache = new Map<string, string>()): Responsiveness {
  const deadlineFor = sameSchoolDayDeadline(calendar, deadlineCache);
  let readSameSchoolDay = 0;
  let eligible = 0;
  for (const day of facts.readingByDay) {
    const deadline = deadlineFor(day.recordedOn);
    if (day.readOn === null) {
      // Still inside their first school day: too soon to say they were not read in time.
      if (today > deadline) eligible += day.concerns;
      continue;
    }
    eligible += day.concerns;
    if (day.readOn <= deadline) readSameSchoolDay += day.concerns;
  }
  const sorted = sortedFromCounts(facts.minutesToRead.map((row) => ({ value: row.minutes, count: row.concerns })));
  const logged = concernCount(facts);
  return {
    logged,
    read: sorted.length,
    unread: logged - sorted.length,
    medianMinutes: median(sorted),
    p90Minutes: percentile(sorted, 0.9),
    readSameSchoolDay,
    sameSchoolDayEligible: eligible,
  };
}

export interface ImmediateDanger {
  count: number;
  unread: number;
  medianMinutes: number | null;
  slowestMinutes: number | null;
}

export function immediateDangerOf(facts: ConcernFacts): ImmediateDanger {
  const minutes = sortedNumbers(facts.immediateDangerMinutes.filter((value): value is number => value !== null));
  const count = facts.immediateDangerMinutes.length;
  return { count, unread: count - minutes.length, medianMinutes: median(minutes), slowestMinutes: minutes.length > 0 ? minutes[minutes.length - 1]! : null };
}
