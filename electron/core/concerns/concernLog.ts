// The zero-threshold concern log as stored: submitting (immutable from then on), the author's view of their own,
// addenda, drafts, and the DSL's first look. Who may see what is decided here from the session, never the page.
import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { ConcernCategory, ConcernView, ParsedConcern, PupilPart, Role } from '../../../shared/api';
import { MAX_ATTACHMENT_BYTES, defaultCategories, mayOpenConcern, maySeeAddendum, readsChildRecords } from '../../../shared/api';
import { isIsoDate, londonDateTime } from '../../../shared/calendar';
import { CommandError } from '../dispatch/commandError';
import { pupilDisplayName } from '../pupils/pupilDirectory';
import { insertConcern, insertMatchedPupil } from './concernsRepository';
import type { Store } from '../store';
import { preparedOnce } from '../store/preparedOnce';

export interface Viewer {
  id: string;
  role: Role;
}

/** Every category the school has had, in its order, with whether staff are offered it now. */
/** Read on every save (its categories are checked against it), so prepared once per connection. */
const categoryListStatement = preparedOnce((db) => db.prepare('SELECT id, label, guidance, duty, active FROM concern_category_list ORDER BY position'));

export function editableCategoryList(db: Store): Array<ConcernCategory & { active: boolean }> {
  const rows = categoryListStatement(db).all() as Array<ConcernCategory & { active: number }>;
  if (rows.length === 0) return defaultCategories.map((category) => ({ ...category, active: true }));
  return rows.map((row) => ({ ...row, active: row.active === 1 }));
}

/** The categories staff are offered: the school's own list, or the KCSIE defaults until the school changes it. */
export function categoryList(db: Store): ConcernCategory[] {
  return editableCategoryList(db)
    .filter((category) => category.active)
    .map(({ active: _active, ...category }) => category);
}

/** Replaces the list; codes that disappear are kept, out of use, so concerns that name them keep their labels. */
export function replaceCategoryList(db: Store, categories: ReadonlyArray<ConcernCategory & { active: boolean }>): void {
  const given = new Set(categories.map((category) => category.id));
  const dropped = editableCategoryList(db).filter((category) => !given.has(category.id)).map((category) => ({ ...category, active: false }));
  db.prepare('DELETE FROM concern_category_list').run();
  const insert = db.prepare('INSERT INTO concern_category_list (id, label, guidance, duty, position, active) VALUES (?, ?, ?, ?, ?, ?)');
  [...categories, ...dropped].forEach((category, position) => insert.run(category.id, category.label, category.guidance, category.duty, position, category.active ? 1 : 0));
}

const FUTURE_GRACE_MS = 60_000;

/** What every save runs, prepared once per connection. */
const saveStatements = preparedOnce((db) => ({
  pupilExists: db.prepare('SELECT 1 FROM pupils WHERE id = ?').pluck(),
  addMark: db.prepare('INSERT INTO concern_body_marks (concern_id, position, view, x, y, size, colour, shape, child_explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
  addFile: db.prepare('INSERT INTO concern_attachments (id, concern_id, name, type, size, sha256, data, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
}));

export function submitConcern(db: Store, authorId: string, input: ParsedConcern, now: Date): { id: string; recordedAt: string } {
  const occurredAt = isIsoDate(input.occurredDate) ? londonDateTime(input.occurredDate, input.occurredTime) : new Date(NaN);
  if (Number.isNaN(occurredAt.getTime())) throw new CommandError('invalid_input', 'Check the date and time.', { occurredDate: ['Enter a real date, for example 22/11/2026'] });
  if (occurredAt.getTime() > now.getTime() + FUTURE_GRACE_MS) {
    throw new CommandError('invalid_input', 'The date and time it happened cannot be in the future.', { occurredDate: ['The date and time cannot be in the future'], occurredTime: ['The date and time cannot be in the future'] });
  }
  const { pupilExists, addMark, addFile } = saveStatements(db);
  input.pupils.forEach((pupil, index) => {
    if (!pupilExists.get(pupil.pupilId)) throw new CommandError('invalid_input', 'One of the pupils is not on the roster.', { [`pupils.${index}.pupilId`]: ['This pupil is not on the roster: search for them again'] });
  });
  const known = new Set(categoryList(db).map((category) => category.id));
  input.categories.forEach((category, index) => {
    if (!known.has(category)) throw new CommandError('invalid_input', 'One of the categories is not on the school’s list.', { [`categories.${index}`]: ['Choose a category from the list'] });
  });
  const files = input.attachments.map((attachment, index) => {
    const data = Buffer.from(attachment.dataBase64, 'base64');
    if (data.length === 0) throw new CommandError('invalid_input', 'An attached file is empty.', { [`attachments.${index}`]: ['This file is empty: attach it again'] });
    if (data.length > MAX_ATTACHMENT_BYTES) throw new CommandError('invalid_input', 'An attached file is too large.', { [`attachments.${index}`]: [`Each file must be ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB or smaller`] });
    if (!contentMatchesType(data, attachment.type)) {
      throw new CommandError('invalid_input', 'An attached file is not what its name says.', { [`attachments.${index}`]: ['This file is not a real PDF or photo: attach the original file'] });
    }
    return { ...attachment, data };
  });

  const id = uuidv7();
  const recordedAt = now.toISOString();
  insertConcern(db, {
    id,
    authorId,
    occurredAt: occurredAt.toISOString(),
    recordedAt,
    location: input.location,
    othersPresent: input.othersPresent,
    whatHappened: input.whatHappened,
    childWords: input.childWords,
    actionTaken: input.actionTaken,
    immediateDanger: input.immediateDanger,
    urgent: input.urgent,
    spokenToDsl: input.spokenToDslInPerson,
    fgmPoliceReference: input.fgmPoliceReference,
    childDescribed: input.childDescribed,
    status: 'new',
    readAt: null,
    readBy: null,
    pupils: input.pupils,
    categories: input.categories,
  });
  input.bodyMap.forEach((mark, position) => addMark.run(id, position, mark.view, mark.x, mark.y, mark.size, mark.colour, mark.shape, mark.childExplanation));
  for (const file of files) {
    addFile.run(uuidv7(), id, file.name, file.type, file.data.length, crypto.createHash('sha256').update(file.data).digest('hex'), file.data, recordedAt, authorId);
  }
  if (input.draftId) db.prepare('DELETE FROM concern_drafts WHERE id = ? AND author_id = ?').run(input.draftId, authorId);
  return { id, recordedAt };
}

/** The first bytes of each allowed type, so a renamed executable is not stored as a "photo". */
function contentMatchesType(data: Buffer, type: string): boolean {
  const starts = (bytes: number[], offset = 0) => bytes.every((byte, index) => data[offset + index] === byte);
  switch (type) {
    case 'application/pdf':
      return starts([0x25, 0x50, 0x44, 0x46]);
    case 'image/jpeg':
      return starts([0xff, 0xd8, 0xff]);
    case 'image/png':
      return starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/webp':
      return starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8);
    default:
      return false;
  }
}

const authorStatus = (status: string) => (status === 'new' ? 'submitted' : status === 'closed' ? 'closed' : 'read') as 'submitted' | 'read' | 'closed';

interface PupilNameRow {
  concern_id: string;
  pupil_id: string;
  part: 'subject' | 'involved' | 'witness';
  legal_first_name: string;
  legal_last_name: string;
  preferred_name: string | null;
  year_group: string | null;
  matched_by_name: string | null;
  matched_at: string | null;
}

/**
 * Each concern's pupils. `authorsOwn`: only the children the author chose, not those a DSL matched to their words
 * afterwards — matching is the DSL's act, and the author sees nothing a DSL did but that the concern was read.
 */
function pupilsOf(db: Store, concernIds: readonly string[], options: { authorsOwn?: boolean } = {}): Map<string, PupilNameRow[]> {
  const byConcern = new Map<string, PupilNameRow[]>();
  if (concernIds.length === 0) return byConcern;
  const rows = db
    .prepare(
      `SELECT cp.concern_id, cp.pupil_id, cp.part, p.legal_first_name, p.legal_last_name, p.preferred_name, p.year_group,
         matcher.display_name AS matched_by_name, cp.matched_at
       FROM concern_pupils cp JOIN pupils p ON p.id = cp.pupil_id LEFT JOIN users matcher ON matcher.id = cp.matched_by
       WHERE cp.concern_id IN (SELECT value FROM json_each(?))${options.authorsOwn ? ' AND cp.matched_by IS NULL' : ''} ORDER BY cp.position`,
    )
    .all(JSON.stringify(concernIds)) as PupilNameRow[];
  for (const row of rows) byConcern.set(row.concern_id, [...(byConcern.get(row.concern_id) ?? []), row]);
  return byConcern;
}

const nameOf = (row: PupilNameRow) => pupilDisplayName({ legalFirstName: row.legal_first_name, legalLastName: row.legal_last_name, preferredName: row.preferred_name });

/**
 * A member of staff's own concerns, newest first: the latest 500 from the copy of who wrote what (folded in up to the
 * report tallies' mark, migration 0016) and any saved since the mark, read from the concerns after it. A read only:
 * staff lists are asked for often and never wait for a fold.
 */
export function myConcerns(db: Store, authorId: string) {
  const rows = db
    .prepare(
      `SELECT id, recorded_at, occurred_at, status, immediate_danger, child_described FROM concerns WHERE id IN (
         SELECT concern_id FROM (SELECT concern_id FROM concern_author_dates WHERE author_id = @authorId ORDER BY recorded_at DESC LIMIT 500)
         UNION ALL
         SELECT id FROM concerns WHERE rowid > (SELECT concerns_to FROM report_tally_mark) AND author_id = @authorId)
       ORDER BY recorded_at DESC LIMIT 500`,
    )
    .all({ authorId }) as Array<{ id: string; recorded_at: string; occurred_at: string; status: string; immediate_danger: number; child_described: string }>;
  const pupils = pupilsOf(db, rows.map((row) => row.id), { authorsOwn: true });
  return rows.map((row) => ({
    id: row.id,
    recordedAt: row.recorded_at,
    occurredAt: row.occurred_at,
    pupilNames: (pupils.get(row.id) ?? []).map(nameOf),
    childDescribed: row.child_described,
    status: authorStatus(row.status),
    immediateDanger: row.immediate_danger === 1,
  }));
}

interface ConcernRow {
  id: string;
  author_id: string;
  author_name: string;
  occurred_at: string;
  recorded_at: string;
  location: string;
  others_present: string;
  what_happened: string;
  child_words: string;
  action_taken: string;
  urgent: number;
  spoken_to_dsl: 'yes' | 'no' | null;
  immediate_danger: number;
  fgm_police_reference: string;
  child_described: string;
  status: string;
  read_at: string | null;
}

/** The concern for someone allowed to see it, or null (missing, or not theirs) — the caller answers not_found. */
export function viewConcern(db: Store, concernId: string, viewer: Viewer, now: Date): ConcernView | null {
  const row = db
    .prepare('SELECT c.*, u.display_name AS author_name FROM concerns c JOIN users u ON u.id = c.author_id WHERE c.id = ?')
    .get(concernId) as ConcernRow | undefined;
  if (!row || !mayOpenConcern(viewer, row.author_id)) return null;
  if (readsChildRecords(viewer.role) && row.status === 'new') {
    // "Read" means a DSL opened it: the author sees that their worry has been received.
    db.prepare("UPDATE concerns SET status = 'read', read_at = ?, read_by = ? WHERE id = ? AND status = 'new'").run(now.toISOString(), viewer.id, concernId);
    row.status = 'read';
    row.read_at = now.toISOString();
  }
  const labels = new Map(editableCategoryList(db).map((category) => [category.id, category.label]));
  const categories = (db.prepare('SELECT category FROM concern_categories WHERE concern_id = ? ORDER BY position').pluck().all(concernId) as string[]).map((id) => ({ id, label: labels.get(id) ?? id }));
  const bodyMap = (
    db.prepare('SELECT view, x, y, size, colour, shape, child_explanation FROM concern_body_marks WHERE concern_id = ? ORDER BY position').all(concernId) as Array<{
      view: 'front' | 'back';
      x: number;
      y: number;
      size: string;
      colour: string;
      shape: string;
      child_explanation: string;
    }>
  ).map(({ child_explanation, ...mark }) => ({ ...mark, childExplanation: child_explanation }));
  const pupils = pupilsOf(db, [row.id], { authorsOwn: !readsChildRecords(viewer.role) }).get(row.id) ?? [];
  const attachments = db.prepare('SELECT id, name, type, size FROM concern_attachments WHERE concern_id = ? ORDER BY added_at, id').all(concernId) as ConcernView['attachments'];
  const addenda = (
    db
      .prepare('SELECT a.id, a.author_id, u.display_name AS author, a.written_at, a.text FROM concern_addenda a JOIN users u ON u.id = a.author_id WHERE a.concern_id = ? ORDER BY a.written_at, a.id')
      .all(concernId) as Array<{ id: string; author_id: string; author: string; written_at: string; text: string }>
  )
    .filter((addendum) => maySeeAddendum(viewer, addendum.author_id))
    .map((addendum) => ({ id: addendum.id, author: addendum.author, writtenAt: addendum.written_at, text: addendum.text }));
  return {
    id: row.id,
    author: { id: row.author_id, displayName: row.author_name },
    recordedAt: row.recorded_at,
    occurredAt: row.occurred_at,
    pupils: pupils.map((pupil) => ({ pupilId: pupil.pupil_id, name: nameOf(pupil), yearGroup: pupil.year_group, part: pupil.part })),
    childDescribed: row.child_described,
    matches: pupils.flatMap((pupil) => (pupil.matched_at && pupil.matched_by_name ? [{ pupilId: pupil.pupil_id, matchedBy: pupil.matched_by_name, matchedAt: pupil.matched_at }] : [])),
    location: row.location,
    othersPresent: row.others_present,
    whatHappened: row.what_happened,
    childWords: row.child_words,
    categories,
    bodyMap,
    actionTaken: row.action_taken,
    urgent: row.urgent === 1,
    spokenToDslInPerson: row.spoken_to_dsl,
    immediateDanger: row.immediate_danger === 1,
    fgmPoliceReference: row.fgm_police_reference,
    attachments,
    addenda,
    status: authorStatus(row.status),
    readAt: row.read_at,
  };
}

export function readAttachment(db: Store, concernId: string, attachmentId: string, viewer: Viewer) {
  const row = db
    .prepare('SELECT a.name, a.type, a.data, c.author_id FROM concern_attachments a JOIN concerns c ON c.id = a.concern_id WHERE a.id = ? AND a.concern_id = ?')
    .get(attachmentId, concernId) as { name: string; type: 'application/pdf'; data: Buffer; author_id: string } | undefined;
  if (!row || !mayOpenConcern(viewer, row.author_id)) return null;
  return { name: row.name, type: row.type, dataBase64: row.data.toString('base64') };
}

/**
 * A DSL names the pupil a concern described in words ("Amy in 5B", typed while the records were locked): the pupil is
 * linked, so the concern is in their chronology and file, and the author's words stay as they wrote them. Only a
 * concern that described its child can be matched; the same pupil twice is refused, so a second click changes nothing.
 */
export function matchPupil(db: Store, match: { concernId: string; pupilId: string; part: PupilPart }, by: Viewer, now: Date): { pupilName: string } {
  const concern = db.prepare('SELECT child_described FROM concerns WHERE id = ?').get(match.concernId) as { child_described: string } | undefined;
  if (!concern) throw new CommandError('not_found', 'That concern does not exist.');
  const pupil = db.prepare('SELECT legal_first_name, legal_last_name, preferred_name FROM pupils WHERE id = ?').get(match.pupilId) as
    | { legal_first_name: string; legal_last_name: string; preferred_name: string | null }
    | undefined;
  if (!pupil) throw new CommandError('not_found', 'That pupil is not on the roster.', { pupilId: ['Choose a pupil from the list'] });
  const pupilName = pupilDisplayName({ legalFirstName: pupil.legal_first_name, legalLastName: pupil.legal_last_name, preferredName: pupil.preferred_name });
  if (concern.child_described === '') {
    throw new CommandError('conflict', 'Whoever logged this concern chose its pupils from the list: there is no description to match.');
  }
  if (db.prepare('SELECT 1 FROM concern_pupils WHERE concern_id = ? AND pupil_id = ?').get(match.concernId, match.pupilId)) {
    throw new CommandError('conflict', `This concern is already matched to ${pupilName}.`, { pupilId: [`${pupilName} is already on this concern`] });
  }
  insertMatchedPupil(db, { ...match, matchedBy: by.id, matchedAt: now.toISOString() });
  return { pupilName };
}

/** Only the author or a DSL adds to a concern; what was written before is never changed. */
export function addAddendum(db: Store, concernId: string, viewer: Viewer, text: string, now: Date): { id: string; writtenAt: string } | null {
  const authorId = db.prepare('SELECT author_id FROM concerns WHERE id = ?').pluck().get(concernId) as string | undefined;
  if (!authorId || !mayOpenConcern(viewer, authorId)) return null;
  const id = uuidv7();
  const writtenAt = now.toISOString();
  db.prepare('INSERT INTO concern_addenda (id, concern_id, author_id, written_at, text) VALUES (?, ?, ?, ?, ?)').run(id, concernId, viewer.id, writtenAt, text);
  return { id, writtenAt };
}

export function saveDraft(db: Store, authorId: string, draftId: string | null, form: string, now: Date): { id: string; updatedAt: string } | null {
  const updatedAt = now.toISOString();
  if (draftId) {
    const changed = db.prepare('UPDATE concern_drafts SET form = ?, updated_at = ? WHERE id = ? AND author_id = ?').run(form, updatedAt, draftId, authorId).changes;
    return changed === 1 ? { id: draftId, updatedAt } : null;
  }
  const id = uuidv7();
  db.prepare('INSERT INTO concern_drafts (id, author_id, created_at, updated_at, form) VALUES (?, ?, ?, ?, ?)').run(id, authorId, updatedAt, updatedAt, form);
  return { id, updatedAt };
}

export function myDrafts(db: Store, authorId: string) {
  return (db.prepare('SELECT id, updated_at, form FROM concern_drafts WHERE author_id = ? ORDER BY updated_at DESC').all(authorId) as Array<{ id: string; updated_at: string; form: string }>).map(
    (row) => ({ id: row.id, updatedAt: row.updated_at, form: row.form }),
  );
}

export function discardDraft(db: Store, authorId: string, draftId: string): boolean {
  return db.prepare('DELETE FROM concern_drafts WHERE id = ? AND author_id = ?').run(draftId, authorId).changes === 1;
}

export function newConcernAlerts(db: Store) {
  return db
    .prepare(
      "SELECT count(*) AS newCount, coalesce(sum(immediate_danger), 0) AS immediateDangerCount, max(recorded_at) AS latestRecordedAt FROM concerns WHERE status = 'new'",
    )
    .get() as { newCount: number; immediateDangerCount: number; latestRecordedAt: string | null };
}

/** New concerns for the DSL: immediate danger first, then oldest first (the longest waiting). */
export function listNewConcerns(db: Store, limit = 200) {
  const rows = db
    .prepare(
      `SELECT c.id, c.recorded_at, c.immediate_danger, c.urgent, c.child_described, u.display_name AS author_name,
         (SELECT json_group_array(category) FROM concern_categories WHERE concern_id = c.id) AS categories
       FROM concerns c JOIN users u ON u.id = c.author_id
       WHERE c.status = 'new' ORDER BY c.immediate_danger DESC, c.recorded_at LIMIT ?`,
    )
    .all(limit) as Array<{ id: string; recorded_at: string; immediate_danger: number; urgent: number; child_described: string; author_name: string; categories: string }>;
  const pupils = pupilsOf(db, rows.map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    recordedAt: row.recorded_at,
    authorName: row.author_name,
    pupilNames: (pupils.get(row.id) ?? []).map(nameOf),
    childDescribed: row.child_described,
    categories: JSON.parse(row.categories) as string[],
    immediateDanger: row.immediate_danger === 1,
    urgent: row.urgent === 1,
  }));
}
