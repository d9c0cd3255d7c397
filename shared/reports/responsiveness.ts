// How quickly a DSL read what staff recorded.
import type { WorkingCalendar } from '../calendar';
import { londonDateOf, minutesBetween, sameSchoolDayDeadline } from './londonDays';
import type { ReportConcern } from './reportData';
import { median, percentile, sortedNumbers } from './statistics';

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

export function responsivenessOf(concerns: readonly ReportConcern[], calendar: WorkingCalendar, today: string, deadlineCache = new Map<string, string>()): Responsiveness {
  const deadlineFor = sameSchoolDayDeadline(calendar, deadlineCache);
  const minutes: number[] = [];
  let readSameSchoolDay = 0;
  let eligible = 0;
  for (const concern of concerns) {
    const deadline = deadlineFor(londonDateOf(concern.recordedAt));
    if (concern.readAt === null) {
      // Still inside its first school day: too soon to say it was not read in time.
      if (today > deadline) eligible += 1;
      continue;
    }
    minutes.push(Math.max(0, minutesBetween(concern.recordedAt, concern.readAt)));
    eligible += 1;
    if (londonDateOf(concern.readAt) <= deadline) readSameSchoolDay += 1;
  }
  const sorted = sortedNumbers(minutes);
  return {
    logged: concerns.length,
    read: minutes.length,
    unread: concerns.length - minutes.length,
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

export function immediateDangerOf(concerns: readonly ReportConcern[]): ImmediateDanger {
  const urgent = concerns.filter((concern) => concern.immediateDanger);
  const minutes = sortedNumbers(urgent.filter((concern) => concern.readAt !== null).map((concern) => Math.max(0, minutesBetween(concern.recordedAt, concern.readAt!))));
  return { count: urgent.length, unread: urgent.length - minutes.length, medianMinutes: median(minutes), slowestMinutes: minutes.length > 0 ? minutes[minutes.length - 1]! : null };
}
