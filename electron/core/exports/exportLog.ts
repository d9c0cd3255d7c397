// Every export leaves two records beside the audit row: the information-sharing log (what, with whom, when,
// why, the lawful basis and the consent position) and the export log (which sections or items went, and a
// fingerprint of the bytes, so a file produced later can be matched to its record).
import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Store } from '../store';

export type ExportKind = 'referral_pack' | 'chronology' | 'chronology_anonymised' | 'subject_access' | 'file_transfer';

export interface ExportRecord {
  exportId: string;
  pupilId: string;
  kind: ExportKind;
  format: string;
  recipient: string;
  purpose: string;
  /** Shown in the information-sharing log: what was shared, in words a reviewer understands. */
  whatShared: string;
  contents: unknown;
  bytes: Buffer;
  lawfulBasis: string;
  consent: { position: string; reason: string };
}

export const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

export function recordExport(db: Store, record: ExportRecord, by: string, now: Date): { sharingId: string } {
  const sharingId = uuidv7();
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO information_sharing (id, pupil_id, decision_id, referral_id, shared, what, with_whom, shared_at, lawful_basis, consent, consent_reason, recorded_by, recorded_at)
     VALUES (?, ?, NULL, NULL, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(sharingId, record.pupilId, `${record.whatShared} Why: ${record.purpose}`, record.recipient, at, record.lawfulBasis, record.consent.position, record.consent.reason, by, at);
  db.prepare('INSERT INTO exports (id, pupil_id, kind, format, recipient, purpose, contents, sha256, sharing_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    record.exportId,
    record.pupilId,
    record.kind,
    record.format,
    record.recipient,
    record.purpose,
    JSON.stringify(record.contents),
    sha256(record.bytes),
    sharingId,
    at,
    by,
  );
  return { sharingId };
}
