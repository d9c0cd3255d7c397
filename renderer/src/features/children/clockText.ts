// How a referral's clocks read to a DSL: what it is waiting for, how late, and by when — always in words, never by
// colour alone. Used by the child's file and the review queue.
import type { ReferralClock } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/calendar';

const dayWord = (days: number) => (days === 1 ? '1 working day' : `${days} working days`);

export const clockLabels: Record<ReferralClock['clock'], string> = {
  acknowledgement_overdue: 'Acknowledgement overdue',
  awaiting_acknowledgement: 'Awaiting acknowledgement',
  outcome_overdue: 'Outcome overdue',
  awaiting_outcome: 'Awaiting outcome',
  complete: 'Outcome recorded',
};

export function isOverdueClock(clock: ReferralClock['clock']): boolean {
  return clock === 'acknowledgement_overdue' || clock === 'outcome_overdue';
}

/** "Acknowledgement overdue by 1 working day — was due 24/11/2026 23:59". */
export function clockSentence(referral: ReferralClock): string {
  const due = referral.acknowledgedAt ? referral.outcomeDue : referral.acknowledgementDue;
  const dueText = formatDateTime(new Date(due));
  switch (referral.clock) {
    case 'acknowledgement_overdue':
    case 'outcome_overdue':
      return `${clockLabels[referral.clock]} by ${dayWord(referral.workingDaysOverdue)} — was due ${dueText}`;
    case 'awaiting_acknowledgement':
      return `Awaiting acknowledgement — due by ${dueText}`;
    case 'awaiting_outcome':
      return `Awaiting the outcome of assessment — due by ${dueText}`;
    case 'complete':
      return 'Outcome recorded';
  }
}
