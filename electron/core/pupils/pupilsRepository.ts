// Pupils as stored, at the level the generators, importers and benchmarks write them: one row, prepared once per
// connection. Finding pupils for people (search, siblings) lives in pupilDirectory.ts.
import { v7 as uuidv7 } from 'uuid';
import type { Store } from '../store';

export interface NewPupil {
  /** A UUID v7; generated when absent. Generators pass one made from their own seed so their output repeats. */
  id?: string;
  upn: string | null;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  yearGroup: string | null;
  registrationGroup: string | null;
  gender: string | null;
  senStatus: string | null;
  householdId: string | null;
  address: string;
  postcode: string;
  contacts: ReadonlyArray<{ name: string; relationship: string; phone: string; parentalResponsibility: boolean }>;
  createdAt: string;
  createdBy: string | null;
}

export interface StoredPupil extends Required<Omit<NewPupil, 'contacts'>> {
  contacts: NewPupil['contacts'];
  leftOn: string | null;
}

interface PupilRow {
  id: string;
  upn: string | null;
  legal_first_name: string;
  legal_last_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  year_group: string | null;
  registration_group: string | null;
  gender: string | null;
  sen_status: string | null;
  household_id: string | null;
  address: string;
  postcode: string;
  contacts: string;
  created_at: string;
  created_by: string | null;
  left_on: string | null;
}

function statementsFor(db: Store) {
  return {
    insert: db.prepare(
      `INSERT INTO pupils (id, upn, legal_first_name, legal_last_name, preferred_name, date_of_birth, year_group, registration_group, gender,
         sen_status, household_id, address, postcode, contacts, created_at, created_by, updated_at)
       VALUES (@id, @upn, @legalFirstName, @legalLastName, @preferredName, @dateOfBirth, @yearGroup, @registrationGroup, @gender,
         @senStatus, @householdId, @address, @postcode, @contacts, @createdAt, @createdBy, @createdAt)`,
    ),
    find: db.prepare(
      `SELECT id, upn, legal_first_name, legal_last_name, preferred_name, date_of_birth, year_group, registration_group, gender, sen_status,
         household_id, address, postcode, contacts, created_at, created_by, left_on
       FROM pupils WHERE id = ?`,
    ),
  };
}

// Preparing a statement costs more than running it; bulk writers insert thousands of rows per connection.
const prepared = new WeakMap<Store, ReturnType<typeof statementsFor>>();
function statements(db: Store) {
  let found = prepared.get(db);
  if (!found) {
    found = statementsFor(db);
    prepared.set(db, found);
  }
  return found;
}

/** Inserts one pupil and returns its id. Call inside the caller's transaction. */
export function insertPupil(db: Store, pupil: NewPupil): string {
  const id = pupil.id ?? uuidv7();
  statements(db).insert.run({ ...pupil, id, contacts: JSON.stringify(pupil.contacts) });
  return id;
}

export function findPupil(db: Store, id: string): StoredPupil | null {
  const row = statements(db).find.get(id) as PupilRow | undefined;
  if (!row) return null;
  return {
    id: row.id,
    upn: row.upn,
    legalFirstName: row.legal_first_name,
    legalLastName: row.legal_last_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    yearGroup: row.year_group,
    registrationGroup: row.registration_group,
    gender: row.gender,
    senStatus: row.sen_status,
    householdId: row.household_id,
    address: row.address,
    postcode: row.postcode,
    contacts: JSON.parse(row.contacts) as StoredPupil['contacts'],
    createdAt: row.created_at,
    createdBy: row.created_by,
    leftOn: row.left_on,
  };
}
