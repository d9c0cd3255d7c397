// The names people see for the roster's fields, and small helpers shared by the roster pages.
import type { PupilSummary, RosterField } from '../../../../shared/api';

export const rosterFieldLabels: Record<RosterField, string> = {
  upn: 'UPN',
  legalFirstName: 'Legal first name',
  legalLastName: 'Legal last name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  yearGroup: 'Year group',
  registrationGroup: 'Registration group',
  gender: 'Gender',
  senStatus: 'SEN status',
  address: 'Address',
  postcode: 'Postcode',
  householdKey: 'Household or family key (links siblings)',
  contactName: 'Contact’s name',
  contactRelationship: 'Contact’s relationship to the pupil',
  contactPhone: 'Contact’s phone',
  ethnicity: 'Ethnicity',
  firstLanguage: 'First language',
  religion: 'Religion',
};

const numberFormat = new Intl.NumberFormat('en-GB');

/** 1496 → "1,496". */
export function count(value: number): string {
  return numberFormat.format(value);
}

export function plural(value: number, one: string, many: string): string {
  return `${count(value)} ${value === 1 ? one : many}`;
}

/** "Priya Jackson (known as Pri)". */
export function pupilName(pupil: Pick<PupilSummary, 'legalFirstName' | 'legalLastName' | 'preferredName'>): string {
  const known = pupil.preferredName && pupil.preferredName !== pupil.legalFirstName ? ` (known as ${pupil.preferredName})` : '';
  return `${pupil.legalFirstName} ${pupil.legalLastName}${known}`;
}

/** A chosen file's bytes as base64 (without the data: prefix), for the core to decode and check by line. */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}
