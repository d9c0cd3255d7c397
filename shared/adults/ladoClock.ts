// The LADO clock (KCSIE Part 4): the case manager consults the local authority designated officer within one working
// day of knowing of an allegation. Counted like the referral clocks (docs/decisions/0005): the day they knew does not
// count, and the deadline is the end of the next working day, bank holidays and weekends skipped.
import type { WorkingCalendar } from '../calendar/workingCalendar';

export const LADO_CONSULTATION_WORKING_DAYS = 1;

export type LadoClockState = 'consulted' | 'due' | 'overdue';

export function ladoConsultationDue(calendar: WorkingCalendar, caseManagerKnewAt: Date): Date {
  return calendar.addWorkingDays(caseManagerKnewAt, LADO_CONSULTATION_WORKING_DAYS);
}

export function ladoClock(calendar: WorkingCalendar, allegation: { caseManagerKnewAt: string; ladoConsultedAt: string | null }, now: Date): { state: LadoClockState; due: string } {
  const due = ladoConsultationDue(calendar, new Date(allegation.caseManagerKnewAt));
  if (allegation.ladoConsultedAt) return { state: 'consulted', due: due.toISOString() };
  return { state: calendar.isOverdue(due, now) ? 'overdue' : 'due', due: due.toISOString() };
}
