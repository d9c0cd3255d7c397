// Preview and import of the roster. Re-importing updates pupils by UPN; pupils missing from the file are marked as
// left with a date; nobody is ever deleted. Every rejected row is reported with its line and reason.
import type { RosterField, RosterImportResult, RosterPreview, RosterRejection } from '../../../shared/api';
import { leaversNeedConfirmation, requiredRosterFields } from '../../../shared/api';
import { createPupil, updatePupil } from '../pupils/pupilDirectory';
import type { Store } from '../store';
import { readRosterFile, suggestMapping, type RosterRow } from './rosterFile';
import { rowToPupil, type RowOutcome } from './rosterRows';

type Mapping = Record<string, RosterField | null>;

/** Who a row is about, as far as it says: "Amelia Hughes, UPN A123456789012", so a refusal can be found in the MIS. */
function pupilNamed(row: RosterRow, mapping: Mapping): string {
  const value = (field: RosterField) => {
    const header = Object.keys(mapping).find((name) => mapping[name] === field);
    return header ? (row.values[header] ?? '').trim() : '';
  };
  const name = [value('legalFirstName'), value('legalLastName')].filter(Boolean).join(' ');
  const upn = value('upn');
  return [name, upn ? `UPN ${upn}` : ''].filter(Boolean).join(', ') || 'no name or UPN given';
}

function checkRows(file: { fileName: string; dataBase64: string }, mapping: Mapping | undefined, today: string) {
  const parsed = readRosterFile(file.fileName, file.dataBase64);
  const effective = mapping ?? suggestMapping(parsed.headers);
  const mapped = new Set(Object.values(effective));
  const missingRequired = requiredRosterFields.filter((field) => !mapped.has(field));
  const rejected: RosterRejection[] = [];
  const accepted: Array<{ line: number; outcome: Extract<RowOutcome, { ok: true }> }> = [];
  const upnLines = new Map<string, number>();
  if (missingRequired.length === 0) {
    for (const row of parsed.rows) {
      if (row.problem) {
        rejected.push({ line: row.line, pupil: pupilNamed(row, effective), reason: row.problem });
        continue;
      }
      const outcome = rowToPupil(row, effective, today);
      if (!outcome.ok) {
        rejected.push({ line: row.line, pupil: pupilNamed(row, effective), reason: outcome.reason });
        continue;
      }
      const upn = outcome.details.upn!;
      const firstLine = upnLines.get(upn);
      if (firstLine !== undefined) {
        rejected.push({ line: row.line, pupil: pupilNamed(row, effective), reason: `UPN ${upn} is also on line ${firstLine}; each pupil must appear once.` });
        continue;
      }
      upnLines.set(upn, row.line);
      accepted.push({ line: row.line, outcome });
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  // A pupil whose row was rejected (say, a mistyped date) is still on roll: never mark them as left for it.
  const upnHeader = Object.keys(effective).find((header) => effective[header] === 'upn');
  const upnsInFile = new Set(upnHeader ? parsed.rows.map((row) => (row.values[upnHeader] ?? '').trim().toUpperCase()).filter(Boolean) : []);
  return { parsed, mapping: effective, missingRequired, rejected, accepted, upnsInFile };
}

/** Pupils on roll (with a UPN, not already left) whom this file leaves out: the import marks them as left. */
function pupilsLeftOut(db: Store, upnsInFile: ReadonlySet<string>): { leftOut: Array<{ id: string }>; onRoll: number } {
  const onRoll = db.prepare('SELECT id, upn FROM pupils WHERE upn IS NOT NULL AND left_on IS NULL').all() as Array<{ id: string; upn: string }>;
  return { leftOut: onRoll.filter((pupil) => !upnsInFile.has(pupil.upn)), onRoll: onRoll.length };
}

export function previewRoster(db: Store, file: { fileName: string; dataBase64: string }, mapping: Mapping | undefined, today: string): RosterPreview {
  const checked = checkRows(file, mapping, today);
  const { leftOut, onRoll } = pupilsLeftOut(db, checked.upnsInFile);
  return {
    markedLeftCount: leftOut.length,
    onRollCount: onRoll,
    needsLeaverConfirmation: leaversNeedConfirmation(leftOut.length, onRoll),
    headers: checked.parsed.headers,
    suggestedMapping: checked.mapping,
    sample: checked.parsed.rows.slice(0, 5).map((row) => row.values),
    rowCount: checked.parsed.rows.length,
    acceptedCount: checked.accepted.length,
    rejected: checked.rejected,
    missingRequired: [...checked.missingRequired],
  };
}

interface ExistingPupil {
  id: string;
  upn: string;
  fingerprint: string;
  left_on: string | null;
}

const fingerprintColumns = `json_array(legal_first_name, legal_last_name, preferred_name, date_of_birth, year_group, registration_group, gender, sen_status,
  address, postcode, ethnicity, first_language, religion, contacts, household_id)`;

export class RosterMappingError extends Error {}

/** Imports in one transaction (the caller's): all good rows land, or — on an unexpected error — none do. */
export class RosterLeaversError extends Error {}

export function importRoster(
  db: Store,
  file: { fileName: string; dataBase64: string },
  mapping: Mapping,
  leftOn: string,
  confirmMarkedLeft: number | undefined,
  by: string,
  at: string,
): RosterImportResult {
  const checked = checkRows(file, mapping, at.slice(0, 10));
  if (checked.missingRequired.length > 0) {
    throw new RosterMappingError(`Choose a column for: ${checked.missingRequired.join(', ')}.`);
  }
  const { leftOut, onRoll } = pupilsLeftOut(db, checked.upnsInFile);
  if (leaversNeedConfirmation(leftOut.length, onRoll) && confirmMarkedLeft !== leftOut.length) {
    throw new RosterLeaversError(
      `This file would mark ${leftOut.length} of the ${onRoll} pupils on roll as left. Check it is the whole school's list, then confirm the number.`,
    );
  }
  const existing = new Map(
    (db.prepare(`SELECT id, upn, ${fingerprintColumns} AS fingerprint, left_on FROM pupils WHERE upn IS NOT NULL`).all() as ExistingPupil[]).map((row) => [row.upn, row]),
  );
  const fingerprintOf = db.prepare(`SELECT ${fingerprintColumns} AS fingerprint FROM pupils WHERE id = ?`).pluck();
  const clearLeft = db.prepare('UPDATE pupils SET left_on = NULL WHERE id = ?');
  const result: RosterImportResult = { created: 0, updated: 0, unchanged: 0, markedLeft: 0, rejected: checked.rejected };

  for (const { outcome } of checked.accepted) {
    const current = existing.get(outcome.details.upn!);
    if (!current) {
      createPupil(db, outcome.details, outcome.householdId, by, at);
      result.created += 1;
      continue;
    }
    updatePupil(db, current.id, outcome.details, outcome.householdId, at);
    if (current.left_on) clearLeft.run(current.id);
    if (fingerprintOf.get(current.id) === current.fingerprint && !current.left_on) result.unchanged += 1;
    else result.updated += 1;
  }

  const markLeft = db.prepare('UPDATE pupils SET left_on = ?, updated_at = ? WHERE id = ?');
  for (const pupil of leftOut) {
    markLeft.run(leftOn, at, pupil.id);
    result.markedLeft += 1;
  }
  return result;
}
