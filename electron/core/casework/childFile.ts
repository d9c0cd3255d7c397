// A child's file: the profile with dated status flags, what is open, and the chronology — every concern, addendum,
// decision, referral, action, review, assessment and external event in date order, as a social worker reads it.
import type { ChildFile, ChronologyEntry } from '../../../shared/api';
import {
  agencyLabels,
  concernOutcomeLabels,
  consentLabels,
  decisionLabels,
  externalEventLabels,
  referralOutcomeLabels,
  statusFlagLabels,
  type Agency,
  type DecisionKind,
  type ExternalEventKind,
  type StatusFlag,
} from '../../../shared/casework';
import type { WorkingCalendar } from '../../../shared/calendar';
import { findPupilDetails, findPupilSummary, pupilDisplayName, siblingsOf } from '../pupils/pupilDirectory';
import type { Store } from '../store';
import { dateOverdue, todayInLondon } from './clocks';
import { referralsAwaiting } from './referrals';

export function childFile(db: Store, calendar: WorkingCalendar, pupilId: string, now: Date): ChildFile | null {
  const summary = findPupilSummary(db, pupilId);
  const details = findPupilDetails(db, pupilId);
  if (!summary || !details) return null;
  const today = todayInLondon(now);
  // Siblings are the pupils sharing a household, left or not: a sibling who moved school is still family.
  const siblings = summary.householdId ? siblingsOf(db, pupilId, { includeLeavers: true }) : [];
  const flags = db.prepare('SELECT id, flag, start_date, end_date, source, version FROM status_flags WHERE pupil_id = ? ORDER BY start_date DESC').all(pupilId) as Array<{
    id: string;
    flag: StatusFlag;
    start_date: string;
    end_date: string | null;
    source: string;
    version: number;
  }>;
  return {
    pupil: { id: summary.id, ...details, leftOn: summary.leftOn },
    siblings: siblings.map((sibling) => ({ id: sibling.id, name: pupilDisplayName(sibling), yearGroup: sibling.yearGroup })),
    flags: flags.map((flag) => ({ id: flag.id, flag: flag.flag, startDate: flag.start_date, endDate: flag.end_date, source: flag.source, current: flag.start_date <= today && (flag.end_date === null || flag.end_date >= today), version: flag.version })),
    openReferrals: referralsAwaiting(db, calendar, now, false, pupilId),
    referrals: referralsAwaiting(db, calendar, now, true, pupilId),
    concerns: (
      db
        .prepare(
          `SELECT c.id, c.recorded_at, c.occurred_at, c.status, c.immediate_danger, substr(c.what_happened, 1, 200) AS summary, c.outcome, c.version, u.display_name AS author_name
           FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id JOIN users u ON u.id = c.author_id WHERE cp.pupil_id = ? ORDER BY c.occurred_at DESC`,
        )
        .all(pupilId) as Array<{ id: string; recorded_at: string; occurred_at: string; status: 'new' | 'read' | 'open' | 'closed'; immediate_danger: number; summary: string; outcome: string | null; author_name: string; version: number }>
    ).map((row) => ({ id: row.id, recordedAt: row.recorded_at, occurredAt: row.occurred_at, status: row.status, immediateDanger: row.immediate_danger === 1, summary: row.summary, authorName: row.author_name, outcome: row.outcome, version: row.version })),
    openActions: actionsFor(db, now, { pupilId, openOnly: true }),
    reviews: reviewsFor(db, now, { pupilId }),
    concernCount: db.prepare('SELECT count(*) FROM concern_pupils WHERE pupil_id = ?').pluck().get(pupilId) as number,
  };
}

export function actionsFor(db: Store, now: Date, options: { pupilId?: string; openOnly: boolean; dueBy?: string }) {
  const conditions = [options.openOnly ? 'a.completed_at IS NULL' : '1 = 1', options.pupilId ? 'a.pupil_id = @pupilId' : '1 = 1', options.dueBy ? 'a.due_on <= @dueBy' : '1 = 1'];
  const rows = db
    .prepare(
      `SELECT a.*, u.display_name AS owner_name, p.legal_first_name, p.legal_last_name, p.preferred_name
       FROM actions a JOIN users u ON u.id = a.owner_id JOIN pupils p ON p.id = a.pupil_id
       WHERE ${conditions.join(' AND ')} ORDER BY a.due_on`,
    )
    .all({ pupilId: options.pupilId, dueBy: options.dueBy }) as Array<{
    id: string;
    pupil_id: string;
    title: string;
    owner_id: string;
    owner_name: string;
    due_on: string;
    completed_at: string | null;
    completion_notes: string;
    legal_first_name: string;
    legal_last_name: string;
    preferred_name: string | null;
    version: number;
  }>;
  return rows.map((row) => ({
    id: row.id,
    pupilId: row.pupil_id,
    pupilName: pupilDisplayName({ legalFirstName: row.legal_first_name, legalLastName: row.legal_last_name, preferredName: row.preferred_name }),
    title: row.title,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    dueOn: row.due_on,
    completedAt: row.completed_at,
    completionNotes: row.completion_notes,
    version: row.version,
    overdue: row.completed_at === null && dateOverdue(row.due_on, now),
  }));
}

export function reviewsFor(db: Store, now: Date, options: { pupilId?: string; dueBy?: string }) {
  const conditions = ['r.ended_at IS NULL', options.pupilId ? 'r.pupil_id = @pupilId' : '1 = 1', options.dueBy ? 'r.next_due_on <= @dueBy' : '1 = 1'];
  const rows = db
    .prepare(
      `SELECT r.*, u.display_name AS owner_name, p.legal_first_name, p.legal_last_name, p.preferred_name
       FROM reviews r JOIN users u ON u.id = r.owner_id JOIN pupils p ON p.id = r.pupil_id
       WHERE ${conditions.join(' AND ')} ORDER BY r.next_due_on`,
    )
    .all({ pupilId: options.pupilId, dueBy: options.dueBy }) as Array<{
    id: string;
    pupil_id: string;
    title: string;
    interval_days: number;
    next_due_on: string;
    owner_name: string;
    legal_first_name: string;
    legal_last_name: string;
    preferred_name: string | null;
    version: number;
  }>;
  return rows.map((row) => ({
    id: row.id,
    pupilId: row.pupil_id,
    pupilName: pupilDisplayName({ legalFirstName: row.legal_first_name, legalLastName: row.legal_last_name, preferredName: row.preferred_name }),
    title: row.title,
    intervalDays: row.interval_days,
    version: row.version,
    nextDueOn: row.next_due_on,
    ownerName: row.owner_name,
    overdue: dateOverdue(row.next_due_on, now),
  }));
}

/**
 * Every entry about the child, oldest first, each detail whole: what a DSL wrote is never shortened here, because
 * this is what leaves the school. Other children named in a concern are not copied into this file.
 */
export function chronology(db: Store, pupilId: string): ChronologyEntry[] {
  const entries: ChronologyEntry[] = [];
  const recordedAt = new Map<string, string>();
  /** `recorded` is the instant the entry was saved, to full precision: the order of entry within a minute. */
  const add = (entry: ChronologyEntry, recorded: string) => {
    entries.push(entry);
    recordedAt.set(entry.id, recorded);
  };
  const concerns = db
    .prepare(
      `SELECT c.id, c.occurred_at, c.recorded_at, c.what_happened, c.immediate_danger, c.status, c.outcome, c.closing_reason, c.closed_at, u.display_name AS author,
         closer.display_name AS closed_by_name
       FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id JOIN users u ON u.id = c.author_id LEFT JOIN users closer ON closer.id = c.closed_by
       WHERE cp.pupil_id = ?`,
    )
    .all(pupilId) as Array<{ id: string; occurred_at: string; recorded_at: string; what_happened: string; immediate_danger: number; status: string; outcome: string | null; closing_reason: string | null; closed_at: string | null; author: string; closed_by_name: string | null }>;
  for (const concern of concerns) {
    add({ id: `concern:${concern.id}`, kind: 'concern', at: concern.occurred_at, title: concern.immediate_danger ? 'Concern — immediate danger' : 'Concern logged', detail: concern.what_happened, by: concern.author, significant: concern.immediate_danger === 1, recordId: concern.id }, concern.recorded_at);
    if (concern.closed_at) {
      const outcome = concern.outcome as keyof typeof concernOutcomeLabels | null;
      add({ id: `closed:${concern.id}`, kind: 'concern', at: concern.closed_at, title: `Concern closed: ${outcome ? (concernOutcomeLabels[outcome] ?? outcome) : ''}`, detail: concern.closing_reason ?? '', by: concern.closed_by_name ?? '', significant: false, recordId: concern.id }, concern.closed_at);
    }
  }
  const addenda = db
    .prepare(
      `SELECT a.id, a.concern_id, a.written_at, a.text, u.display_name AS author FROM concern_addenda a JOIN users u ON u.id = a.author_id
       WHERE a.concern_id IN (SELECT concern_id FROM concern_pupils WHERE pupil_id = ?)`,
    )
    .all(pupilId) as Array<{ id: string; concern_id: string; written_at: string; text: string; author: string }>;
  for (const addendum of addenda) add({ id: `addendum:${addendum.id}`, kind: 'addendum', at: addendum.written_at, title: 'Addendum', detail: addendum.text, by: addendum.author, significant: false, recordId: addendum.concern_id }, addendum.written_at);

  const decisions = db
    .prepare('SELECT d.id, d.decided_at, d.recorded_at, d.decision, d.reasons, d.consent, u.display_name AS by_name FROM decisions d JOIN users u ON u.id = d.decided_by WHERE d.pupil_id = ?')
    .all(pupilId) as Array<{ id: string; decided_at: string; recorded_at: string; decision: DecisionKind; reasons: string; consent: keyof typeof consentLabels; by_name: string }>;
  for (const decision of decisions) {
    add({ id: `decision:${decision.id}`, kind: 'decision', at: decision.decided_at, title: `Decision: ${decisionLabels[decision.decision]}`, detail: `${decision.reasons} (${consentLabels[decision.consent]})`, by: decision.by_name, significant: decision.decision !== 'monitor', recordId: decision.id }, decision.recorded_at);
  }
  const referrals = db
    .prepare('SELECT r.*, u.display_name AS by_name FROM referrals r JOIN users u ON u.id = r.recorded_by WHERE r.pupil_id = ?')
    .all(pupilId) as Array<{ id: string; referred_at: string; recorded_at: string; agency: Agency; contact: string; reference: string; what_shared: string; acknowledged_at: string | null; acknowledgement_note: string; outcome_at: string | null; outcome: keyof typeof referralOutcomeLabels | null; outcome_summary: string; by_name: string }>;
  for (const referral of referrals) {
    const contact = (JSON.parse(referral.contact) as { name: string }).name;
    add({ id: `referral:${referral.id}`, kind: 'referral', at: referral.referred_at, title: `Referral to ${agencyLabels[referral.agency]} (${contact})`, detail: `${referral.reference ? `Ref ${referral.reference}. ` : ''}${referral.what_shared}`, by: referral.by_name, significant: true, recordId: referral.id }, referral.recorded_at);
    // Acknowledgements and outcomes come from the agency; `by` names the agency contact the DSL recorded them from.
    if (referral.acknowledged_at) add({ id: `ack:${referral.id}`, kind: 'referral_update', at: referral.acknowledged_at, title: 'Referral acknowledged', detail: referral.acknowledgement_note, by: contact, significant: false, recordId: referral.id }, referral.acknowledged_at);
    if (referral.outcome_at && referral.outcome) add({ id: `outcome:${referral.id}`, kind: 'referral_update', at: referral.outcome_at, title: `Referral outcome: ${referralOutcomeLabels[referral.outcome]}`, detail: referral.outcome_summary, by: contact, significant: true, recordId: referral.id }, referral.outcome_at);
  }
  const chases = db
    .prepare('SELECT ch.id, ch.referral_id, ch.chased_at, ch.note, u.display_name AS by_name FROM referral_chases ch JOIN referrals r ON r.id = ch.referral_id JOIN users u ON u.id = ch.chased_by WHERE r.pupil_id = ?')
    .all(pupilId) as Array<{ id: string; referral_id: string; chased_at: string; note: string; by_name: string }>;
  for (const chase of chases) add({ id: `chase:${chase.id}`, kind: 'referral_update', at: chase.chased_at, title: 'Referral chased', detail: chase.note, by: chase.by_name, significant: false, recordId: chase.referral_id }, chase.chased_at);

  for (const action of actionsFor(db, new Date(0), { pupilId, openOnly: false })) {
    const at = `${action.dueOn}T12:00:00.000Z`;
    add({ id: `action:${action.id}`, kind: 'action', at, title: `${action.completedAt ? 'Action done' : 'Action due'}: ${action.title}`, detail: action.completionNotes, by: action.ownerName, significant: false, recordId: action.id }, at);
  }
  const reviews = db
    .prepare('SELECT rr.id, rr.review_id, rr.reviewed_at, rr.notes, r.title, u.display_name AS by_name FROM review_records rr JOIN reviews r ON r.id = rr.review_id JOIN users u ON u.id = rr.reviewed_by WHERE r.pupil_id = ?')
    .all(pupilId) as Array<{ id: string; review_id: string; reviewed_at: string; notes: string; title: string; by_name: string }>;
  for (const review of reviews) add({ id: `review:${review.id}`, kind: 'review', at: review.reviewed_at, title: `Review: ${review.title}`, detail: review.notes, by: review.by_name, significant: false, recordId: review.review_id }, review.reviewed_at);

  const assessments = db
    .prepare('SELECT a.id, a.assessed_at, a.suggested_level, a.judged_level, a.reasons, a.pack_id, u.display_name AS by_name FROM threshold_assessments a JOIN users u ON u.id = a.assessed_by WHERE a.pupil_id = ?')
    .all(pupilId) as Array<{ id: string; assessed_at: string; suggested_level: string | null; judged_level: string; reasons: string; pack_id: string; by_name: string }>;
  for (const assessment of assessments) {
    add({ id: `assessment:${assessment.id}`, kind: 'assessment', at: assessment.assessed_at, title: `Threshold assessment: DSL judged ${assessment.judged_level}${assessment.suggested_level ? ` (suggested ${assessment.suggested_level})` : ''}`, detail: assessment.reasons, by: assessment.by_name, significant: true, recordId: assessment.id }, assessment.assessed_at);
  }
  const events = db
    .prepare('SELECT e.id, e.kind, e.occurred_at, e.recorded_at, e.summary, e.source, e.significant, u.display_name AS by_name FROM external_events e JOIN users u ON u.id = e.recorded_by WHERE e.pupil_id = ?')
    .all(pupilId) as Array<{ id: string; kind: ExternalEventKind; occurred_at: string; recorded_at: string; summary: string; source: string; significant: number; by_name: string }>;
  for (const event of events) add({ id: `event:${event.id}`, kind: 'event', at: event.occurred_at, title: externalEventLabels[event.kind], detail: `${event.summary}${event.source ? ` (source: ${event.source})` : ''}`, by: event.by_name, significant: event.significant === 1, recordId: event.id }, event.recorded_at);

  const flags = db.prepare('SELECT f.id, f.flag, f.start_date, f.end_date, f.source, f.recorded_at, u.display_name AS by_name FROM status_flags f JOIN users u ON u.id = f.recorded_by WHERE f.pupil_id = ?').all(pupilId) as Array<{
    id: string;
    flag: StatusFlag;
    start_date: string;
    end_date: string | null;
    source: string;
    recorded_at: string;
    by_name: string;
  }>;
  for (const flag of flags) {
    add({ id: `flag:${flag.id}`, kind: 'flag', at: `${flag.start_date}T00:00:00.000Z`, title: `${statusFlagLabels[flag.flag]} started`, detail: flag.source, by: flag.by_name, significant: true, recordId: flag.id }, flag.recorded_at);
    if (flag.end_date) add({ id: `flag-end:${flag.id}`, kind: 'flag', at: `${flag.end_date}T00:00:00.000Z`, title: `${statusFlagLabels[flag.flag]} ended`, detail: flag.source, by: flag.by_name, significant: true, recordId: flag.id }, flag.recorded_at);
  }
  const sharing = db.prepare('SELECT s.id, s.shared, s.what, s.with_whom, s.shared_at, s.recorded_at, u.display_name AS by_name FROM information_sharing s JOIN users u ON u.id = s.recorded_by WHERE s.pupil_id = ?').all(pupilId) as Array<{
    id: string;
    shared: number;
    what: string;
    with_whom: string;
    shared_at: string;
    recorded_at: string;
    by_name: string;
  }>;
  for (const entry of sharing) add({ id: `sharing:${entry.id}`, kind: 'sharing', at: entry.shared_at, title: entry.shared ? `Information shared with ${entry.with_whom}` : `Decided not to share with ${entry.with_whom}`, detail: entry.what, by: entry.by_name, significant: false, recordId: entry.id }, entry.recorded_at);

  return entries.sort((a, b) => byMinuteThenEntry(a, b, recordedAt));
}

/**
 * Oldest first. A time typed by a person (a referral at 10:15) says nothing finer than the minute, so two entries in
 * the same minute go in the order they were entered: the instant each was saved, then its id (UUIDv7 ids are
 * generated in increasing order, so they settle a tie within one millisecond).
 */
function byMinuteThenEntry(a: ChronologyEntry, b: ChronologyEntry, recordedAt: ReadonlyMap<string, string>): number {
  const minute = (entry: ChronologyEntry) => new Date(entry.at).toISOString().slice(0, 16);
  const sourceId = (entry: ChronologyEntry) => entry.id.slice(entry.id.indexOf(':') + 1);
  return minute(a).localeCompare(minute(b)) || recordedAt.get(a.id)!.localeCompare(recordedAt.get(b.id)!) || sourceId(a).localeCompare(sourceId(b)) || a.id.localeCompare(b.id);
}

export function pupilExists(db: Store, pupilId: string): boolean {
  return db.prepare('SELECT 1 FROM pupils WHERE id = ?').get(pupilId) !== undefined;
}
