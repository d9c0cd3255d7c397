// What the DSL did: decisions, referrals and their acknowledgement, escalations, early help, closures, actions.
import type { Outcomes, ReportDecision, ReportReferral } from './reportData';

const within = (instant: string, start: string, end: string) => instant >= start && instant < end;

export interface OutcomeSources {
  decisions: readonly ReportDecision[];
  referrals: readonly ReportReferral[];
  escalationStarts: readonly string[];
  concernClosings: readonly string[];
}

/**
 * The reference count of outcomes in [start, end) from plain rows, as they stand at `asOf` (an instant); the store
 * counts the same with its indexes.
 */
export function outcomesIn(sources: OutcomeSources, start: string, end: string, asOf: string): Outcomes {
  const decisionsByType = new Map<string, number>();
  const earlyHelpChildren = new Set<string>();
  let decisions = 0;
  for (const decision of sources.decisions) {
    if (!within(decision.decidedAt, start, end)) continue;
    decisions += 1;
    decisionsByType.set(decision.decision, (decisionsByType.get(decision.decision) ?? 0) + 1);
    if (decision.decision === 'early_help') earlyHelpChildren.add(decision.pupilId);
  }
  let referralsMade = 0;
  let referralsDue = 0;
  let acknowledgedInTime = 0;
  for (const referral of sources.referrals) {
    if (!within(referral.referredAt, start, end)) continue;
    referralsMade += 1;
    // Timeliness is judged only once the deadline has passed: a referral made minutes ago is not yet late.
    // Compared as instants: both are stored by toISOString(), but a hand-entered time may carry another offset.
    if (Date.parse(referral.acknowledgementDue) < Date.parse(asOf)) {
      referralsDue += 1;
      if (referral.acknowledgedAt !== null && Date.parse(referral.acknowledgedAt) <= Date.parse(referral.acknowledgementDue)) acknowledgedInTime += 1;
    }
    if (referral.agency === 'early_help') earlyHelpChildren.add(referral.pupilId);
  }
  return {
    decisionsByType,
    decisions,
    referralsMade,
    referralsDue,
    acknowledgedInTime,
    escalated: sources.escalationStarts.filter((instant) => within(instant, start, end)).length,
    earlyHelpStarted: earlyHelpChildren.size,
    concernsClosed: sources.concernClosings.filter((instant) => within(instant, start, end)).length,
  };
}

/** Open actions whose due date (a London date) is before today. */
export function overdueActions(openActionDueDates: readonly string[], today: string): number {
  return openActionDueDates.filter((dueOn) => dueOn < today).length;
}
