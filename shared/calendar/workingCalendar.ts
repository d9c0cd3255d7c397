// Working days and school days, and the deadlines counted in them (docs/decisions/0005).
//
// What "due" means everywhere in the product: a period of N working (or school) days starting from an event
// counts the days AFTER the London date of the event — the day it happened never counts, however early —
// and the deadline is the END of the Nth counted day, 23:59:59.999 London time. So a referral made at any
// time on Friday 20/11/2026 with 1 working day to acknowledge is due by the end of Monday 23/11/2026, and it
// is overdue from 00:00 on Tuesday 24/11/2026.
import { bankHolidayName } from './bankHolidays';
import { addCalendarDays, assertIsoDate, isWeekend } from './isoDate';
import { endOfLondonDay, londonIsoDate } from './londonTime';

export interface WorkingCalendarOptions {
  /**
   * Days the school is closed although offices are open (`yyyy-MM-dd`): INSET days, school holidays. They stop
   * school-day clocks (a child-protection file transfer) but not working-day clocks (a local authority's).
   */
  closureDates?: readonly string[];
}

/** True once `now` is past `due`; `due` is itself the last moment allowed, so being exactly on it is in time. */
export function isOverdue(due: Date, now: Date): boolean {
  return now.getTime() > due.getTime();
}

function assertDayCount(days: number): void {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`Expected a whole number of days, 0 or more, got ${days}`);
}

export class WorkingCalendar {
  private readonly closureDates: ReadonlySet<string>;

  constructor(options: WorkingCalendarOptions = {}) {
    const closureDates = options.closureDates ?? [];
    for (const date of closureDates) assertIsoDate(date, 'school closure date');
    this.closureDates = new Set(closureDates);
  }

  /** Monday to Friday and not an England and Wales bank holiday: the local authority's and police's working days. */
  isWorkingDay(isoDate: string): boolean {
    return !isWeekend(isoDate) && bankHolidayName(isoDate) === undefined;
  }

  /** A working day on which the school is open (not one of the closure dates). */
  isSchoolDay(isoDate: string): boolean {
    return this.isWorkingDay(isoDate) && !this.closureDates.has(isoDate);
  }

  /**
   * The deadline `days` working days after `instant`: the end (23:59:59.999 London) of the `days`th working day
   * after the London date of `instant`. With 0 days: the end of that same day if it is a working day, otherwise
   * of the next working day.
   */
  addWorkingDays(instant: Date, days: number): Date {
    return this.deadline(instant, days, (isoDate) => this.isWorkingDay(isoDate));
  }

  /** As addWorkingDays, counting only school days (e.g. 5 school days to send a child-protection file). */
  addSchoolDays(instant: Date, days: number): Date {
    return this.deadline(instant, days, (isoDate) => this.isSchoolDay(isoDate));
  }

  /**
   * Working days after the London date of `from` up to and including that of `to`, so that
   * `workingDaysBetween(x, addWorkingDays(x, n)) === n`. Negative when `to` is the earlier, so with `from = due`
   * and `to = now` it reads as "working days overdue"; with `from = now` and `to = due`, "working days left".
   */
  workingDaysBetween(from: Date, to: Date): number {
    return this.countBetween(from, to, (isoDate) => this.isWorkingDay(isoDate));
  }

  /** As workingDaysBetween, counting school days. */
  schoolDaysBetween(from: Date, to: Date): number {
    return this.countBetween(from, to, (isoDate) => this.isSchoolDay(isoDate));
  }

  /** True once `now` is past `due` (see the standalone isOverdue). */
  isOverdue(due: Date, now: Date): boolean {
    return isOverdue(due, now);
  }

  private deadline(instant: Date, days: number, counts: (isoDate: string) => boolean): Date {
    assertDayCount(days);
    let date = londonIsoDate(instant);
    if (days === 0) {
      while (!counts(date)) date = addCalendarDays(date, 1);
      return endOfLondonDay(date);
    }
    for (let counted = 0; counted < days; ) {
      date = addCalendarDays(date, 1);
      if (counts(date)) counted += 1;
    }
    return endOfLondonDay(date);
  }

  private countBetween(from: Date, to: Date, counts: (isoDate: string) => boolean): number {
    const fromDate = londonIsoDate(from);
    const toDate = londonIsoDate(to);
    if (toDate < fromDate) return -this.countBetween(to, from, counts);
    let total = 0;
    for (let date = addCalendarDays(fromDate, 1); date <= toDate; date = addCalendarDays(date, 1)) {
      if (counts(date)) total += 1;
    }
    return total;
  }
}
