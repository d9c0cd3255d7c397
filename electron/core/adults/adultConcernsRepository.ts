// The one place that reads and writes concerns and allegations about adults (migration 0010). Nothing here decides
// who may see a record: adultRegister.ts asks shared/access, and no other module queries these tables.
import type { AdultConcernKind, AdultRoleHolders, AllegationOutcome } from '../../../shared/api';
import { noRoleHolders } from '../../../shared/api';
import { londonIsoDate } from '../../../shared/calendar';
import type { Store } from '../store';

export interface AdultConcernRow {
  id: string;
  kind: AdultConcernKind;
  author_id: string;
  author_name: string;
  recorded_at: string;
  self_report: number;
  subject_user_id: string | null;
  subject_name: string;
  subject_role: string;
  subject_employer: string;
  subject_relationship: 'staff' | 'supply' | 'contractor' | 'volunteer' | 'governor' | 'other';
  occurred_at: string;
  location: string;
  others_present: string;
  what_happened: string;
  child_harm: 'yes' | 'not_sure' | 'no';
  read_at: string | null;
  escalated_from: string | null;
  escalated_to: string | null;
  case_manager_knew_at: string | null;
  lado_consulted_at: string | null;
  lado_officer: string | null;
  lado_advice: string | null;
  lado_reference: string | null;
  outcome: AllegationOutcome | null;
  outcome_on: string | null;
  outcome_note: string | null;
  person_left_on: string | null;
  date_of_birth: string | null;
  responded: number;
}

const selectRows = `
  SELECT c.*, u.display_name AS author_name,
    (SELECT e.id FROM adult_concerns e WHERE e.escalated_from = c.id) AS escalated_to,
    EXISTS (SELECT 1 FROM adult_concern_responses r WHERE r.concern_id = c.id) AS responded
  FROM adult_concerns c JOIN users u ON u.id = c.author_id`;

export function readAdultConcern(db: Store, id: string): AdultConcernRow | undefined {
  return db.prepare(`${selectRows} WHERE c.id = ?`).get(id) as AdultConcernRow | undefined;
}

/** Every record of a kind, newest first; the caller keeps only those the viewer receives. */
export function adultConcernsOfKind(db: Store, kind: AdultConcernKind): AdultConcernRow[] {
  return db.prepare(`${selectRows} WHERE c.kind = ? ORDER BY c.recorded_at DESC`).all(kind) as AdultConcernRow[];
}

/** Every record not yet read (for the recipient's alert; the caller filters by recipient). */
export function unreadAdultConcerns(db: Store): AdultConcernRow[] {
  return db.prepare(`${selectRows} WHERE c.read_at IS NULL`).all() as AdultConcernRow[];
}

export function adultConcernsBy(db: Store, authorId: string): AdultConcernRow[] {
  return db.prepare(`${selectRows} WHERE c.author_id = ? ORDER BY c.recorded_at DESC LIMIT 500`).all(authorId) as AdultConcernRow[];
}

export interface NewAdultConcern {
  id: string;
  kind: AdultConcernKind;
  authorId: string;
  recordedAt: string;
  selfReport: boolean;
  subject: { userId: string | null; name: string; role: string; employer: string; relationship: string };
  occurredAt: string;
  location: string;
  othersPresent: string;
  whatHappened: string;
  childHarm: string;
  escalatedFrom: string | null;
  escalationReason: string | null;
  caseManagerKnewAt: string | null;
}

export function insertAdultConcern(db: Store, record: NewAdultConcern): void {
  db.prepare(
    `INSERT INTO adult_concerns (id, kind, author_id, recorded_at, self_report, subject_user_id, subject_name, subject_role, subject_employer, subject_relationship,
       occurred_at, location, others_present, what_happened, child_harm, escalated_from, escalation_reason, case_manager_knew_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.id,
    record.kind,
    record.authorId,
    record.recordedAt,
    record.selfReport ? 1 : 0,
    record.subject.userId,
    record.subject.name,
    record.subject.role,
    record.subject.employer,
    record.subject.relationship,
    record.occurredAt,
    record.location,
    record.othersPresent,
    record.whatHappened,
    record.childHarm,
    record.escalatedFrom,
    record.escalationReason,
    record.caseManagerKnewAt,
  );
}

export function markAdultConcernRead(db: Store, id: string, by: string, at: string): void {
  db.prepare('UPDATE adult_concerns SET read_at = ?, read_by = ? WHERE id = ? AND read_at IS NULL').run(at, by, id);
}

export function addAdultConcernNote(db: Store, table: 'adult_concern_responses' | 'adult_concern_actions', note: { id: string; concernId: string; kind: string; note: string; at: string; by: string }): void {
  db.prepare(`INSERT INTO ${table} (id, concern_id, kind, note, written_at, author_id) VALUES (?, ?, ?, ?, ?, ?)`).run(note.id, note.concernId, note.kind, note.note, note.at, note.by);
}

export function adultConcernNotes(db: Store, table: 'adult_concern_responses' | 'adult_concern_actions', concernId: string) {
  return db
    .prepare(`SELECT n.id, n.kind, n.note, n.written_at, u.display_name AS author FROM ${table} n JOIN users u ON u.id = n.author_id WHERE n.concern_id = ? ORDER BY n.written_at, n.id`)
    .all(concernId) as Array<{ id: string; kind: string; note: string; written_at: string; author: string }>;
}

export function addProfessionalReferral(db: Store, referral: { id: string; concernId: string; body: string; referredOn: string; note: string; at: string; by: string }): void {
  db.prepare('INSERT INTO adult_concern_referrals (id, concern_id, body, referred_on, note, written_at, author_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    referral.id,
    referral.concernId,
    referral.body,
    referral.referredOn,
    referral.note,
    referral.at,
    referral.by,
  );
}

export function professionalReferrals(db: Store, concernId: string) {
  return db.prepare('SELECT id, body, referred_on, note FROM adult_concern_referrals WHERE concern_id = ? ORDER BY referred_on, id').all(concernId) as Array<{
    id: string;
    body: 'dbs' | 'tra';
    referred_on: string;
    note: string;
  }>;
}

export function recordAdultConcernExport(db: Store, entry: { id: string; concernId: string; kind: 'person_summary' | 'lado_referral'; recipient: string; purpose: string; sha256: string; at: string; by: string }): void {
  db.prepare('INSERT INTO adult_concern_exports (id, concern_id, kind, recipient, purpose, sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    entry.id,
    entry.concernId,
    entry.kind,
    entry.recipient,
    entry.purpose,
    entry.sha256,
    entry.at,
    entry.by,
  );
}

export function adultConcernExports(db: Store, concernId: string) {
  return db
    .prepare('SELECT e.id, e.kind, e.recipient, e.purpose, e.created_at, u.display_name AS by_name FROM adult_concern_exports e JOIN users u ON u.id = e.created_by WHERE e.concern_id = ? ORDER BY e.created_at')
    .all(concernId) as Array<{ id: string; kind: 'person_summary' | 'lado_referral'; recipient: string; purpose: string; created_at: string; by_name: string }>;
}

export function recordLadoConsultation(db: Store, id: string, lado: { consultedAt: string; officer: string; advice: string; reference: string }): void {
  db.prepare('UPDATE adult_concerns SET lado_consulted_at = ?, lado_officer = ?, lado_advice = ?, lado_reference = ? WHERE id = ?').run(lado.consultedAt, lado.officer, lado.advice, lado.reference, id);
}

export function recordAllegationOutcome(db: Store, id: string, outcome: { outcome: AllegationOutcome; decidedOn: string; note: string }): void {
  db.prepare('UPDATE adult_concerns SET outcome = ?, outcome_on = ?, outcome_note = ? WHERE id = ?').run(outcome.outcome, outcome.decidedOn, outcome.note, id);
}

export function recordPersonDetails(db: Store, id: string, details: { personLeftOn: string | null; dateOfBirth: string | null }): void {
  db.prepare('UPDATE adult_concerns SET person_left_on = ?, date_of_birth = ? WHERE id = ?').run(details.personLeftOn, details.dateOfBirth, id);
}

/**
 * Deletes a malicious allegation and everything written on it, overwriting the freed pages (secure_delete), and keeps
 * only that a removal happened. The low-level concern it may have come from is a separate record and stays.
 */
export function removeAllegation(db: Store, id: string, removal: { recordedOn: string; outcome: AllegationOutcome; at: string; by: string }): void {
  const before = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    for (const table of ['adult_concern_responses', 'adult_concern_actions', 'adult_concern_referrals', 'adult_concern_exports']) db.prepare(`DELETE FROM ${table} WHERE concern_id = ?`).run(id);
    db.prepare('DELETE FROM adult_concerns WHERE id = ?').run(id);
    db.prepare('INSERT INTO adult_concern_removals (id, recorded_on, outcome, removed_at, removed_by) VALUES (?, ?, ?, ?, ?)').run(id, removal.recordedOn, removal.outcome, removal.at, removal.by);
  } finally {
    db.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
}

/** What the culture report counts for a period (instants from periodInstants): kind, when, outcome — removed ones too. */
export function adultConcernCountRows(db: Store, period: { start: string; end: string; from: string; to: string }) {
  const kept = db.prepare('SELECT kind, recorded_at, outcome FROM adult_concerns WHERE recorded_at >= ? AND recorded_at < ?').all(period.start, period.end) as Array<{
    kind: AdultConcernKind;
    recorded_at: string;
    outcome: AllegationOutcome | null;
  }>;
  const removed = db.prepare('SELECT recorded_on, outcome FROM adult_concern_removals WHERE recorded_on >= ? AND recorded_on <= ?').all(period.from, period.to) as Array<{
    recorded_on: string;
    outcome: AllegationOutcome;
  }>;
  return [
    ...kept.map((row) => ({ kind: row.kind, recordedOn: londonIsoDate(new Date(row.recorded_at)), outcome: row.outcome })),
    ...removed.map((row) => ({ kind: 'allegation' as const, recordedOn: row.recorded_on, outcome: row.outcome })),
  ];
}

const HOLDERS_KEY = 'adultRoleHolders';

/** Who holds the Part 4 roles; kept in the settings table under its own key, written only by adults.setRoleHolders. */
export function readRoleHolders(db: Store): AdultRoleHolders {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(HOLDERS_KEY) as string | undefined;
  return value ? { ...noRoleHolders, ...(JSON.parse(value) as Partial<AdultRoleHolders>) } : noRoleHolders;
}

export function writeRoleHolders(db: Store, holders: AdultRoleHolders, by: string, at: string): void {
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(HOLDERS_KEY, JSON.stringify(holders), at, by);
}
