// Turning dates into the clocks a DSL watches. One WorkingCalendar per call, built from the school's settings.
import { WorkingCalendar, endOfLondonDay, isIsoDate, londonIsoDate } from '../../../shared/calendar';
import { readSettings } from '../settings';
import type { Store } from '../store';

export function schoolCalendar(db: Store): WorkingCalendar {
  return new WorkingCalendar({ closureDates: readSettings(db).closureDates });
}

export type ReferralClockState = 'acknowledgement_overdue' | 'awaiting_acknowledgement' | 'outcome_overdue' | 'awaiting_outcome' | 'complete';

/** Where a referral stands against its two statutory clocks, and how many working days late it is. */
export function referralClock(
  calendar: WorkingCalendar,
  referral: { acknowledgementDue: string; acknowledgedAt: string | null; outcomeDue: string; outcomeAt: string | null },
  now: Date,
): { clock: ReferralClockState; workingDaysOverdue: number } {
  if (referral.outcomeAt) return { clock: 'complete', workingDaysOverdue: 0 };
  const due = new Date(referral.acknowledgedAt ? referral.outcomeDue : referral.acknowledgementDue);
  const overdue = calendar.isOverdue(due, now);
  const workingDaysOverdue = overdue ? Math.max(1, calendar.workingDaysBetween(due, now)) : 0;
  if (!referral.acknowledgedAt) return { clock: overdue ? 'acknowledgement_overdue' : 'awaiting_acknowledgement', workingDaysOverdue };
  return { clock: overdue ? 'outcome_overdue' : 'awaiting_outcome', workingDaysOverdue };
}

/**
 * An action or review date (yyyy-MM-dd) is overdue once its London day has ended. An impossible date stored before
 * dates were checked (30 February) counts as overdue, so it comes to the top of the queue and someone corrects it.
 */
export function dateOverdue(isoDate: string, now: Date): boolean {
  if (!isIsoDate(isoDate)) return true;
  return now.getTime() > endOfLondonDay(isoDate).getTime();
}

export function todayInLondon(now: Date): string {
  return londonIsoDate(now);
}
