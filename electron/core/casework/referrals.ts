// Referrals and their clocks: acknowledgement within 1 working day, an assessment outcome within 45, chases, and
// escalation through the local stages when the DSL disagrees with the outcome.
import { v7 as uuidv7 } from 'uuid';
import type { ReferralClock } from '../../../shared/api';
import { ASSESSMENT_OUTCOME_WORKING_DAYS, REFERRAL_ACKNOWLEDGEMENT_WORKING_DAYS } from '../../../shared/casework';
import type { WorkingCalendar } from '../../../shared/calendar';
import { pupilDisplayName } from '../pupils/pupilDirectory';
import type { Store } from '../store';
import { referralClock } from './clocks';

export interface NewReferral {
  pupilId: string;
  decisionId: string | null;
  agency: string;
  contact: { packId: string | null; contactId: string | null; name: string; phone: string; email: string };
  method: string;
  referredAt: Date;
  reference: string;
  whatShared: string;
  consent: string;
  consentReason: string;
}

export function createReferral(db: Store, calendar: WorkingCalendar, referral: NewReferral, by: string, now: Date) {
  const id = uuidv7();
  const acknowledgementDue = calendar.addWorkingDays(referral.referredAt, REFERRAL_ACKNOWLEDGEMENT_WORKING_DAYS).toISOString();
  const outcomeDue = calendar.addWorkingDays(referral.referredAt, ASSESSMENT_OUTCOME_WORKING_DAYS).toISOString();
  db.prepare(
    `INSERT INTO referrals (id, pupil_id, decision_id, agency, contact, method, referred_at, reference, what_shared, consent, consent_reason,
       acknowledgement_due, outcome_due, recorded_by, recorded_at)
     VALUES (@id, @pupilId, @decisionId, @agency, @contact, @method, @referredAt, @reference, @whatShared, @consent, @consentReason,
       @acknowledgementDue, @outcomeDue, @by, @now)`,
  ).run({
    ...referral,
    id,
    contact: JSON.stringify(referral.contact),
    referredAt: referral.referredAt.toISOString(),
    acknowledgementDue,
    outcomeDue,
    by,
    now: now.toISOString(),
  });
  return { id, acknowledgementDue, outcomeDue };
}

interface ReferralRow {
  id: string;
  pupil_id: string;
  legal_first_name: string;
  legal_last_name: string;
  preferred_name: string | null;
  agency: ReferralClock['agency'];
  contact: string;
  referred_at: string;
  reference: string;
  acknowledgement_due: string;
  acknowledged_at: string | null;
  outcome_due: string;
  outcome_at: string | null;
  outcome: ReferralClock['outcome'];
  chases: number;
  version: number;
}

const referralSelect = `SELECT r.*, p.legal_first_name, p.legal_last_name, p.preferred_name, (SELECT count(*) FROM referral_chases WHERE referral_id = r.id) AS chases
  FROM referrals r JOIN pupils p ON p.id = r.pupil_id`;

function toClock(db: Store, calendar: WorkingCalendar, row: ReferralRow, now: Date): ReferralClock {
  const escalation = db.prepare('SELECT id, resolve_by, resolved_at, stages, version, (SELECT count(*) FROM escalation_steps WHERE escalation_id = e.id) AS steps FROM escalations e WHERE referral_id = ? ORDER BY started_at DESC LIMIT 1').get(row.id) as
    | { id: string; resolve_by: string; resolved_at: string | null; stages: string; steps: number; version: number }
    | undefined;
  return {
    id: row.id,
    pupilId: row.pupil_id,
    pupilName: pupilDisplayName({ legalFirstName: row.legal_first_name, legalLastName: row.legal_last_name, preferredName: row.preferred_name }),
    agency: row.agency,
    contactName: (JSON.parse(row.contact) as { name: string }).name,
    referredAt: row.referred_at,
    reference: row.reference,
    acknowledgementDue: row.acknowledgement_due,
    acknowledgedAt: row.acknowledged_at,
    outcomeDue: row.outcome_due,
    outcomeAt: row.outcome_at,
    outcome: row.outcome,
    ...referralClock(calendar, { acknowledgementDue: row.acknowledgement_due, acknowledgedAt: row.acknowledged_at, outcomeDue: row.outcome_due, outcomeAt: row.outcome_at }, now),
    chases: row.chases,
    escalation: escalation
      ? { id: escalation.id, resolveBy: escalation.resolve_by, resolvedAt: escalation.resolved_at, stages: JSON.parse(escalation.stages) as Array<{ title: string; workingDays: number }>, stepsTaken: escalation.steps, version: escalation.version }
      : null,
    version: row.version,
  };
}

/** Referrals still waiting on the agency, most urgent first (overdue acknowledgements before anything else). */
export function referralsAwaiting(db: Store, calendar: WorkingCalendar, now: Date, includeComplete: boolean, pupilId?: string): ReferralClock[] {
  const conditions = [includeComplete ? '1 = 1' : 'r.outcome_at IS NULL', pupilId ? 'r.pupil_id = @pupilId' : '1 = 1'];
  const rows = db.prepare(`${referralSelect} WHERE ${conditions.join(' AND ')} ORDER BY r.referred_at`).all(pupilId ? { pupilId } : {}) as ReferralRow[];
  const order = { acknowledgement_overdue: 0, outcome_overdue: 1, awaiting_acknowledgement: 2, awaiting_outcome: 3, complete: 4 };
  return rows.map((row) => toClock(db, calendar, row, now)).sort((a, b) => order[a.clock] - order[b.clock] || b.workingDaysOverdue - a.workingDaysOverdue);
}

export function referralPupil(db: Store, referralId: string): string | null {
  return (db.prepare('SELECT pupil_id FROM referrals WHERE id = ?').pluck().get(referralId) as string | undefined) ?? null;
}

export function escalationPupil(db: Store, escalationId: string): { pupilId: string; stages: number; resolved: boolean } | null {
  const row = db.prepare('SELECT r.pupil_id, e.stages, e.resolved_at FROM escalations e JOIN referrals r ON r.id = e.referral_id WHERE e.id = ?').get(escalationId) as
    | { pupil_id: string; stages: string; resolved_at: string | null }
    | undefined;
  return row ? { pupilId: row.pupil_id, stages: (JSON.parse(row.stages) as unknown[]).length, resolved: row.resolved_at !== null } : null;
}

export function startEscalation(db: Store, calendar: WorkingCalendar, referralId: string, disagreement: string, stages: Array<{ title: string; workingDays: number }>, by: string, now: Date) {
  const id = uuidv7();
  const total = stages.reduce((sum, stage) => sum + stage.workingDays, 0);
  const resolveBy = calendar.addWorkingDays(now, total).toISOString();
  db.prepare('INSERT INTO escalations (id, referral_id, started_at, started_by, disagreement, stages, resolve_by) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    referralId,
    now.toISOString(),
    by,
    disagreement,
    JSON.stringify(stages),
    resolveBy,
  );
  return { id, resolveBy };
}
