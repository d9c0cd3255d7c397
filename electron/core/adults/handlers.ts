// Concerns and allegations about adults. Thin: who may read a record is shared/access's named rule, asked through
// visibleTo(); every handler takes the person from ctx.session, never from anything the page sends.
import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { adultConcernKindOf, adultRoleHolderRoles, mayChangeAdultRoleHolders, mayReadAdultConcern, roleLabels, type AdultRoleHolders, type Role } from '../../../shared/api';
import { londonDateTime, londonIsoDate } from '../../../shared/calendar';
import { appendAudit } from '../audit';
import { CommandError } from '../dispatch/commandError';
import { awaiting, inTransaction, withSession, type CommandContext } from '../dispatch/handler';
import { writeTransaction } from '../store';
import { generatePassphrase } from '../exports/archive';
import { crossedBuffer, longWorkOf } from '../longWork/forHandlers';
import {
  addAdultConcernNote,
  addProfessionalReferral,
  adultConcernsBy,
  insertAdultConcern,
  markAdultConcernRead,
  readRoleHolders,
  recordAllegationOutcome,
  recordLadoConsultation,
  recordAdultConcernExport,
  recordPersonDetails,
  removeAllegation,
  unreadAdultConcerns,
  writeRoleHolders,
} from './adultConcernsRepository';
import { logAdultConcern, myAdultConcerns, occurredAtOf, register, requireVisible, viewAdultConcern } from './adultRegister';

const viewerOf = (ctx: Pick<CommandContext, 'session'>) => ({ id: ctx.session.user.id, role: ctx.session.user.role, displayName: ctx.session.user.displayName });

export const adultHandlers = {
  'adults.staffList': inTransaction<'adults.staffList'>(({ db }) =>
    (db.prepare("SELECT id, display_name FROM users WHERE status = 'active' ORDER BY display_name COLLATE NOCASE").all() as Array<{ id: string; display_name: string }>).map((row) => ({
      id: row.id,
      displayName: row.display_name,
    })),
  ),

  // Open records: stored now, with its routing, and audited as any command. Locked (no reader signed in): sealed to
  // the intake key and queued, so a worry about a colleague at 08:00 is not lost (decision 0020, addendum).
  'adults.log': withSession<'adults.log'>(({ app, caller, db, door, now, session }, input) => {
    if (!db) {
      // What can be checked without the store is checked now, while the words are still on the screen.
      occurredAtOf(input, now);
      const sealed = app.intake.submitAboutAdult(session.user, input, now);
      return { ...sealed, delivery: 'sealed', kind: adultConcernKindOf(input), sentTo: null, nobodyToReceive: false, ladoDirectly: false, ladoContact: null };
    }
    const { user } = session;
    return writeTransaction(db, () => {
      const logged = logAdultConcern(db, viewerOf({ session }), input, now);
      appendAudit(db, { at: now.toISOString(), userId: user.id, role: user.role, door, client: caller.address ?? null, command: 'adults.log', recordIds: [logged.id], outcome: 'ok' });
      return logged;
    });
  }),

  'adults.mine': inTransaction<'adults.mine'>((ctx) => myAdultConcerns(ctx.db, adultConcernsBy(ctx.db, ctx.session.user.id))),

  'adults.alerts': inTransaction<'adults.alerts'>((ctx) => {
    const holders = readRoleHolders(ctx.db);
    const viewer = viewerOf(ctx);
    return { unread: unreadAdultConcerns(ctx.db).filter((row) => mayReadAdultConcern(viewer, { kind: row.kind, subjectUserId: row.subject_user_id }, holders)).length };
  }),

  'adults.register': inTransaction<'adults.register'>((ctx, input) => {
    const answer = register(ctx.db, viewerOf(ctx), input.kind, ctx.now);
    ctx.recordIds.push(...answer.rows.map((row) => row.id));
    return answer;
  }),

  'adults.get': inTransaction<'adults.get'>((ctx, input) => {
    const row = requireVisible(ctx.db, input.id, viewerOf(ctx));
    if (!row.read_at) {
      markAdultConcernRead(ctx.db, row.id, ctx.session.user.id, ctx.now.toISOString());
      row.read_at = ctx.now.toISOString();
    }
    ctx.recordIds.push(row.id);
    return viewAdultConcern(ctx.db, row, ctx.now);
  }),

  'adults.respond': inTransaction<'adults.respond'>((ctx, input) => {
    const row = requireVisible(ctx.db, input.id, viewerOf(ctx), 'low_level');
    addAdultConcernNote(ctx.db, 'adult_concern_responses', { id: uuidv7(), concernId: row.id, kind: input.kind, note: input.note, at: ctx.now.toISOString(), by: ctx.session.user.id });
    ctx.recordIds.push(row.id);
    return { done: true };
  }),

  'adults.escalate': inTransaction<'adults.escalate'>((ctx, input) => {
    const row = requireVisible(ctx.db, input.id, viewerOf(ctx), 'low_level');
    if (row.escalated_to) throw new CommandError('conflict', 'This concern has already been escalated to an allegation.');
    const allegationId = uuidv7();
    // The allegation carries the words as first written and the reason for escalating; the case manager's clock for
    // consulting the LADO starts now, when it reaches them.
    insertAdultConcern(ctx.db, {
      id: allegationId,
      kind: 'allegation',
      authorId: ctx.session.user.id,
      recordedAt: ctx.now.toISOString(),
      selfReport: row.self_report === 1,
      subject: { userId: row.subject_user_id, name: row.subject_name, role: row.subject_role, employer: row.subject_employer, relationship: row.subject_relationship },
      occurredAt: row.occurred_at,
      location: row.location,
      othersPresent: row.others_present,
      whatHappened: row.what_happened,
      childHarm: row.child_harm,
      escalatedFrom: row.id,
      escalationReason: input.reason,
      caseManagerKnewAt: ctx.now.toISOString(),
    });
    ctx.recordIds.push(row.id, allegationId);
    return { allegationId };
  }),

  'adults.recordLado': inTransaction<'adults.recordLado'>((ctx, input) => {
    const row = requireVisible(ctx.db, input.id, viewerOf(ctx), 'allegation');
    const consultedAt = londonDateTime(input.consultedDate, input.consultedTime);
    if (consultedAt.getTime() > ctx.now.getTime() + 60_000) throw new CommandError('invalid_input', 'The LADO cannot have been consulted in the future.', { consultedDate: ['The date cannot be in the future'] });
    recordLadoConsultation(ctx.db, row.id, { consultedAt: consultedAt.toISOString(), officer: input.officer, advice: input.advice, reference: input.reference });
    ctx.recordIds.push(row.id);
    return { done: true };
  }),

  'adults.addAction': inTransaction<'adults.addAction'>((ctx, input) => {
    const row = requireVisible(ctx.db, input.id, viewerOf(ctx), 'allegation');
    addAdultConcernNote(ctx.db, 'adult_concern_actions', { id: uuidv7(), concernId: row.id, kind: input.kind, note: input.note, at: ctx.now.toISOString(), by: ctx.session.user.id });
    ctx.recordIds.push(row.id);
    return { done: true };
  }),

  'adults.recordOutcome': inTransaction<'adults.recordOutcome'>((ctx, input) => {
    const row = requireVisible(ctx.db, input.id, viewerOf(ctx), 'allegation');
    recordAllegationOutcome(ctx.db, row.id, { outcome: input.outcome, decidedOn: input.decidedOn, note: input.note });
    ctx.recordIds.push(row.id);
    return { done: true };
  }),

  'adults.recordReferral': inTransaction<'adults.recordReferral'>((ctx, input) => {
    const row = requireVisible(ctx.db, input.id, viewerOf(ctx), 'allegation');
    addProfessionalReferral(ctx.db, { id: uuidv7(), concernId: row.id, body: input.body, referredOn: input.referredOn, note: input.note, at: ctx.now.toISOString(), by: ctx.session.user.id });
    ctx.recordIds.push(row.id);
    return { done: true };
  }),

  'adults.recordPersonDetails': inTransaction<'adults.recordPersonDetails'>((ctx, input) => {
    const row = requireVisible(ctx.db, input.id, viewerOf(ctx));
    recordPersonDetails(ctx.db, row.id, { personLeftOn: input.personLeftOn, dateOfBirth: input.dateOfBirth });
    ctx.recordIds.push(row.id);
    return { done: true };
  }),

  'adults.removeMalicious': inTransaction<'adults.removeMalicious'>((ctx, input) => {
    const row = requireVisible(ctx.db, input.id, viewerOf(ctx), 'allegation');
    if (row.outcome !== 'malicious') throw new CommandError('conflict', 'Only an allegation whose outcome is malicious is removed. Record the outcome first.');
    removeAllegation(ctx.db, row.id, { recordedOn: londonIsoDate(new Date(row.recorded_at)), outcome: row.outcome, at: ctx.now.toISOString(), by: ctx.session.user.id });
    // The audit row keeps the id, who removed it and when: that it happened, not what it said.
    ctx.recordIds.push(row.id);
    return { done: true };
  }),

  'adults.exportSummary': awaiting<'adults.exportSummary'>(async (ctx, input) => {
    // Read (and audit) in one transaction; draw and encrypt outside it; then log what left, with its fingerprint.
    const { record, school } = ctx.transact(() => {
      const row = requireVisible(ctx.db, input.id, viewerOf(ctx));
      ctx.recordIds.push(row.id);
      return {
        record: viewAdultConcern(ctx.db, row, ctx.now),
        school: (ctx.db.prepare('SELECT name, urn FROM school WHERE id = 1').get() as { name: string; urn: string } | undefined) ?? { name: '', urn: '' },
      };
    });
    const passphrase = generatePassphrase();
    const fileKind = input.kind === 'lado_referral' ? 'lado-referral-summary' : 'summary-for-the-person';
    // Drawn and encrypted on the long-work thread (decision 0026): nobody's save waits behind it.
    const made = await longWorkOf(ctx).run('adultSummary', { record, kind: input.kind, school, fileName: `${fileKind}.pdf`, passphrase, now: ctx.now.toISOString() });
    const archive = crossedBuffer(made.archive);
    const exportId = uuidv7();
    const sha256 = crypto.createHash('sha256').update(archive).digest('hex');
    ctx.transact(() => {
      // The record may have been removed while the file was drawn: then nothing is logged and nothing is handed over.
      requireVisible(ctx.db, input.id, viewerOf(ctx));
      recordAdultConcernExport(ctx.db, { id: exportId, concernId: record.id, kind: input.kind, recipient: input.recipient, purpose: input.purpose, sha256, at: ctx.now.toISOString(), by: ctx.session.user.id });
    });
    // Named by what and when, never by the person: file names show in email subjects and zip listings.
    return { exportId, fileName: `${fileKind}-${londonIsoDate(ctx.now)}-${exportId.slice(-8)}.zip`, mimeType: 'application/zip', dataBase64: archive.toString('base64'), passphrase, sha256 };
  }),

  'adults.roleHolders': inTransaction<'adults.roleHolders'>((ctx) => {
    const holders = readRoleHolders(ctx.db);
    const candidates = ctx.db
      .prepare("SELECT id, display_name, role FROM users WHERE status = 'active' AND role IN ('head', 'dsl', 'governor') ORDER BY display_name COLLATE NOCASE")
      .all() as Array<{ id: string; display_name: string; role: string }>;
    return { holders, mayChange: mayChangeAdultRoleHolders(ctx.session.user, holders), candidates: candidates.map((row) => ({ id: row.id, displayName: row.display_name, role: row.role })) };
  }),

  'adults.setRoleHolders': inTransaction<'adults.setRoleHolders'>((ctx, input) => {
    if (!mayChangeAdultRoleHolders(ctx.session.user, readRoleHolders(ctx.db))) {
      throw new CommandError('forbidden', 'Only the headteacher or the chair of governors named here may change who receives concerns about adults.');
    }
    const roleOf = ctx.db.prepare("SELECT role FROM users WHERE id = ? AND status = 'active'").pluck();
    const named = (['headteacherUserId', 'chairOfGovernorsUserId', 'dslUserId'] as const).flatMap((field) => (input[field] === null ? [] : [{ field, role: roleOf.get(input[field]) as Role | undefined }]));
    // An account that does not exist (or is disabled) is named first, on its own; then any holding the wrong role.
    const missing = named.filter((entry) => entry.role === undefined);
    if (missing.length > 0) throw new CommandError('invalid_input', 'That account does not exist or is disabled.', Object.fromEntries(missing.map(({ field }) => [field, ['Choose an active account from the list']])));
    const fields: Record<string, string[]> = {};
    for (const { field, role } of named) {
      if (!adultRoleHolderRoles[field].includes(role!)) fields[field] = [`Choose an account with the role: ${adultRoleHolderRoles[field].map((each) => roleLabels[each]).join(' or ')}`];
    }
    if (input.lowLevelTo === 'dsl' && input.dslUserId === null) fields.dslUserId = ['Name the DSL who receives low-level concerns, or send them to the headteacher'];
    if (Object.keys(fields).length > 0) throw new CommandError('invalid_input', 'Check who holds each role.', fields);
    const holders: AdultRoleHolders = { ...input };
    writeRoleHolders(ctx.db, holders, ctx.session.user.id, ctx.now.toISOString());
    ctx.recordIds.push('adult-role-holders');
    return { done: true };
  }),
};
