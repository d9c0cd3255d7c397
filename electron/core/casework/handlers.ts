// The DSL's commands. Every id is checked to exist before anything is written; every view of a child's file is
// audited with the child's id (dispatch writes the row).
import { v7 as uuidv7 } from 'uuid';
import { mayBeAssignedConcerns } from '../../../shared/api';
import { sharingDecisions } from '../../../shared/casework';
import { addCalendarDays, londonDateTime } from '../../../shared/calendar';
import { suggestLevel } from '../../../shared/thresholds';
import { findAccount } from '../accounts';
import { concernAboutPupil } from '../concerns';
import { CommandError } from '../dispatch/commandError';
import { requireVersion } from '../records/versions';
import { inTransaction } from '../dispatch/handler';
import { loadPacks } from '../packs/packLibrary';
import { readSettings } from '../settings';
import type { Store } from '../store';
import { actionsFor, childFile, chronology, pupilExists, reviewsFor } from './childFile';
import { schoolCalendar, todayInLondon } from './clocks';
import { queueConcerns, queueCounts } from './queue';
import { createReferral, escalationPupil, referralPupil, referralsAwaiting, startEscalation } from './referrals';

const notFound = (what: string) => new CommandError('not_found', `That ${what} does not exist.`);

function requirePupil(db: Store, pupilId: string): void {
  if (!pupilExists(db, pupilId)) throw notFound('pupil');
}

function concernStatus(db: Store, concernId: string): string {
  const status = db.prepare('SELECT status FROM concerns WHERE id = ?').pluck().get(concernId) as string | undefined;
  if (!status) throw notFound('concern');
  return status;
}

/** A concern named alongside a pupil must exist and be about that pupil: a forged or mistaken id is refused by name. */
function requireConcernAbout(db: Store, concernId: string, pupilId: string): void {
  const about = concernAboutPupil(db, concernId, pupilId);
  if (about === 'missing') throw notFound('concern');
  if (about === 'other_pupil') throw new CommandError('invalid_input', 'That concern is not about this pupil.', { concernId: ['Choose a concern about this pupil'] });
}

function requireActiveAccount(db: Store, userId: string, field: string): void {
  const account = findAccount(db, userId);
  if (!account || account.status !== 'active') throw new CommandError('invalid_input', 'Choose an active member of staff.', { [field]: ['Choose an active member of staff'] });
}

function logSharing(
  db: Store,
  entry: { pupilId: string; decisionId?: string | null; referralId?: string | null; shared: boolean; what: string; withWhom: string; sharedAt: string; lawfulBasis: string; consent: string; consentReason: string },
  by: string,
  now: Date,
): string {
  const id = uuidv7();
  db.prepare(
    `INSERT INTO information_sharing (id, pupil_id, decision_id, referral_id, shared, what, with_whom, shared_at, lawful_basis, consent, consent_reason, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, entry.pupilId, entry.decisionId ?? null, entry.referralId ?? null, entry.shared ? 1 : 0, entry.what, entry.withWhom, entry.sharedAt, entry.lawfulBasis, entry.consent, entry.consentReason, by, now.toISOString());
  return id;
}

/** Whether the decision logged a sharing that no referral other than `referralId` has carried out yet. */
function decisionSharingAwaitsReferral(db: Store, decisionId: string, referralId: string): boolean {
  const logged = db.prepare('SELECT 1 FROM information_sharing WHERE decision_id = ? AND shared = 1 AND referral_id IS NULL').get(decisionId) !== undefined;
  const carriedOut = db.prepare('SELECT 1 FROM referrals WHERE decision_id = ? AND id <> ?').get(decisionId, referralId) !== undefined;
  return logged && !carriedOut;
}

export const caseworkHandlers = {
  'queue.counts': inTransaction<'queue.counts'>(({ db, now }, input) => queueCounts(db, input.filters, now)),
  'queue.concerns': inTransaction<'queue.concerns'>(({ db, recordIds }, input) => {
    const page = queueConcerns(db, input.tab, input.filters, input.sort, input.offset, input.limit);
    recordIds.push(...page.rows.map((row) => row.id));
    return page;
  }),
  'queue.referrals': inTransaction<'queue.referrals'>(({ db, now }, input) => referralsAwaiting(db, schoolCalendar(db), now, input.includeComplete)),
  'queue.actions': inTransaction<'queue.actions'>(({ db, now }, input) => actionsFor(db, now, { openOnly: true, dueBy: addCalendarDays(todayInLondon(now), input.withinDays) })),
  'queue.reviews': inTransaction<'queue.reviews'>(({ db, now }, input) => reviewsFor(db, now, { dueBy: addCalendarDays(todayInLondon(now), input.withinDays) })),

  'concerns.assign': inTransaction<'concerns.assign'>(({ db, session, now, recordIds }, input) => {
    const status = concernStatus(db, input.concernId);
    requireVersion(db, 'concern', input.concernId, input.version);
    if (status === 'closed') throw new CommandError('conflict', 'This concern is closed. Record a new concern and link it instead.');
    const assignee = findAccount(db, input.assignTo);
    if (!assignee || !mayBeAssignedConcerns(assignee)) throw new CommandError('invalid_input', 'Choose an active DSL or deputy.', { assignTo: ['Choose an active DSL or deputy'] });
    db.prepare('UPDATE concerns SET assigned_to = ? WHERE id = ?').run(input.assignTo, input.concernId);
    db.prepare('INSERT INTO assignments (id, concern_id, assigned_to, assigned_by, assigned_at, handover_note) VALUES (?, ?, ?, ?, ?, ?)').run(uuidv7(), input.concernId, input.assignTo, session.user.id, now.toISOString(), input.handoverNote);
    recordIds.push(input.concernId, input.assignTo);
    return { done: true };
  }),

  'concerns.open': inTransaction<'concerns.open'>(({ db, session, now, recordIds }, input) => {
    const status = concernStatus(db, input.concernId);
    if (status === 'closed') throw new CommandError('conflict', 'A closed concern is never reopened. Record a new concern and link it to this one.');
    db.prepare("UPDATE concerns SET status = 'open', read_at = coalesce(read_at, ?), read_by = coalesce(read_by, ?) WHERE id = ?").run(now.toISOString(), session.user.id, input.concernId);
    recordIds.push(input.concernId);
    return { done: true };
  }),

  'concerns.close': inTransaction<'concerns.close'>(({ db, session, now, recordIds }, input) => {
    const status = concernStatus(db, input.concernId);
    requireVersion(db, 'concern', input.concernId, input.version);
    if (status === 'closed') throw new CommandError('conflict', 'This concern is already closed.');
    db.prepare("UPDATE concerns SET status = 'closed', outcome = ?, closing_reason = ?, closed_at = ?, closed_by = ?, read_at = coalesce(read_at, ?), read_by = coalesce(read_by, ?) WHERE id = ?").run(
      input.outcome,
      input.reason,
      now.toISOString(),
      session.user.id,
      now.toISOString(),
      session.user.id,
      input.concernId,
    );
    recordIds.push(input.concernId);
    return { done: true };
  }),

  'concerns.link': inTransaction<'concerns.link'>(({ db, session, now, recordIds }, input) => {
    concernStatus(db, input.concernId);
    concernStatus(db, input.linkedConcernId);
    if (input.concernId === input.linkedConcernId) throw new CommandError('invalid_input', 'A concern cannot be linked to itself.', { linkedConcernId: ['Choose another concern'] });
    db.prepare('INSERT OR IGNORE INTO concern_links (concern_id, linked_concern_id, linked_at, linked_by, note) VALUES (?, ?, ?, ?, ?)').run(input.concernId, input.linkedConcernId, now.toISOString(), session.user.id, input.note);
    recordIds.push(input.concernId, input.linkedConcernId);
    return { done: true };
  }),

  'concerns.refinePart': inTransaction<'concerns.refinePart'>(({ db, recordIds }, input) => {
    const changed = db.prepare('UPDATE concern_pupils SET dsl_part = ? WHERE concern_id = ? AND pupil_id = ?').run(input.part, input.concernId, input.pupilId).changes;
    if (changed === 0) throw notFound('pupil in this concern');
    recordIds.push(input.concernId, input.pupilId);
    return { done: true };
  }),

  'decisions.record': inTransaction<'decisions.record'>(({ db, session, now, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    if (input.concernId) requireConcernAbout(db, input.concernId, input.pupilId);
    if (sharingDecisions.includes(input.decision) && !input.sharing) {
      throw new CommandError('invalid_input', 'This decision shares information: say what is shared and with whom.', { 'sharing.what': ['Say what information is shared'] });
    }
    const id = uuidv7();
    db.prepare(
      'INSERT INTO decisions (id, pupil_id, concern_id, decided_at, decided_by, decision, reasons, consulted, consent, consent_reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(id, input.pupilId, input.concernId, now.toISOString(), session.user.id, input.decision, input.reasons, input.consulted, input.consent, input.consentReason, now.toISOString());
    if (input.sharing) {
      logSharing(db, { pupilId: input.pupilId, decisionId: id, shared: true, what: input.sharing.what, withWhom: input.sharing.withWhom, sharedAt: now.toISOString(), lawfulBasis: input.sharing.lawfulBasis, consent: input.consent, consentReason: input.consentReason }, session.user.id, now);
    } else if (input.decision === 'no_further_action' || input.decision === 'monitor' || input.decision === 'school_support') {
      // A decision not to share is as much a part of the record as a decision to share.
      logSharing(db, { pupilId: input.pupilId, decisionId: id, shared: false, what: 'No information shared outside the school', withWhom: 'No one', sharedAt: now.toISOString(), lawfulBasis: 'safeguarding_children', consent: input.consent, consentReason: input.consentReason }, session.user.id, now);
    }
    if (input.concernId && concernStatus(db, input.concernId) !== 'closed') {
      db.prepare("UPDATE concerns SET status = 'open', read_at = coalesce(read_at, ?), read_by = coalesce(read_by, ?) WHERE id = ? AND status IN ('new', 'read')").run(now.toISOString(), session.user.id, input.concernId);
    }
    recordIds.push(id, input.pupilId);
    return { id };
  }),

  'sharing.record': inTransaction<'sharing.record'>(({ db, session, now, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    const id = logSharing(db, { ...input, sharedAt: londonDateTime(input.sharedOn, input.sharedAtTime).toISOString() }, session.user.id, now);
    recordIds.push(id, input.pupilId);
    return { id };
  }),

  'sharing.log': inTransaction<'sharing.log'>(({ db, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    recordIds.push(input.pupilId);
    const rows = db
      .prepare(
        `SELECT s.*, u.display_name AS by_name,
           coalesce(s.referral_id, CASE WHEN s.shared = 1 THEN (SELECT r.id FROM referrals r WHERE r.decision_id = s.decision_id ORDER BY r.recorded_at, r.id LIMIT 1) END) AS referral_id
         FROM information_sharing s JOIN users u ON u.id = s.recorded_by WHERE s.pupil_id = ? ORDER BY s.shared_at`,
      )
      .all(input.pupilId) as Array<{ id: string; decision_id: string | null; referral_id: string | null; shared: number; what: string; with_whom: string; shared_at: string; lawful_basis: 'safeguarding_children'; consent: 'given'; consent_reason: string; by_name: string }>;
    return rows.map((row) => ({ id: row.id, decisionId: row.decision_id, referralId: row.referral_id, shared: row.shared === 1, what: row.what, withWhom: row.with_whom, sharedAt: row.shared_at, lawfulBasis: row.lawful_basis, consent: row.consent, consentReason: row.consent_reason, recordedBy: row.by_name }));
  }),

  'referrals.create': inTransaction<'referrals.create'>(({ db, session, now, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    if (input.decisionId) {
      const decidedAbout = db.prepare('SELECT pupil_id FROM decisions WHERE id = ?').pluck().get(input.decisionId) as string | undefined;
      if (!decidedAbout) throw notFound('decision');
      if (decidedAbout !== input.pupilId) throw new CommandError('invalid_input', 'That decision is about another pupil.', { decisionId: ['Choose a decision about this pupil'] });
    }
    const referredAt = londonDateTime(input.referredOn, input.referredAtTime);
    if (referredAt.getTime() > now.getTime() + 60_000) throw new CommandError('invalid_input', 'A referral cannot be in the future.', { referredOn: ['The date and time cannot be in the future'] });
    const created = createReferral(db, schoolCalendar(db), { ...input, referredAt }, session.user.id, now);
    // The decision to share and the first referral that carries it out are one act of sharing: the decision's entry
    // stands for both (the log is append-only, so the link runs through the referral's decision_id).
    if (!(input.decisionId && decisionSharingAwaitsReferral(db, input.decisionId, created.id))) {
      logSharing(
        db,
        { pupilId: input.pupilId, referralId: created.id, decisionId: input.decisionId, shared: true, what: input.whatShared, withWhom: input.contact.name, sharedAt: referredAt.toISOString(), lawfulBasis: 'safeguarding_children', consent: input.consent, consentReason: input.consentReason },
        session.user.id,
        now,
      );
    }
    recordIds.push(created.id, input.pupilId);
    return created;
  }),

  'referrals.acknowledge': inTransaction<'referrals.acknowledge'>(({ db, recordIds }, input) => {
    if (!referralPupil(db, input.referralId)) throw notFound('referral');
    requireVersion(db, 'referral', input.referralId, input.version);
    const at = londonDateTime(input.acknowledgedOn, input.acknowledgedAtTime).toISOString();
    db.prepare("UPDATE referrals SET acknowledged_at = ?, acknowledgement_note = ?, reference = CASE WHEN ? <> '' THEN ? ELSE reference END WHERE id = ?").run(at, input.note, input.reference, input.reference, input.referralId);
    recordIds.push(input.referralId);
    return { done: true };
  }),

  'referrals.recordOutcome': inTransaction<'referrals.recordOutcome'>(({ db, recordIds }, input) => {
    if (!referralPupil(db, input.referralId)) throw notFound('referral');
    requireVersion(db, 'referral', input.referralId, input.version);
    db.prepare('UPDATE referrals SET outcome = ?, outcome_summary = ?, outcome_at = ?, acknowledged_at = coalesce(acknowledged_at, ?) WHERE id = ?').run(
      input.outcome,
      input.summary,
      londonDateTime(input.outcomeOn, '12:00').toISOString(),
      londonDateTime(input.outcomeOn, '12:00').toISOString(),
      input.referralId,
    );
    recordIds.push(input.referralId);
    return { done: true };
  }),

  'referrals.chase': inTransaction<'referrals.chase'>(({ db, session, now, recordIds }, input) => {
    if (!referralPupil(db, input.referralId)) throw notFound('referral');
    db.prepare('INSERT INTO referral_chases (id, referral_id, chased_at, chased_by, method, note) VALUES (?, ?, ?, ?, ?, ?)').run(uuidv7(), input.referralId, now.toISOString(), session.user.id, input.method, input.note);
    recordIds.push(input.referralId);
    return { done: true };
  }),

  'referrals.escalate': inTransaction<'referrals.escalate'>(({ db, session, now, recordIds }, input) => {
    if (!referralPupil(db, input.referralId)) throw notFound('referral');
    const started = startEscalation(db, schoolCalendar(db), input.referralId, input.disagreement, input.stages, session.user.id, now);
    recordIds.push(input.referralId, started.id);
    return started;
  }),

  'escalations.step': inTransaction<'escalations.step'>(({ db, session, now, recordIds }, input) => {
    const escalation = escalationPupil(db, input.escalationId);
    if (!escalation) throw notFound('escalation');
    if (escalation.resolved) throw new CommandError('conflict', 'This escalation has been resolved.');
    if (input.stage > escalation.stages) throw new CommandError('invalid_input', `This escalation has ${escalation.stages} stages.`, { stage: [`Choose a stage from 1 to ${escalation.stages}`] });
    db.prepare('INSERT INTO escalation_steps (id, escalation_id, stage, taken_at, taken_by, note) VALUES (?, ?, ?, ?, ?, ?)').run(uuidv7(), input.escalationId, input.stage, now.toISOString(), session.user.id, input.note);
    recordIds.push(input.escalationId);
    return { done: true };
  }),

  'escalations.resolve': inTransaction<'escalations.resolve'>(({ db, now, recordIds }, input) => {
    const escalation = escalationPupil(db, input.escalationId);
    if (!escalation) throw notFound('escalation');
    requireVersion(db, 'escalation', input.escalationId, input.version);
    if (escalation.resolved) throw new CommandError('conflict', 'This escalation has already been resolved.');
    db.prepare('UPDATE escalations SET resolved_at = ?, resolution = ? WHERE id = ?').run(now.toISOString(), input.resolution, input.escalationId);
    recordIds.push(input.escalationId);
    return { done: true };
  }),

  'actions.create': inTransaction<'actions.create'>(({ db, session, now, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    if (input.concernId) requireConcernAbout(db, input.concernId, input.pupilId);
    requireActiveAccount(db, input.ownerId, 'ownerId');
    const id = uuidv7();
    db.prepare('INSERT INTO actions (id, pupil_id, concern_id, title, owner_id, due_on, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(id, input.pupilId, input.concernId, input.title, input.ownerId, input.dueOn, now.toISOString(), session.user.id);
    recordIds.push(id, input.pupilId);
    return { id };
  }),

  'actions.complete': inTransaction<'actions.complete'>(({ db, session, now, recordIds }, input) => {
    requireVersion(db, 'action', input.actionId, input.version);
    const changed = db.prepare('UPDATE actions SET completed_at = ?, completed_by = ?, completion_notes = ? WHERE id = ? AND completed_at IS NULL').run(now.toISOString(), session.user.id, input.notes, input.actionId).changes;
    if (changed === 0) throw new CommandError('not_found', 'That action does not exist or is already done.');
    recordIds.push(input.actionId);
    return { done: true };
  }),

  'reviews.create': inTransaction<'reviews.create'>(({ db, session, now, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    requireActiveAccount(db, input.ownerId, 'ownerId');
    const id = uuidv7();
    db.prepare('INSERT INTO reviews (id, pupil_id, title, interval_days, next_due_on, owner_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(id, input.pupilId, input.title, input.intervalDays, input.firstDueOn, input.ownerId, now.toISOString(), session.user.id);
    recordIds.push(id, input.pupilId);
    return { id };
  }),

  'reviews.record': inTransaction<'reviews.record'>(({ db, session, now, recordIds }, input) => {
    const review = db.prepare('SELECT interval_days, ended_at FROM reviews WHERE id = ?').get(input.reviewId) as { interval_days: number; ended_at: string | null } | undefined;
    if (!review) throw notFound('review');
    requireVersion(db, 'review', input.reviewId, input.version);
    if (review.ended_at) throw new CommandError('conflict', 'This review has ended.');
    db.prepare('INSERT INTO review_records (id, review_id, reviewed_at, reviewed_by, notes) VALUES (?, ?, ?, ?, ?)').run(uuidv7(), input.reviewId, now.toISOString(), session.user.id, input.notes);
    const nextDueOn = input.end ? null : addCalendarDays(todayInLondon(now), review.interval_days);
    db.prepare('UPDATE reviews SET next_due_on = coalesce(?, next_due_on), ended_at = ? WHERE id = ?').run(nextDueOn, input.end ? now.toISOString() : null, input.reviewId);
    recordIds.push(input.reviewId);
    return { nextDueOn };
  }),

  'children.file': inTransaction<'children.file'>(({ db, now, recordIds }, input) => {
    const file = childFile(db, schoolCalendar(db), input.pupilId, now);
    if (!file) throw notFound('pupil');
    recordIds.push(input.pupilId);
    return file;
  }),

  'children.chronology': inTransaction<'children.chronology'>(({ db, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    recordIds.push(input.pupilId);
    const kinds = input.kinds ? new Set(input.kinds) : null;
    return chronology(db, input.pupilId).filter((entry) => (!kinds || kinds.has(entry.kind)) && (!input.significantOnly || entry.significant));
  }),

  'children.addFlag': inTransaction<'children.addFlag'>(({ db, session, now, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    if (input.endDate && input.endDate < input.startDate) throw new CommandError('invalid_input', 'The end date is before the start date.', { endDate: ['The end date must be on or after the start date'] });
    const id = uuidv7();
    db.prepare('INSERT INTO status_flags (id, pupil_id, flag, start_date, end_date, source, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(id, input.pupilId, input.flag, input.startDate, input.endDate, input.source, session.user.id, now.toISOString());
    recordIds.push(id, input.pupilId);
    return { id };
  }),

  'children.endFlag': inTransaction<'children.endFlag'>(({ db, recordIds }, input) => {
    const flag = db.prepare('SELECT start_date FROM status_flags WHERE id = ?').get(input.flagId) as { start_date: string } | undefined;
    if (!flag) throw notFound('status');
    requireVersion(db, 'flag', input.flagId, input.version);
    if (input.endDate < flag.start_date) throw new CommandError('invalid_input', 'The end date is before the start date.', { endDate: ['The end date must be on or after the start date'] });
    db.prepare('UPDATE status_flags SET end_date = ? WHERE id = ?').run(input.endDate, input.flagId);
    recordIds.push(input.flagId);
    return { done: true };
  }),

  'children.addEvent': inTransaction<'children.addEvent'>(({ db, session, now, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    const id = uuidv7();
    db.prepare('INSERT INTO external_events (id, pupil_id, kind, occurred_at, summary, source, significant, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      input.pupilId,
      input.kind,
      londonDateTime(input.occurredOn, input.occurredAtTime).toISOString(),
      input.summary,
      input.source,
      input.significant || input.kind !== 'other' ? 1 : 0,
      session.user.id,
      now.toISOString(),
    );
    recordIds.push(id, input.pupilId);
    return { id };
  }),

  'children.recordAssessment': inTransaction<'children.recordAssessment'>(({ db, session, now, recordIds }, input) => {
    const dateOfBirth = db.prepare('SELECT date_of_birth FROM pupils WHERE id = ?').pluck().get(input.pupilId) as string | undefined;
    if (!dateOfBirth) throw notFound('pupil');
    const loaded = loadPacks(db).get(input.packId);
    if (!loaded) throw new CommandError('not_found', 'That pack is not installed.');
    const areaId = readSettings(db).pack.areaId;
    const suggestion = suggestLevel(loaded.pack, {
      ticked: input.indicators.map((tick) => ({ indicatorId: tick.id, ...(tick.observation ? { observation: tick.observation } : {}) })),
      dateOfBirth,
      assessmentDate: todayInLondon(now),
      ...(areaId ? { areaId } : {}),
    });
    if (suggestion.unknownIndicatorIds.length > 0) {
      throw new CommandError('invalid_input', 'Some indicators are not in this pack.', { indicators: [`Not in the pack: ${suggestion.unknownIndicatorIds.join(', ')}`] });
    }
    const id = uuidv7();
    const suggestedLevel = `${suggestion.level.code} ${suggestion.level.label}`;
    db.prepare(
      'INSERT INTO threshold_assessments (id, pupil_id, pack_id, indicators, suggested_level, suggested_band, judged_level, reasons, assessed_at, assessed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(id, input.pupilId, input.packId, JSON.stringify(input.indicators), suggestedLevel, suggestion.band, input.judgedLevel, input.reasons, now.toISOString(), session.user.id);
    recordIds.push(id, input.pupilId);
    return { id, suggestedLevel, suggestedBand: suggestion.band };
  }),
};
