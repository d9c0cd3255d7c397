// The exports' commands. Each gathers what goes into its files from the store (the page sends only choices and ids,
// all checked here), has the files drawn and encrypted on a long-work thread (packs.ts; decision 0026, addendum
// "exports") so that nobody else's save waits behind them, then writes the information-sharing log and the export log
// in one transaction with the audit row, whose record ids are the pupil and the export.
import { isDeepStrictEqual } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { formatIsoDate, londonIsoDate } from '../../../shared/calendar';
import { schoolCalendar } from '../casework/clocks';
import { CommandError } from '../dispatch/commandError';
import { readSettings } from '../settings';
import { writeTransaction, type Store } from '../store';
import { awaiting, inTransaction } from '../dispatch/handler';
import { crossedBuffer, longWorkOf } from '../longWork/forHandlers';
import { generatePassphrase, normalisePassphrase } from './archive';
import { chronologyRows } from './chronologyExport';
import { recordExport, sha256 } from './exportLog';
import { fileItems } from './fileItems';
import { requireConcernAbout, requirePupil, schoolDetails } from './fileSources';
import { gatherReferral, recordedConsent, referralSections } from './referralPack';
import { checkReviews } from './subjectAccess';
import { importTransfer, receivedFiles, recordPaperFile, recordTransfer, refusedTransfer, transferDocument, transferPupil, transferRegister } from './transfers';
import { transferMethodLabels } from '../../../shared/api/exportCommands';

const ZIP = 'application/zip';

class DraftRolledBack extends Error {}

/**
 * Runs `work` in a write transaction and rolls it back: a draft read on one consistent snapshot whose side effects
 * (marking concerns read) do not land. The write lock is taken at the start, as those side effects need it.
 */
function asDraft<T>(db: Store, work: () => T): T {
  let result: { value: T } | null = null;
  try {
    writeTransaction(db, () => {
      result = { value: work() };
      throw new DraftRolledBack();
    });
  } catch (error) {
    if (!(error instanceof DraftRolledBack)) throw error;
  }
  return result!.value;
}

/** Export files are named by date and export id, never by the child: names show in email subjects and zip listings. */
const fileStem = (kind: string, exportId: string, now: Date) => `${kind}-${londonIsoDate(now)}-${exportId.slice(-8)}`;

export const exportHandlers = {
  'exports.referralPreview': inTransaction<'exports.referralPreview'>(({ db, session, now, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    // Checked before the file is gathered: gathering marks the child's concerns read, which a refusal must not do.
    if (input.concernId) requireConcernAbout(db, input.concernId, input.pupilId);
    const gathered = gatherReferral(db, input.pupilId, { concernId: input.concernId }, session.user, 'preview', now);
    recordIds.push(input.pupilId);
    return { document: gathered.document, sections: referralSections(), chronologyEntries: gathered.chronologyEntries, recordedConsent: recordedConsent(db, input.pupilId) };
  }),

  'exports.referralExport': awaiting<'exports.referralExport'>(async (ctx, input) => {
    const { db, session, now, recordIds, transact } = ctx;
    // The store cannot stay in a transaction while the PDF and the archive are built (they await, and every other
    // person's commands share this connection meanwhile), so the pack is made in three steps that end in one
    // transaction: (1) gather the document as a draft, in a transaction rolled back afterwards, so nothing it
    // touches (marking the concerns read) lands yet; (2) build the files from that document on the long-work
    // thread, touching no store; (3) in one transaction with the audit row, gather again, refuse if anything in the
    // file has changed since the draft (the files would no longer match their record), and only then mark read and
    // write the sharing and export logs. A failure at any step (locking ends step 2) leaves no log entry saying the
    // pack was sent.
    const exportId = uuidv7();
    const gather = () => {
      requirePupil(db, input.pupilId);
      // Checked before the file is gathered: gathering marks the child's concerns read, which a refusal must not do.
      if (input.concernId) requireConcernAbout(db, input.concernId, input.pupilId);
      const choices = { concernId: input.concernId, sections: input.sections, narratives: input.narratives, chronologyEntryIds: input.chronologyEntryIds, addressedTo: input.addressedTo, referrer: input.referrer, consent: input.consent };
      return gatherReferral(db, input.pupilId, choices, session.user, exportId, now).document;
    };
    const document = asDraft(db, gather);
    const passphrase = generatePassphrase();
    const pack = await longWorkOf(ctx).run('referralPack', { document, passphrase, now: now.toISOString() });
    const archive = crossedBuffer(pack.archive);
    const stem = fileStem('referral-pack', exportId, now);
    const included = Object.entries(document).filter(([key, value]) => value !== null && !['$schema', 'kind', 'schemaVersion', 'exportId', 'generatedAt', 'marking'].includes(key)).map(([key]) => key);
    recordIds.push(input.pupilId, exportId);
    transact(() => {
      if (!isDeepStrictEqual(gather(), document)) {
        throw new CommandError('conflict', 'Something in the child’s file changed while the pack was being made, so it was not saved or logged. Make the pack again.');
      }
      recordExport(
        db,
        {
          exportId,
          pupilId: input.pupilId,
          kind: 'referral_pack',
          format: 'zip (pdf + json)',
          recipient: [input.addressedTo.contactName, document.cover.addressedTo.packTitle].filter(Boolean).join(', '),
          purpose: input.purpose,
          whatShared: `MASH referral pack (PDF and JSON in an encrypted archive). Sections: ${included.join(', ')}.${document.chronology ? ` ${document.chronology.length} chronology entries.` : ''}`,
          contents: { sections: included, concernId: document.currentConcern?.concernId ?? null, chronologyEntryIds: input.chronologyEntryIds ?? 'all', consent: document.consent },
          bytes: archive,
          lawfulBasis: input.lawfulBasis,
          consent: input.consent,
        },
        session.user.id,
        now,
      );
    });
    return { exportId, fileName: `${stem}.zip`, mimeType: ZIP, dataBase64: archive.toString('base64'), passphrase, sha256: sha256(archive), pageCount: pack.pageCount };
  }),

  'exports.chronology': awaiting<'exports.chronology'>(async (ctx, input) => {
    const { db, session, now, recordIds, transact } = ctx;
    requirePupil(db, input.pupilId);
    const exportId = uuidv7();
    const options = { anonymised: input.anonymised, significantOnly: input.significantOnly };
    const { child, entries } = chronologyRows(db, input.pupilId, options);
    const kind = input.anonymised ? 'chronology-anonymised' : 'chronology';
    const passphrase = input.protect ? generatePassphrase() : null;
    const made = await longWorkOf(ctx).run('chronology', { school: schoolDetails(db), child, entries, options, format: input.format, name: `${kind}.${input.format}`, passphrase, now: now.toISOString() });
    const bytes = crossedBuffer(made.bytes);
    const packed = passphrase !== null;
    const stem = fileStem(kind, exportId, now);
    recordIds.push(input.pupilId, exportId);
    transact(() =>
      recordExport(
        db,
        {
          exportId,
          pupilId: input.pupilId,
          kind: input.anonymised ? 'chronology_anonymised' : 'chronology',
          format: packed ? `zip (${input.format})` : input.format,
          recipient: input.recipient,
          purpose: input.purpose,
          whatShared: `${input.anonymised ? 'Anonymised chronology' : 'Chronology'} (${input.format.toUpperCase()}${packed ? ', encrypted archive' : ', not encrypted'}), ${entries.length} entries${input.significantOnly ? ' (significant only)' : ''}.`,
          contents: { entryIds: entries.map((entry) => entry.id), ...options },
          bytes,
          lawfulBasis: input.lawfulBasis,
          consent: input.consent,
        },
        session.user.id,
        now,
      ),
    );
    return {
      exportId,
      fileName: packed ? `${stem}.zip` : `${stem}.${input.format}`,
      mimeType: packed ? ZIP : input.format === 'pdf' ? 'application/pdf' : 'text/csv',
      dataBase64: bytes.toString('base64'),
      passphrase,
      sha256: sha256(bytes),
    };
  }),

  'exports.subjectAccessItems': inTransaction<'exports.subjectAccessItems'>(({ db, session, now, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    recordIds.push(input.pupilId);
    return fileItems(db, input.pupilId, session.user, now).map(({ itemId, kind, at, title, detail }) => ({ itemId, kind, at, title, detail }));
  }),

  'exports.subjectAccessExport': awaiting<'exports.subjectAccessExport'>(async (ctx, input) => {
    const { db, session, now, recordIds, transact } = ctx;
    requirePupil(db, input.pupilId);
    const items = fileItems(db, input.pupilId, session.user, now);
    const reviews = checkReviews(items, input.reviews);
    const disclosed = items.filter((item) => reviews.get(item.itemId)!.decision === 'disclose');
    const withheld = items.length - disclosed.length;
    const child = db.prepare('SELECT legal_first_name, legal_last_name, date_of_birth FROM pupils WHERE id = ?').get(input.pupilId) as { legal_first_name: string; legal_last_name: string; date_of_birth: string };
    const exportId = uuidv7();
    const details = { schoolName: schoolDetails(db).name, childName: `${child.legal_first_name} ${child.legal_last_name}`, dateOfBirth: child.date_of_birth, requester: input.requester, receivedOn: input.receivedOn };
    const passphrase = generatePassphrase();
    const made = await longWorkOf(ctx).run('subjectAccess', { details, disclosed, withheld, passphrase, now: now.toISOString() });
    const archive = crossedBuffer(made.archive);
    recordIds.push(input.pupilId, exportId);
    transact(() =>
      recordExport(
        db,
        {
          exportId,
          pupilId: input.pupilId,
          kind: 'subject_access',
          format: 'zip (pdf)',
          recipient: input.requester,
          purpose: `Subject access request received ${formatIsoDate(input.receivedOn)}`,
          whatShared: `Subject access response: ${disclosed.length} items disclosed, ${withheld} withheld after review.`,
          contents: { reviews: [...reviews.values()] },
          bytes: archive,
          lawfulBasis: 'legal_obligation',
          consent: { position: 'not_sought', reason: 'A subject access request is a legal right; consent does not apply.' },
        },
        session.user.id,
        now,
      ),
    );
    return { exportId, fileName: `${fileStem('subject-access', exportId, now)}.zip`, mimeType: ZIP, dataBase64: archive.toString('base64'), passphrase, sha256: sha256(archive), disclosed: disclosed.length, withheld };
  }),

  'transfers.preview': inTransaction<'transfers.preview'>(({ db, session, now, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    recordIds.push(input.pupilId);
    return { items: fileItems(db, input.pupilId, session.user, now).map(({ itemId, kind, at, title, detail }) => ({ itemId, kind, at, title, detail })) };
  }),

  'transfers.export': awaiting<'transfers.export'>(async (ctx, input) => {
    const { db, session, now, recordIds, transact } = ctx;
    requirePupil(db, input.pupilId);
    const calendar = schoolCalendar(db);
    const exportId = uuidv7();
    const transferId = uuidv7();
    const to = { schoolName: input.to.schoolName, schoolUrn: input.to.schoolUrn, dslName: input.to.dslName, dslContact: input.to.dslContact };
    const document = transferDocument(db, calendar, input.pupilId, fileItems(db, input.pupilId, session.user, now), input.exclusions, { transferId, method: input.method, to, senderName: session.user.displayName }, now);
    const passphrase = generatePassphrase();
    const made = await longWorkOf(ctx).run('transfer', { document, methodLabel: transferMethodLabels[input.method], passphrase, now: now.toISOString() });
    const archive = crossedBuffer(made.archive);
    // Record ids go in before the transaction: the audit row is written inside it.
    recordIds.push(input.pupilId, exportId, transferId);
    const acknowledgementDue = transact(() => {
      recordExport(
        db,
        {
          exportId,
          pupilId: input.pupilId,
          kind: 'file_transfer',
          format: 'zip (pdf + json)',
          recipient: `${to.dslName}, ${to.schoolName}`,
          purpose: 'Child protection file transfer to the pupil’s new school (KCSIE)',
          whatShared: `Child protection file: ${document.items.length} records${document.exclusions.length > 0 ? `, ${document.exclusions.length} left out with reasons` : ' (the whole file)'}; sent by ${transferMethodLabels[input.method].toLowerCase()}.`,
          contents: { transferId, itemIds: document.items.map((item) => item.itemId), exclusions: input.exclusions },
          bytes: archive,
          lawfulBasis: 'legal_obligation',
          consent: { position: 'not_sought', reason: 'KCSIE requires the child protection file to go to the new school; consent is not the basis.' },
        },
        session.user.id,
        now,
      );
      return recordTransfer(db, calendar, { transferId, exportId, pupilId: input.pupilId, method: input.method, to }, session.user.id, now);
    });
    return {
      exportId,
      transferId,
      fileName: `${fileStem('cp-file-transfer', exportId, now)}.zip`,
      mimeType: ZIP,
      dataBase64: archive.toString('base64'),
      passphrase,
      sha256: sha256(archive),
      acknowledgementDue,
      itemCount: document.items.length,
      excludedCount: document.exclusions.length,
    };
  }),

  'transfers.markPassphraseSent': inTransaction<'transfers.markPassphraseSent'>(({ db, recordIds }, input) => {
    const pupilId = transferPupil(db, input.transferId);
    if (!pupilId) throw new CommandError('not_found', 'That transfer does not exist.');
    db.prepare('UPDATE file_transfers SET passphrase_sent_separately = ? WHERE id = ?').run(input.sentSeparately ? 1 : 0, input.transferId);
    recordIds.push(pupilId, input.transferId);
    return { done: true };
  }),

  'transfers.acknowledge': inTransaction<'transfers.acknowledge'>(({ db, recordIds }, input) => {
    const pupilId = transferPupil(db, input.transferId);
    if (!pupilId) throw new CommandError('not_found', 'That transfer does not exist.');
    const sentOn = (db.prepare('SELECT sent_at FROM file_transfers WHERE id = ?').pluck().get(input.transferId) as string).slice(0, 10);
    if (input.acknowledgedOn < sentOn) throw new CommandError('invalid_input', 'The receipt cannot be dated before the file was sent.', { acknowledgedOn: ['Enter a date on or after the day the file was sent'] });
    db.prepare('UPDATE file_transfers SET acknowledged_on = ?, acknowledged_by = ? WHERE id = ?').run(input.acknowledgedOn, input.acknowledgedBy, input.transferId);
    recordIds.push(pupilId, input.transferId);
    return { done: true };
  }),

  'transfers.register': inTransaction<'transfers.register'>(({ db, now }) => transferRegister(db, schoolCalendar(db), readSettings(db).transferRetention, now)),

  'transfers.import': awaiting<'transfers.import'>(async (ctx, input) => {
    const { db, session, now, recordIds, transact } = ctx;
    if (input.pupilId) requirePupil(db, input.pupilId);
    // Unpacked and checked on the long-work thread; a refusal comes back as a value, said here as before.
    const result = await longWorkOf(ctx).run('openTransfer', { archiveBase64: input.archiveBase64, passphrase: normalisePassphrase(input.passphrase) });
    if (!result.ok) throw refusedTransfer(result.refusal);
    const opened = { document: result.opened.document, pdf: crossedBuffer(result.opened.pdf) };
    // One transaction: the new child's file and the received record land together, or nothing does.
    const imported = transact(() => {
      const result = importTransfer(db, opened, input.pupilId, session.user.id, now);
      recordIds.push(result.pupilId, result.receivedId);
      return result;
    });
    return { ...imported, fromSchool: opened.document.from.schoolName, sentAt: opened.document.sentAt, itemCount: opened.document.items.length };
  }),

  'transfers.recordPaperFile': inTransaction<'transfers.recordPaperFile'>(({ db, session, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    const receivedId = recordPaperFile(db, input, session.user.id);
    recordIds.push(input.pupilId, receivedId);
    return { receivedId };
  }),

  'transfers.received': inTransaction<'transfers.received'>(({ db, recordIds }, input) => {
    requirePupil(db, input.pupilId);
    recordIds.push(input.pupilId);
    return receivedFiles(db, input.pupilId);
  }),

  'transfers.receivedPdf': inTransaction<'transfers.receivedPdf'>(({ db, recordIds }, input) => {
    const row = db.prepare('SELECT pupil_id, pdf FROM received_files WHERE id = ?').get(input.receivedId) as { pupil_id: string; pdf: Buffer | null } | undefined;
    if (!row || !row.pdf) throw new CommandError('not_found', 'That received file has no PDF.');
    recordIds.push(row.pupil_id, input.receivedId);
    return { fileName: `received-cp-file-${input.receivedId.slice(-8)}.pdf`, dataBase64: row.pdf.toString('base64') };
  }),
};
