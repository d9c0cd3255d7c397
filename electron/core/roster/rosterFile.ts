// Reading an MIS export (SIMS, Arbor and Bromcom all export CSV): decode the bytes, find the rows with their
// line numbers, and guess which column is which so the person only has to check the mapping.
import { parse } from 'csv-parse/sync';
import type { RosterField } from '../../../shared/api';

export interface RosterRow {
  /** The line of the file where the row starts, as a spreadsheet program or text editor would number it. */
  line: number;
  values: Record<string, string>;
  /** Why the row cannot be read as it stands (kept, so its UPN still counts as on roll). */
  problem: string | null;
}

export interface ParsedRosterFile {
  headers: string[];
  rows: RosterRow[];
}

export class RosterFileError extends Error {}

const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * The text of the file, in the encoding its byte-order mark names (UTF-8, UTF-16LE or UTF-16BE), else UTF-8. Decoded
 * leniently so one bad line does not lose the whole file; lines with undecodable bytes are reported. A NUL is never in
 * a CSV: it means UTF-16 without a mark, or not a text file at all, and would import as garbage.
 */
function decodeRosterText(fileName: string, bytes: Buffer): string {
  const [first, second, third] = bytes;
  const text =
    first === 0xef && second === 0xbb && third === 0xbf
      ? new TextDecoder('utf-8').decode(bytes.subarray(3))
      : first === 0xff && second === 0xfe
        ? new TextDecoder('utf-16le').decode(bytes.subarray(2))
        : first === 0xfe && second === 0xff
          ? new TextDecoder('utf-16be').decode(bytes.subarray(2))
          : new TextDecoder('utf-8').decode(bytes);
  if (text.includes('\u0000')) {
    throw new RosterFileError(`${fileName} contains NUL characters, which a CSV file never has: it is probably saved as “Unicode” (UTF-16) without a marker, or is not a CSV file. Save it as “CSV UTF-8” and import that.`);
  }
  return text;
}

export function readRosterFile(fileName: string, dataBase64: string): ParsedRosterFile {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length === 0) throw new RosterFileError(`${fileName} is empty. Export the pupil list from your MIS as CSV and choose that file.`);
  if (bytes.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    throw new RosterFileError(`${fileName} is a spreadsheet (Excel) file, not CSV. In your MIS or Excel, save it as “CSV UTF-8” and import that.`);
  }
  const text = decodeRosterText(fileName, bytes);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new RosterFileError(`${fileName}${line ? `, line ${line}` : ''}: the file is not valid CSV (${(error as Error).message.split('\n')[0]}). Export it again as CSV.`);
  }
  const [header, ...body] = records;
  if (!header) throw new RosterFileError(`${fileName} has no header row. The first line must name the columns.`);
  const headers = header.record.map((name, index) => name || `Column ${index + 1}`);
  if (new Set(headers).size !== headers.length) throw new RosterFileError(`${fileName}, line 1: two columns have the same name. Rename one and import again.`);

  const rows: RosterRow[] = [];
  let previousEnd = header.info.lines;
  for (const { record, info } of body) {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    if (record.every((value) => value === '')) continue;
    const problem = record.some((value) => value.includes(REPLACEMENT_CHARACTER))
      ? 'contains characters that are not valid UTF-8 (often an accented name). Save the export as “CSV UTF-8” and import again.'
      : record.length > headers.length
        ? `has ${record.length} values but the header has ${headers.length} columns (an unquoted comma?).`
        : null;
    rows.push({ line, values: Object.fromEntries(headers.map((name, index) => [name, record[index] ?? ''])), problem });
  }
  return { headers, rows };
}

/** Header names used by common MIS exports, lower-cased with spaces and punctuation removed. */
const synonyms: Record<RosterField, string[]> = {
  upn: ['upn', 'uniquepupilnumber', 'pupilupn'],
  legalFirstName: ['legalforename', 'forename', 'firstname', 'legalfirstname', 'givenname'],
  legalLastName: ['legalsurname', 'surname', 'lastname', 'legallastname', 'familyname'],
  preferredName: ['preferredforename', 'preferredname', 'knownas', 'preferredfirstname', 'chosenname'],
  dateOfBirth: ['dob', 'dateofbirth', 'birthdate'],
  yearGroup: ['year', 'yeargroup', 'ncyear', 'nationalcurriculumyear', 'yr'],
  registrationGroup: ['reg', 'reggroup', 'registrationgroup', 'form', 'tutorgroup', 'class', 'formgroup'],
  gender: ['gender', 'sex'],
  senStatus: ['sen', 'senstatus', 'senprovision', 'send', 'sendstatus'],
  address: ['address', 'homeaddress', 'addressblock', 'fulladdress'],
  postcode: ['postcode', 'postalcode'],
  householdKey: ['household', 'householdid', 'familyid', 'familyref', 'siblinggroup'],
  contactName: ['primarycontact', 'contactname', 'contact1name', 'priority1contact', 'parentname'],
  contactRelationship: ['contactrelationship', 'relationship', 'contact1relationship'],
  contactPhone: ['contactphone', 'contact1phone', 'contacttelephone', 'telephone', 'phone', 'mobile'],
  ethnicity: ['ethnicity', 'ethnicgroup'],
  firstLanguage: ['firstlanguage', 'homelanguage', 'language'],
  religion: ['religion'],
};

const normalise = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

export function suggestMapping(headers: readonly string[]): Record<string, RosterField | null> {
  const mapping: Record<string, RosterField | null> = {};
  const used = new Set<RosterField>();
  for (const header of headers) {
    const key = normalise(header);
    const field = (Object.entries(synonyms) as Array<[RosterField, string[]]>).find(([candidate, names]) => !used.has(candidate) && names.includes(key))?.[0] ?? null;
    if (field) used.add(field);
    mapping[header] = field;
  }
  return mapping;
}
