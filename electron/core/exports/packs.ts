// Making the files that leave the building, and opening one that arrives, from data the app's thread has already
// gathered and checked. These run as `drawing` jobs on a long-work thread (decision 0026, addendum "exports"): drawing
// a child's PDF and encrypting its archive takes a core for hundreds of milliseconds, and every other person's save
// would wait behind it on the thread that answers requests. Nothing here reads or writes the store; inputs and
// outputs are plain data, copied between the threads (a Buffer arrives as a Uint8Array).
import type { AdultConcernView, ChronologyEntry } from '../../../shared/api';
import { adultSummaryPdf } from '../adults/adultSummaryPdf';
import type { ReferralPackDocument, TransferPackDocument, TransferPackItem } from '../../../shared/exports';
import { neutraliseBidiDeep } from '../../../shared/text';
import { createEncryptedArchive } from './archive';
import { chronologyCsv, chronologyPdf, type ChildHeading, type ChronologyExportOptions } from './chronologyExport';
import { referralPackPdf } from './referralPdf';
import { subjectAccessPdf } from './subjectAccess';
import { TRANSFER_FILES, manifestFor, openTransferArchive, type TransferRefusal } from './transfers';
import { transferPdf } from './transferPdf';

/** What every pack is made with besides its contents. */
interface Made {
  /** The passphrase made for this export on the app's thread (it is shown to the DSL there). */
  passphrase: string;
  /** The request's instant, ISO-8601: the documents and the archive's entries are dated with it. */
  now: string;
}

/**
 * A Buffer may be a view into a larger slab (Node pools small ones), and copying it to another thread copies the
 * whole slab: only the file's own bytes should cross.
 */
function ownBytes(bytes: Buffer): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

const jsonFile = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

export async function referralPackFiles(input: Made & { document: ReferralPackDocument }): Promise<{ archive: Uint8Array; pageCount: number }> {
  const pdf = await referralPackPdf(input.document);
  const files = [
    { name: 'referral-pack.pdf', data: pdf.bytes },
    { name: 'referral-pack.json', data: jsonFile(input.document) },
  ];
  return { archive: ownBytes(await createEncryptedArchive(files, input.passphrase, new Date(input.now))), pageCount: pdf.pageCount };
}

export interface ChronologyFilesInput extends Omit<Made, 'passphrase'> {
  school: { name: string };
  child: ChildHeading;
  entries: ChronologyEntry[];
  options: ChronologyExportOptions;
  format: 'pdf' | 'csv';
  /** The file's name inside the archive. */
  name: string;
  /** Null for a file sent as it is, not in an archive. */
  passphrase: string | null;
}

/** The chronology file, or the archive holding it when it is protected. */
export async function chronologyFiles(input: ChronologyFilesInput): Promise<{ bytes: Uint8Array }> {
  const now = new Date(input.now);
  const data = input.format === 'pdf' ? await chronologyPdf(input.school, input.child, input.entries, input.options, now) : chronologyCsv(input.entries);
  return { bytes: ownBytes(input.passphrase === null ? data : await createEncryptedArchive([{ name: input.name, data }], input.passphrase, now)) };
}

export interface SubjectAccessFilesInput extends Made {
  details: Parameters<typeof subjectAccessPdf>[0];
  disclosed: TransferPackItem[];
  withheld: number;
}

export async function subjectAccessFiles(input: SubjectAccessFilesInput): Promise<{ archive: Uint8Array }> {
  const now = new Date(input.now);
  const pdf = await subjectAccessPdf(input.details, input.disclosed, input.withheld, now);
  return { archive: ownBytes(await createEncryptedArchive([{ name: 'subject-access.pdf', data: pdf }], input.passphrase, now)) };
}

/** A concern about an adult as a one-page summary, for the person it is about or for the LADO, in an archive. */
export async function adultSummaryFiles(
  input: Made & { record: AdultConcernView; kind: 'person_summary' | 'lado_referral'; school: { name: string; urn: string }; fileName: string },
): Promise<{ archive: Uint8Array }> {
  const now = new Date(input.now);
  const pdf = await adultSummaryPdf(input.record, input.kind, input.school, now);
  return { archive: ownBytes(await createEncryptedArchive([{ name: input.fileName, data: pdf.bytes }], input.passphrase, now)) };
}

/** The transfer's PDF and JSON, and the manifest that fingerprints them, in one archive. */
export async function transferFiles(input: Made & { document: TransferPackDocument; methodLabel: string }): Promise<{ archive: Uint8Array }> {
  const files = [
    { name: TRANSFER_FILES.pdf, data: await transferPdf(input.document, input.methodLabel) },
    { name: TRANSFER_FILES.json, data: jsonFile(neutraliseBidiDeep(input.document)) },
  ];
  return { archive: ownBytes(await createEncryptedArchive([...files, manifestFor(input.document.transferId, files)], input.passphrase, new Date(input.now))) };
}

/** An archive from another school, opened and checked; its PDF arrives on the app's thread as a Uint8Array. */
export type OpenedTransferArchive = { ok: true; opened: { document: TransferPackDocument; pdf: Uint8Array } } | { ok: false; refusal: TransferRefusal };

export async function openTransfer(input: { archiveBase64: string; passphrase: string }): Promise<OpenedTransferArchive> {
  const result = await openTransferArchive(Buffer.from(input.archiveBase64, 'base64'), input.passphrase);
  return result.ok ? { ok: true, opened: { document: result.opened.document, pdf: ownBytes(result.opened.pdf) } } : result;
}
