// Finding and correcting pupils. Search must feel instant for a TA with a child in front of them: any part of a
// name, the preferred name, the UPN or the registration group, with names that start with the query first.
import { v7 as uuidv7 } from 'uuid';
import type { PupilDetails, PupilSummary } from '../../../shared/api';
import type { Store } from '../store';
import { neutraliseBidiControls } from '../../../shared/text';

interface PupilRow {
  id: string;
  legal_first_name: string;
  legal_last_name: string;
  preferred_name: string | null;
  year_group: string | null;
  registration_group: string | null;
  household_id: string | null;
  left_on: string | null;
}

const summaryColumns = 'id, legal_first_name, legal_last_name, preferred_name, year_group, registration_group, household_id, left_on';

// Names are read without direction controls (see shared/text/bidi.ts), so no page or file shows a reordered name.
export const toPupilSummary = (row: PupilRow): PupilSummary => ({
  id: row.id,
  legalFirstName: neutraliseBidiControls(row.legal_first_name),
  legalLastName: neutraliseBidiControls(row.legal_last_name),
  preferredName: row.preferred_name === null ? null : neutraliseBidiControls(row.preferred_name),
  yearGroup: row.year_group,
  registrationGroup: row.registration_group,
  householdId: row.household_id,
  leftOn: row.left_on,
});

/** The name staff know the child by: the preferred first name where there is one. */
export function pupilDisplayName(pupil: { legalFirstName: string; legalLastName: string; preferredName: string | null }): string {
  return neutraliseBidiControls(`${pupil.preferredName || pupil.legalFirstName} ${pupil.legalLastName}`);
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (match) => `\\${match}`);

export function searchPupils(db: Store, query: string, options: { includeLeavers: boolean; limit: number }): PupilSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  if (words.length === 0) return [];
  const conditions = words.map((_, index) => `search_text LIKE @w${index} ESCAPE '\\'`);
  if (!options.includeLeavers) conditions.push('left_on IS NULL');
  const parameters: Record<string, string | number> = { prefix: `${escapeLike(words[0]!)}%`, limit: options.limit };
  words.forEach((word, index) => (parameters[`w${index}`] = `%${escapeLike(word)}%`));
  const rows = db
    .prepare(
      `SELECT ${summaryColumns},
         (lower(legal_last_name) LIKE @prefix ESCAPE '\\' OR lower(legal_first_name) LIKE @prefix ESCAPE '\\' OR lower(coalesce(preferred_name, '')) LIKE @prefix ESCAPE '\\') AS starts
       FROM pupils WHERE ${conditions.join(' AND ')}
       ORDER BY starts DESC, legal_last_name COLLATE NOCASE, legal_first_name COLLATE NOCASE
       LIMIT @limit`,
    )
    .all(parameters) as PupilRow[];
  return rows.map(toPupilSummary);
}

export function findPupilSummary(db: Store, id: string): PupilSummary | null {
  const row = db.prepare(`SELECT ${summaryColumns} FROM pupils WHERE id = ?`).get(id) as PupilRow | undefined;
  return row ? toPupilSummary(row) : null;
}

export function siblingsOf(db: Store, pupilId: string, options: { includeLeavers: boolean } = { includeLeavers: false }): PupilSummary[] {
  const rows = db
    .prepare(
      `SELECT ${summaryColumns} FROM pupils
       WHERE household_id = (SELECT household_id FROM pupils WHERE id = ?) AND household_id IS NOT NULL AND id <> ?
         ${options.includeLeavers ? '' : 'AND left_on IS NULL'}
       ORDER BY date_of_birth`,
    )
    .all(pupilId, pupilId) as PupilRow[];
  return rows.map(toPupilSummary);
}

function detailsParameters(details: PupilDetails) {
  return {
    upn: details.upn,
    legal_first_name: details.legalFirstName,
    legal_last_name: details.legalLastName,
    preferred_name: details.preferredName || null,
    date_of_birth: details.dateOfBirth,
    year_group: details.yearGroup,
    registration_group: details.registrationGroup,
    gender: details.gender,
    sen_status: details.senStatus,
    address: details.address,
    postcode: details.postcode,
    ethnicity: details.ethnicity,
    first_language: details.firstLanguage,
    religion: details.religion,
    contacts: JSON.stringify(details.contacts),
  };
}

export function upnTaken(db: Store, upn: string | null, exceptId: string | null): boolean {
  if (!upn) return false;
  return db.prepare('SELECT 1 FROM pupils WHERE upn = ? AND id IS NOT ?').get(upn, exceptId) !== undefined;
}

export function createPupil(db: Store, details: PupilDetails, householdId: string | null, by: string, at: string): string {
  const id = uuidv7();
  db.prepare(
    `INSERT INTO pupils (id, upn, legal_first_name, legal_last_name, preferred_name, date_of_birth, year_group, registration_group, gender,
       sen_status, address, postcode, ethnicity, first_language, religion, contacts, household_id, created_at, created_by, updated_at)
     VALUES (@id, @upn, @legal_first_name, @legal_last_name, @preferred_name, @date_of_birth, @year_group, @registration_group, @gender,
       @sen_status, @address, @postcode, @ethnicity, @first_language, @religion, @contacts, @household_id, @at, @by, @at)`,
  ).run({ ...detailsParameters(details), id, household_id: householdId, at, by });
  return id;
}

export function updatePupil(db: Store, id: string, details: PupilDetails, householdId: string | null, at: string): void {
  db.prepare(
    `UPDATE pupils SET upn = @upn, legal_first_name = @legal_first_name, legal_last_name = @legal_last_name, preferred_name = @preferred_name,
       date_of_birth = @date_of_birth, year_group = @year_group, registration_group = @registration_group, gender = @gender,
       sen_status = @sen_status, address = @address, postcode = @postcode, ethnicity = @ethnicity, first_language = @first_language,
       religion = @religion, contacts = @contacts, household_id = @household_id, updated_at = @at
     WHERE id = @id`,
  ).run({ ...detailsParameters(details), id, household_id: householdId, at });
}

interface PupilDetailsRow {
  upn: string | null;
  legal_first_name: string;
  legal_last_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  year_group: string | null;
  registration_group: string | null;
  gender: string | null;
  sen_status: string | null;
  address: string;
  postcode: string;
  ethnicity: string;
  first_language: string;
  religion: string;
  contacts: string;
}

export function findPupilDetails(db: Store, id: string): PupilDetails | null {
  const row = db.prepare('SELECT * FROM pupils WHERE id = ?').get(id) as PupilDetailsRow | undefined;
  if (!row) return null;
  return {
    upn: row.upn,
    legalFirstName: neutraliseBidiControls(row.legal_first_name),
    legalLastName: neutraliseBidiControls(row.legal_last_name),
    preferredName: row.preferred_name === null ? null : neutraliseBidiControls(row.preferred_name),
    dateOfBirth: row.date_of_birth,
    yearGroup: row.year_group,
    registrationGroup: row.registration_group,
    gender: row.gender,
    senStatus: row.sen_status,
    address: row.address,
    postcode: row.postcode,
    ethnicity: row.ethnicity,
    firstLanguage: row.first_language,
    religion: row.religion,
    contacts: (JSON.parse(row.contacts) as PupilDetails['contacts']).map((contact) => ({
      name: contact.name,
      relationship: contact.relationship ?? '',
      phone: contact.phone ?? '',
      parentalResponsibility: contact.parentalResponsibility ?? false,
    })),
  };
}
