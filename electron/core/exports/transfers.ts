// Moving school: the transfer pack (whole file or chosen items, each exclusion with its reason), the transfer
// register with its 5-school-day acknowledgement clock, and receiving a file from another school — an archive
// made by this product, or a paper file.
import { v7 as uuidv7 } from 'uuid';
import { transferMethodLabels, type TransferRegisterRow, type transferMethods } from '../../../shared/api/exportCommands';
import { statusFlagLabels, type StatusFlag } from '../../../shared/casework';
import type { Settings } from '../../../shared/api';
import { endOfLondonDay, londonIsoDate, type WorkingCalendar } from '../../../shared/calendar';
import {
  retainUntil,
  TRANSFER_PACK_SCHEMA_ID,
  TRANSFER_PACK_SCHEMA_VERSION,
  transferManifestSchema,
  transferPackDocumentSchema,
  type TransferPackDocument,
  type TransferPackItem,
} from '../../../shared/exports';
import { childFile } from '../casework/childFile';
import { CommandError } from '../dispatch/commandError';
import { createPupil } from '../pupils/pupilDirectory';
import { pupilDisplayName } from '../pupils/pupilDirectory';
import type { Store } from '../store';
import { ArchiveError, readExpectedEntries, type ArchiveFile } from './archive';
import { sha256 } from './exportLog';
import { schoolDetails } from './fileSources';
import { MARKING } from './referralPack';

/** KCSIE: the file should reach the new school within 5 school days; chase if no receipt by then. */
export const TRANSFER_ACKNOWLEDGEMENT_SCHOOL_DAYS = 5;

export const TRANSFER_FILES = { json: 'transfer.json', pdf: 'transfer.pdf', manifest: 'manifest.json' } as const;

type TransferMethod = (typeof transferMethods)[number];

export function transferDocument(
  db: Store,
  calendar: WorkingCalendar,
  pupilId: string,
  items: TransferPackItem[],
  exclusions: ReadonlyArray<{ itemId: string; reason: string }>,
  details: { transferId: string; method: TransferMethod; to: TransferPackDocument['to']; senderName: string },
  now: Date,
): TransferPackDocument {
  const file = childFile(db, calendar, pupilId, now);
  if (!file) throw new CommandError('not_found', 'That pupil does not exist.');
  const known = new Map(items.map((item) => [item.itemId, item]));
  const reasons = new Map<string, string>();
  exclusions.forEach((exclusion, index) => {
    if (!known.has(exclusion.itemId)) throw new CommandError('invalid_input', 'One of the excluded items is not in this child’s file.', { [`exclusions.${index}.itemId`]: ['This item is not in the file: refresh the list'] });
    reasons.set(exclusion.itemId, exclusion.reason);
  });
  const school = schoolDetails(db);
  const { pupil } = file;
  return transferPackDocumentSchema.parse({
    $schema: TRANSFER_PACK_SCHEMA_ID,
    kind: 'cp-file-transfer',
    schemaVersion: TRANSFER_PACK_SCHEMA_VERSION,
    transferId: details.transferId,
    sentAt: now.toISOString(),
    marking: MARKING,
    method: transferMethodLabels[details.method],
    from: { schoolName: school.name, schoolUrn: school.urn, dslName: details.senderName },
    to: details.to,
    child: {
      upn: pupil.upn,
      legalFirstName: pupil.legalFirstName,
      legalLastName: pupil.legalLastName,
      preferredName: pupil.preferredName,
      dateOfBirth: pupil.dateOfBirth,
      gender: pupil.gender,
      yearGroup: pupil.yearGroup,
      senStatus: pupil.senStatus,
      address: pupil.address,
      postcode: pupil.postcode,
      ethnicity: pupil.ethnicity,
      firstLanguage: pupil.firstLanguage,
      religion: pupil.religion,
      contacts: pupil.contacts,
      statusFlags: file.flags.map((flag) => ({ label: statusFlagLabels[flag.flag as StatusFlag], startDate: flag.startDate, endDate: flag.endDate })),
    },
    items: items.filter((item) => !reasons.has(item.itemId)),
    exclusions: items.filter((item) => reasons.has(item.itemId)).map((item) => ({ itemId: item.itemId, kind: item.kind, at: item.at, title: item.title, reason: reasons.get(item.itemId)! })),
  });
}

export function manifestFor(transferId: string, files: readonly ArchiveFile[]): ArchiveFile {
  const manifest = { kind: 'cp-file-transfer-manifest' as const, transferId, files: files.map((file) => ({ name: file.name, sha256: sha256(file.data), bytes: file.data.length })) };
  return { name: TRANSFER_FILES.manifest, data: Buffer.from(JSON.stringify(manifest, null, 2)) };
}

export function recordTransfer(
  db: Store,
  calendar: WorkingCalendar,
  transfer: { transferId: string; exportId: string; pupilId: string; method: TransferMethod; to: TransferPackDocument['to'] },
  by: string,
  now: Date,
): string {
  const due = calendar.addSchoolDays(now, TRANSFER_ACKNOWLEDGEMENT_SCHOOL_DAYS).toISOString();
  db.prepare(
    `INSERT INTO file_transfers (id, pupil_id, export_id, sent_at, method, to_school, to_school_urn, to_dsl, to_dsl_contact, acknowledgement_due, recorded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(transfer.transferId, transfer.pupilId, transfer.exportId, now.toISOString(), transfer.method, transfer.to.schoolName, transfer.to.schoolUrn, transfer.to.dslName, transfer.to.dslContact, due, by);
  // The pupil is marked as transferred; the file itself stays, kept according to the school's retention settings.
  db.prepare('UPDATE pupils SET transferred_at = ?, transferred_to = ? WHERE id = ?').run(now.toISOString(), transfer.to.schoolName, transfer.pupilId);
  return due;
}

export function transferRegister(db: Store, calendar: WorkingCalendar, retention: Settings['transferRetention'], now: Date): TransferRegisterRow[] {
  const today = londonIsoDate(now);
  const rows = db
    .prepare(
      `SELECT t.*, p.legal_first_name, p.legal_last_name, p.preferred_name, p.date_of_birth FROM file_transfers t JOIN pupils p ON p.id = t.pupil_id
       ORDER BY (t.acknowledged_on IS NOT NULL), t.acknowledgement_due`,
    )
    .all() as Array<{
    id: string;
    pupil_id: string;
    sent_at: string;
    method: TransferMethod;
    to_school: string;
    to_school_urn: string;
    to_dsl: string;
    passphrase_sent_separately: number | null;
    acknowledgement_due: string;
    acknowledged_on: string | null;
    acknowledged_by: string | null;
    legal_first_name: string;
    legal_last_name: string;
    preferred_name: string | null;
    date_of_birth: string;
  }>;
  return rows.map((row) => {
    const keepUntil = retainUntil(retention, { dateOfBirth: row.date_of_birth, sentOn: londonIsoDate(new Date(row.sent_at)) });
    const due = new Date(row.acknowledgement_due);
    const overdue = row.acknowledged_on === null && calendar.isOverdue(due, now);
    return {
      id: row.id,
      pupilId: row.pupil_id,
      pupilName: pupilDisplayName({ legalFirstName: row.legal_first_name, legalLastName: row.legal_last_name, preferredName: row.preferred_name }),
      sentAt: row.sent_at,
      method: row.method,
      toSchool: row.to_school,
      toSchoolUrn: row.to_school_urn,
      toDsl: row.to_dsl,
      passphraseSentSeparately: row.passphrase_sent_separately === null ? null : row.passphrase_sent_separately === 1,
      acknowledgementDue: row.acknowledgement_due,
      acknowledgedOn: row.acknowledged_on,
      acknowledgedBy: row.acknowledged_by,
      clock: row.acknowledged_on ? 'acknowledged' : overdue ? 'acknowledgement_overdue' : 'awaiting_acknowledgement',
      schoolDaysOverdue: overdue ? Math.max(1, calendar.schoolDaysBetween(due, now)) : 0,
      retainUntil: keepUntil,
      retentionReviewDue: today > keepUntil,
    };
  });
}

export function transferPupil(db: Store, transferId: string): string | null {
  return (db.prepare('SELECT pupil_id FROM file_transfers WHERE id = ?').pluck().get(transferId) as string | undefined) ?? null;
}

export interface OpenedTransfer {
  document: TransferPackDocument;
  pdf: Buffer;
}

/**
 * Why an archive from another school was not opened. It is returned as a value, not thrown, because the archive is
 * opened on a long-work thread and only values cross back whole (a thrown error arrives as "something went wrong");
 * `refusedTransfer` turns it into what the person is told.
 */
export type TransferRefusal =
  /** The archive itself: the passphrase does not open it, it is damaged, or it holds what this product never sends. */
  | { refused: ArchiveError['reason']; message: string }
  /** It opened, but is not a whole transfer (a file missing or changed, a manifest for another transfer). */
  | { refused: 'incomplete'; why: string };

export type OpenedOrRefused = { ok: true; opened: OpenedTransfer } | { ok: false; refusal: TransferRefusal };

/**
 * What an incoming transfer may unpack to. A child's whole file as JSON and PDF is a few megabytes; the caps leave
 * room for a long history and stop a crafted archive (a small file that unpacks to gigabytes) within seconds.
 */
export const TRANSFER_LIMITS = { perEntryBytes: 64 * 1024 * 1024, totalBytes: 96 * 1024 * 1024 };
const MANIFEST_CAP_BYTES = 64 * 1024;

/** Thrown while reading an archive that is not a whole transfer; returned as a refusal by openTransferArchive. */
class Incomplete extends Error {
  constructor(readonly why: string) {
    super(why);
  }
}

/** Opens and checks an archive from another school: passphrase, every file's fingerprint, the document's schema. */
export async function openTransferArchive(bytes: Buffer, passphrase: string): Promise<OpenedOrRefused> {
  try {
    return { ok: true, opened: await readTransferArchive(bytes, passphrase) };
  } catch (error) {
    if (error instanceof Incomplete) return { ok: false, refusal: { refused: 'incomplete', why: error.why } };
    if (error instanceof ArchiveError) return { ok: false, refusal: { refused: error.reason, message: error.message } };
    throw error;
  }
}

/** The refusal as the person hears it, on the field it is about; nothing was imported. */
export function refusedTransfer(refusal: TransferRefusal): CommandError {
  switch (refusal.refused) {
    case 'incomplete':
      return new CommandError('invalid_input', `This is not a complete transfer from Safeguarding Records: ${refusal.why}. Nothing was imported; ask the sending school to send it again.`, { archiveBase64: [refusal.why] });
    case 'wrong_passphrase':
      return new CommandError('invalid_input', refusal.message, { passphrase: [refusal.message] });
    default:
      return new CommandError('invalid_input', `${refusal.message} Nothing was imported; ask the sending school to send it again.`, { archiveBase64: [refusal.message] });
  }
}

async function readTransferArchive(bytes: Buffer, passphrase: string): Promise<OpenedTransfer> {
  const files = new Map<string, Buffer>();
  // The manifest is read first and says how big each file is; each is then unpacked no further than that.
  await readExpectedEntries(bytes, passphrase, Object.values(TRANSFER_FILES), TRANSFER_LIMITS, async (open) => {
    const manifestBytes = await open(TRANSFER_FILES.manifest, MANIFEST_CAP_BYTES);
    if (!manifestBytes) throw new Incomplete('the manifest is missing');
    const manifest = transferManifestSchema.safeParse(parseJson(manifestBytes));
    if (!manifest.success) throw new Incomplete('the manifest cannot be read');
    for (const name of [TRANSFER_FILES.json, TRANSFER_FILES.pdf]) {
      const listed = manifest.data.files.find((file) => file.name === name);
      const data = listed ? await open(name, listed.bytes) : null;
      if (!listed || !data) throw new Incomplete(`${name} is missing`);
      if (sha256(data) !== listed.sha256 || data.length !== listed.bytes) throw new Incomplete(`${name} has been changed`);
      files.set(name, data);
    }
    files.set(TRANSFER_FILES.manifest, manifestBytes);
  });
  const manifest = transferManifestSchema.parse(parseJson(files.get(TRANSFER_FILES.manifest)!));
  const document = transferPackDocumentSchema.safeParse(parseJson(files.get(TRANSFER_FILES.json)!));
  if (!document.success) throw new Incomplete('the file’s contents are not in the expected format');
  if (document.data.transferId !== manifest.transferId) throw new Incomplete('the manifest belongs to another transfer');
  return { document: document.data, pdf: files.get(TRANSFER_FILES.pdf)! };
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}

/** Writes the received file (and, if needed, the new child) — the caller runs this inside one transaction. */
export function importTransfer(db: Store, opened: OpenedTransfer, pupilId: string | null, by: string, now: Date): { receivedId: string; pupilId: string; createdPupil: boolean } {
  const { document } = opened;
  if (db.prepare('SELECT 1 FROM received_files WHERE transfer_id = ?').get(document.transferId)) {
    throw new CommandError('conflict', 'This transfer has already been imported.');
  }
  let target = pupilId;
  let createdPupil = false;
  if (target) {
    if (!db.prepare('SELECT 1 FROM pupils WHERE id = ?').get(target)) throw new CommandError('not_found', 'That pupil does not exist.');
  } else {
    target = document.child.upn ? ((db.prepare('SELECT id FROM pupils WHERE upn = ?').pluck().get(document.child.upn) as string | undefined) ?? null) : null;
    if (!target) {
      const { child } = document;
      target = createPupil(
        db,
        {
          upn: child.upn,
          legalFirstName: child.legalFirstName,
          legalLastName: child.legalLastName,
          preferredName: child.preferredName,
          dateOfBirth: child.dateOfBirth,
          yearGroup: child.yearGroup,
          registrationGroup: null,
          gender: child.gender,
          senStatus: child.senStatus,
          address: child.address,
          postcode: child.postcode,
          ethnicity: child.ethnicity,
          firstLanguage: child.firstLanguage,
          religion: child.religion,
          contacts: child.contacts,
        },
        null,
        by,
        now.toISOString(),
      );
      createdPupil = true;
    }
  }
  const receivedId = uuidv7();
  db.prepare(
    `INSERT INTO received_files (id, pupil_id, kind, from_school, from_school_urn, from_dsl, sent_at, received_at, transfer_id, contents, pdf, notes, recorded_by)
     VALUES (?, ?, 'electronic', ?, ?, ?, ?, ?, ?, ?, ?, '', ?)`,
  ).run(receivedId, target, document.from.schoolName, document.from.schoolUrn, document.from.dslName, document.sentAt, now.toISOString(), document.transferId, JSON.stringify(document), opened.pdf, by);
  return { receivedId, pupilId: target, createdPupil };
}

export function recordPaperFile(db: Store, input: { pupilId: string; fromSchool: string; fromDsl: string; receivedOn: string; notes: string }, by: string): string {
  const id = uuidv7();
  db.prepare("INSERT INTO received_files (id, pupil_id, kind, from_school, from_dsl, received_at, notes, recorded_by) VALUES (?, ?, 'paper', ?, ?, ?, ?, ?)").run(
    id,
    input.pupilId,
    input.fromSchool,
    input.fromDsl,
    endOfLondonDay(input.receivedOn).toISOString(),
    input.notes,
    by,
  );
  return id;
}

export function receivedFiles(db: Store, pupilId: string) {
  const rows = db.prepare('SELECT id, kind, from_school, from_school_urn, from_dsl, sent_at, received_at, contents, notes, pdf IS NOT NULL AS has_pdf FROM received_files WHERE pupil_id = ? ORDER BY received_at').all(pupilId) as Array<{
    id: string;
    kind: 'electronic' | 'paper';
    from_school: string;
    from_school_urn: string;
    from_dsl: string;
    sent_at: string | null;
    received_at: string;
    contents: string;
    notes: string;
    has_pdf: number;
  }>;
  return rows.map((row) => {
    const document = row.kind === 'electronic' ? transferPackDocumentSchema.safeParse(JSON.parse(row.contents)) : null;
    return {
      id: row.id,
      kind: row.kind,
      fromSchool: row.from_school,
      fromSchoolUrn: row.from_school_urn,
      fromDsl: row.from_dsl,
      sentAt: row.sent_at,
      receivedAt: row.received_at,
      items: document?.success ? document.data.items.map((item) => ({ itemId: item.itemId, kind: item.kind, at: item.at, title: item.title, detail: item.detail })) : [],
      excluded: document?.success ? document.data.exclusions.map((excluded) => ({ title: excluded.title, reason: excluded.reason })) : [],
      notes: row.notes,
      hasPdf: row.has_pdf === 1,
    };
  });
}

