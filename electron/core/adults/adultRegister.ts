// The two registers as their recipients see them, and the author's view of their own. Every read goes through
// visibleTo(), which asks shared/access's named rule: a record is open to its recipient and never to its subject.
import { v7 as uuidv7 } from 'uuid';
import {
  adultConcernKindOf,
  adultConcernRetention,
  ladoClock,
  mayReadAdultConcern,
  routeAdultConcern,
  type AdultConcernKind,
  type AdultConcernView,
  type AdultRoleHolders,
  type ParsedInput,
  type Role,
} from '../../../shared/api';
import { contactsForArea } from '../../../shared/thresholds';
import { isIsoDate, londonDateTime, londonIsoDate } from '../../../shared/calendar';
import { schoolCalendar } from '../casework/clocks';
import { CommandError } from '../dispatch/commandError';
import { loadPacks } from '../packs/packLibrary';
import { readSettings } from '../settings';
import type { Store } from '../store';
import { adultConcernExports, adultConcernNotes, adultConcernsOfKind, insertAdultConcern, professionalReferrals, readAdultConcern, readRoleHolders, type AdultConcernRow } from './adultConcernsRepository';

export interface Viewer {
  id: string;
  role: Role;
  displayName: string;
}

const FUTURE_GRACE_MS = 60_000;

export const notFound = () => new CommandError('not_found', 'That record does not exist, or is not yours to see.');

const facts = (row: Pick<AdultConcernRow, 'kind' | 'subject_user_id'>) => ({ kind: row.kind, subjectUserId: row.subject_user_id });

/** The record if `viewer` is its recipient (and not its subject), else null: the caller answers not_found. */
export function visibleTo(db: Store, id: string, viewer: Viewer, holders: AdultRoleHolders = readRoleHolders(db)): AdultConcernRow | null {
  const row = readAdultConcern(db, id);
  return row && mayReadAdultConcern(viewer, facts(row), holders) ? row : null;
}

/** As visibleTo, refusing with not_found; `kind` narrows to one register (an outcome is for allegations only). */
export function requireVisible(db: Store, id: string, viewer: Viewer, kind?: AdultConcernKind): AdultConcernRow {
  const row = visibleTo(db, id, viewer);
  if (!row) throw notFound();
  if (kind && row.kind !== kind) {
    throw new CommandError('conflict', kind === 'allegation' ? 'This is a low-level concern: escalate it to an allegation first.' : 'This is an allegation, not a low-level concern.');
  }
  return row;
}

/** The LADO line from the school's pack for its council (an empty slot until the school fills it in). */
export function ladoContact(db: Store): { name: string; phone: string; email: string; verifiedOn: string | null } | null {
  const { packId, areaId } = readSettings(db).pack;
  const loaded = packId ? loadPacks(db).get(packId) : undefined;
  if (!loaded) return null;
  const lado = contactsForArea(loaded.pack, areaId ?? undefined).find((contact) => contact.role === 'lado');
  return lado ? { name: lado.name, phone: lado.phone ?? '', email: lado.email ?? '', verifiedOn: lado.verifiedOn } : null;
}

/** The same adult across records: their account where they have one, otherwise the name as typed. */
const subjectKey = (row: Pick<AdultConcernRow, 'subject_user_id' | 'subject_name'>) => row.subject_user_id ?? `name:${row.subject_name.trim().toLowerCase().replace(/\s+/g, ' ')}`;

function retentionOf(row: AdultConcernRow) {
  return adultConcernRetention({
    kind: row.kind,
    recordedOn: londonIsoDate(new Date(row.recorded_at)),
    outcome: row.outcome,
    personLeftOn: row.person_left_on,
    dateOfBirth: row.date_of_birth,
  });
}

function clockOf(db: Store, row: AdultConcernRow, now: Date) {
  return row.kind === 'allegation' && row.case_manager_knew_at ? ladoClock(schoolCalendar(db), { caseManagerKnewAt: row.case_manager_knew_at, ladoConsultedAt: row.lado_consulted_at }, now) : null;
}

interface SubjectInput {
  userId: string | null;
  name: string;
  role: string;
  employer: string;
  relationship: 'staff' | 'supply' | 'contractor' | 'volunteer' | 'governor' | 'other';
}

/**
 * Who the record is about. Self-reports name the author. A name typed that is exactly an account's name is linked to
 * that account, so the "never the subject" rule holds even when the person logging did not use the list.
 */
function resolveSubject(db: Store, viewer: Viewer, input: ParsedInput<'adults.log'>): SubjectInput {
  if (input.selfReport) return { userId: viewer.id, name: viewer.displayName, role: input.subject?.role ?? '', employer: input.subject?.employer ?? '', relationship: input.subject?.relationship ?? 'staff' };
  const subject = input.subject;
  if (!subject) throw new CommandError('invalid_input', 'Say who the concern is about.', { 'subject.name': ['Choose the adult from the staff list, or type their name'] });
  if (subject.userId) {
    const account = db.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(subject.userId) as string | undefined;
    if (!account) throw new CommandError('invalid_input', 'That person is not on the staff list.', { 'subject.userId': ['Choose the adult from the staff list again'] });
    return { ...subject, name: account };
  }
  const sameName = db.prepare('SELECT id FROM users WHERE display_name = ? COLLATE NOCASE').pluck().all(subject.name.trim()) as string[];
  return { ...subject, userId: sameName.length === 1 ? sameName[0]! : null };
}

/** When it happened, refused if in the future; needs no store, so a concern sealed while locked is checked too. */
export function occurredAtOf(input: ParsedInput<'adults.log'>, now: Date): Date {
  const occurredAt = isIsoDate(input.occurredDate) ? londonDateTime(input.occurredDate, input.occurredTime || '00:00') : new Date(NaN);
  if (Number.isNaN(occurredAt.getTime()) || occurredAt.getTime() > now.getTime() + FUTURE_GRACE_MS) {
    throw new CommandError('invalid_input', 'The date and time it happened cannot be in the future.', { occurredDate: ['The date cannot be in the future'] });
  }
  return occurredAt;
}

export function logAdultConcern(db: Store, viewer: Viewer, input: ParsedInput<'adults.log'>, now: Date) {
  const occurredAt = occurredAtOf(input, now);
  const subject = resolveSubject(db, viewer, input);
  const kind = adultConcernKindOf(input);
  const id = uuidv7();
  const recordedAt = now.toISOString();
  insertAdultConcern(db, {
    id,
    kind,
    authorId: viewer.id,
    recordedAt,
    selfReport: input.selfReport,
    subject,
    occurredAt: occurredAt.toISOString(),
    location: input.location,
    othersPresent: input.othersPresent,
    whatHappened: input.whatHappened,
    childHarm: input.childHarm,
    escalatedFrom: null,
    escalationReason: null,
    caseManagerKnewAt: kind === 'allegation' ? recordedAt : null,
  });
  const routing = routeAdultConcern({ kind, subjectUserId: subject.userId }, readRoleHolders(db));
  return { id, recordedAt, delivery: 'stored' as const, kind, sentTo: routing.to, nobodyToReceive: routing.userId === null, ladoDirectly: routing.ladoDirectly, ladoContact: routing.ladoDirectly ? ladoContact(db) : null };
}

export function myAdultConcerns(db: Store, rows: readonly AdultConcernRow[]) {
  void db;
  return rows.map((row) => ({
    id: row.id,
    recordedAt: row.recorded_at,
    subjectName: row.subject_name,
    selfReport: row.self_report === 1,
    whatHappened: row.what_happened,
    status: row.read_at ? ('read' as const) : ('submitted' as const),
  }));
}

export function register(db: Store, viewer: Viewer, kind: AdultConcernKind, now: Date) {
  const holders = readRoleHolders(db);
  const rows = adultConcernsOfKind(db, kind).filter((row) => mayReadAdultConcern(viewer, facts(row), holders));
  const bySubject = new Map<string, { subjectName: string; recordIds: string[] }>();
  // Patterns look across both registers the viewer receives: a low-level concern and an allegation about one person.
  const everything = [...rows, ...adultConcernsOfKind(db, kind === 'low_level' ? 'allegation' : 'low_level').filter((row) => mayReadAdultConcern(viewer, facts(row), holders))];
  for (const row of everything) {
    const key = subjectKey(row);
    const group = bySubject.get(key) ?? { subjectName: row.subject_name, recordIds: [] };
    group.recordIds.push(row.id);
    bySubject.set(key, group);
  }
  return {
    rows: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      recordedAt: row.recorded_at,
      subjectName: row.subject_name,
      subjectKey: subjectKey(row),
      selfReport: row.self_report === 1,
      read: row.read_at !== null,
      responded: row.responded === 1,
      outcome: row.outcome,
      ladoClock: clockOf(db, row, now),
      retention: retentionOf(row),
    })),
    patterns: [...bySubject.entries()].filter(([, group]) => group.recordIds.length > 1).map(([key, group]) => ({ subjectKey: key, ...group })),
  };
}

export function viewAdultConcern(db: Store, row: AdultConcernRow, now: Date): AdultConcernView {
  return {
    id: row.id,
    kind: row.kind,
    recordedAt: row.recorded_at,
    author: row.author_name,
    selfReport: row.self_report === 1,
    subject: { name: row.subject_name, role: row.subject_role, employer: row.subject_employer, relationship: row.subject_relationship, fromStaffList: row.subject_user_id !== null },
    occurredAt: row.occurred_at,
    location: row.location,
    othersPresent: row.others_present,
    whatHappened: row.what_happened,
    childHarm: row.child_harm,
    readAt: row.read_at,
    responses: adultConcernNotes(db, 'adult_concern_responses', row.id).map((note) => ({ id: note.id, kind: note.kind as never, note: note.note, writtenAt: note.written_at, author: note.author })),
    escalatedTo: row.escalated_to,
    escalatedFrom: row.escalated_from,
    caseManagerKnewAt: row.case_manager_knew_at,
    ladoClock: clockOf(db, row, now),
    lado: row.lado_consulted_at ? { consultedAt: row.lado_consulted_at, officer: row.lado_officer ?? '', advice: row.lado_advice ?? '', reference: row.lado_reference ?? '' } : null,
    actions: adultConcernNotes(db, 'adult_concern_actions', row.id).map((note) => ({ id: note.id, kind: note.kind as never, note: note.note, writtenAt: note.written_at, author: note.author })),
    outcome: row.outcome ? { outcome: row.outcome, decidedOn: row.outcome_on ?? '', note: row.outcome_note ?? '' } : null,
    referrals: professionalReferrals(db, row.id).map((referral) => ({ id: referral.id, body: referral.body, referredOn: referral.referred_on, note: referral.note })),
    personLeftOn: row.person_left_on,
    dateOfBirth: row.date_of_birth,
    retention: retentionOf(row),
    ladoContact: row.kind === 'allegation' ? ladoContact(db) : null,
    exports: adultConcernExports(db, row.id).map((entry) => ({ id: entry.id, kind: entry.kind, recipient: entry.recipient, purpose: entry.purpose, at: entry.created_at, by: entry.by_name })),
  };
}
