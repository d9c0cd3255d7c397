// One CSV row → a pupil's details, or the reason it cannot be imported (shown with its line number).
import crypto from 'node:crypto';
import { calendarDateSchema, pupilDetailsSchema, type PupilDetails, type RosterField } from '../../../shared/api';
import { isoDateFromParts } from '../../../shared/calendar/isoDate';
import type { RosterRow } from './rosterFile';

export type RowOutcome = { ok: true; details: PupilDetails; householdId: string | null } | { ok: false; reason: string };

/** dd/MM/yyyy (what UK exports use), d/M/yyyy, dd-MM-yyyy or yyyy-MM-dd → yyyy-MM-dd, only for dates the app accepts. */
export function parseRosterDate(text: string): string | null {
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const parts = uk ? [uk[3], uk[2], uk[1]] : iso ? [iso[1], iso[2], iso[3]] : null;
  if (!parts) return null;
  const date = isoDateFromParts(Number(parts[0]), Number(parts[1]), Number(parts[2]));
  // The same rule as every command's date, so the roster cannot store what the pupil form would refuse.
  return calendarDateSchema().safeParse(date).success ? date : null;
}

function normaliseYearGroup(text: string): string | null {
  const value = text.replace(/^(year|yr)\s*/i, '').trim();
  if (!value) return null;
  if (/^reception$/i.test(value)) return 'R';
  return value.toUpperCase();
}

/** Siblings are linked by the MIS's household/family key, or else by the same address and postcode. */
function householdFor(values: { householdKey: string; address: string; postcode: string }): string | null {
  const basis = values.householdKey
    ? `key:${values.householdKey.trim().toLowerCase()}`
    : values.address && values.postcode
      ? `address:${values.address.toLowerCase().replace(/[^a-z0-9]/g, '')}|${values.postcode.toUpperCase().replace(/\s/g, '')}`
      : null;
  return basis ? `household-${crypto.createHash('sha256').update(basis).digest('hex').slice(0, 24)}` : null;
}

export function rowToPupil(row: RosterRow, mapping: Record<string, RosterField | null>, today: string): RowOutcome {
  const get = (field: RosterField) => {
    const header = Object.keys(mapping).find((name) => mapping[name] === field);
    return header ? (row.values[header] ?? '').trim() : '';
  };
  const missing = (['upn', 'legalFirstName', 'legalLastName', 'dateOfBirth'] as const).filter((field) => !get(field));
  if (missing.length > 0) {
    const names: Record<string, string> = { upn: 'UPN', legalFirstName: 'legal first name', legalLastName: 'legal last name', dateOfBirth: 'date of birth' };
    return { ok: false, reason: `missing ${missing.map((field) => names[field]).join(', ')}.` };
  }
  const dateOfBirth = parseRosterDate(get('dateOfBirth'));
  if (!dateOfBirth) return { ok: false, reason: `date of birth “${get('dateOfBirth')}” is not a real date (expected dd/MM/yyyy, e.g. 04/03/2016).` };
  const ageYears = (Date.parse(today) - Date.parse(dateOfBirth)) / (365.25 * 24 * 3600 * 1000);
  if (ageYears < 1 || ageYears > 25) return { ok: false, reason: `date of birth ${dateOfBirth.split('-').reverse().join('/')} gives an age of ${Math.floor(ageYears)}, which cannot be a pupil’s.` };

  const contactName = get('contactName');
  const parsed = pupilDetailsSchema.safeParse({
    upn: get('upn'),
    legalFirstName: get('legalFirstName'),
    legalLastName: get('legalLastName'),
    preferredName: get('preferredName') || null,
    dateOfBirth,
    yearGroup: normaliseYearGroup(get('yearGroup')),
    registrationGroup: get('registrationGroup') || null,
    gender: get('gender') || null,
    senStatus: get('senStatus') || null,
    address: get('address'),
    postcode: get('postcode'),
    ethnicity: get('ethnicity'),
    firstLanguage: get('firstLanguage'),
    religion: get('religion'),
    contacts: contactName ? [{ name: contactName, relationship: get('contactRelationship'), phone: get('contactPhone') }] : [],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `${issue.path.join('.')}: ${issue.message}.` };
  }
  return { ok: true, details: parsed.data, householdId: householdFor({ householdKey: get('householdKey'), address: parsed.data.address, postcode: parsed.data.postcode }) };
}
