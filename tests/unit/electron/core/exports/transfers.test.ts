import { BlobReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/core';
import { createEncryptedArchive } from '../../../../../electron/core/exports/archive';
import { transferPackDocumentSchema } from '../../../../../shared/exports';
import { DSL_PASSWORD, call, newApp, tempDataDir, settingsVersionNow } from '../testSchool';
import { flatten, missingPoppler, pdfPages, popplerMessage } from '../pdf/pdfReadBack';
import { CHILD_WORDS, exportSchool, extractWith7z, has7z, sevenZipMessage } from './exportSchool';
import { personAt } from '../../../../fixtures/doors/callers';

// Reading the archive back needs 7-Zip and poppler. A developer without them sees the test skipped by name; CI
// installs both (.ci/run), so there it runs, and fails rather than skips if either has gone missing.
const skipReadBack = (!has7z || missingPoppler.length > 0) && process.env.CI !== 'true';

async function receivingSchool(start = '2026-11-30T10:00:00Z') {
  const app = newApp(tempDataDir(), { clock: () => new Date(start) });
  await call(app, 'setup.create', { school: { name: 'Riverside Academy', urn: '654321', localAuthority: 'worcestershire' }, dsl: { username: 'dsl.new', displayName: 'Tom Reed', password: DSL_PASSWORD } });
  return app;
}

const to = { schoolName: 'Riverside Academy', schoolUrn: '654321', dslName: 'Tom Reed', dslContact: 'dsl@riverside.example' };

describe('child-protection file transfer', () => {
  it('sends the file with a cover sheet, contents and receipt page, and marks the pupil as transferred', async () => {
    const { app, amy } = await exportSchool();
    const preview = await call(app, 'transfers.preview', { pupilId: amy.id });
    const excluded = preview.items.find((item) => item.kind === 'sharing')!;
    const result = await call(app, 'transfers.export', { pupilId: amy.id, to, method: 'secure_email', exclusions: [{ itemId: excluded.itemId, reason: 'Duplicate of the decision record.' }] });
    expect(result).toMatchObject({ itemCount: preview.items.length - 1, excludedCount: 1 });
    expect(result.acknowledgementDue).toBe('2026-11-30T23:59:59.999Z'); // Monday 23/11 + 5 school days
    const db = app.store!;
    expect(db.prepare('SELECT transferred_to FROM pupils WHERE id = ?').pluck().get(amy.id)).toBe('Riverside Academy');
  });

  it.skipIf(skipReadBack)('sends an archive that opens with its passphrase and holds the cover sheet, contents, records and receipt', async () => {
    expect(has7z, sevenZipMessage).toBe(true);
    expect(missingPoppler, popplerMessage).toEqual([]);
    const { app, amy } = await exportSchool();
    const excluded = (await call(app, 'transfers.preview', { pupilId: amy.id })).items.find((item) => item.kind === 'sharing')!;
    const result = await call(app, 'transfers.export', { pupilId: amy.id, to, method: 'secure_email', exclusions: [{ itemId: excluded.itemId, reason: 'Duplicate of the decision record.' }] });
    const files = extractWith7z(Buffer.from(result.dataBase64, 'base64'), result.passphrase!)!;
    expect([...files.keys()].sort()).toEqual(['manifest.json', 'transfer.json', 'transfer.pdf']);
    const text = flatten(pdfPages(files.get('transfer.pdf')!).join(' '));
    for (const heading of ['Child protection file transfer: Amelia Hughes', 'Contents', 'Records', 'Items not included', 'Duplicate of the decision record.', 'Receipt']) expect(text).toContain(heading);
    expect(text).toContain(flatten(CHILD_WORDS));
    expect(transferPackDocumentSchema.parse(JSON.parse(files.get('transfer.json')!.toString('utf8'))).items).toHaveLength(result.itemCount);
  });

  it('flags a transfer with no acknowledgement after 5 school days, counting the school’s closure days', async () => {
    const { app, amy, setNow } = await exportSchool();
    await call(app, 'settings.update', { version: settingsVersionNow(app), closureDates: ['2026-11-27'] }); // an INSET day on the Friday
    const result = await call(app, 'transfers.export', { pupilId: amy.id, to, method: 'secure_transfer_system' });
    expect(result.acknowledgementDue).toBe('2026-12-01T23:59:59.999Z');
    await call(app, 'transfers.markPassphraseSent', { transferId: result.transferId, sentSeparately: true });
    setNow('2026-12-01T20:00:00Z');
    expect((await call(app, 'transfers.register', {}))[0]).toMatchObject({ clock: 'awaiting_acknowledgement', passphraseSentSeparately: true });
    setNow('2026-12-02T09:00:00Z');
    expect((await call(app, 'transfers.register', {}))[0]).toMatchObject({ clock: 'acknowledgement_overdue', schoolDaysOverdue: 1 });
    await call(app, 'transfers.acknowledge', { transferId: result.transferId, acknowledgedOn: '2026-12-02', acknowledgedBy: 'Tom Reed' });
    expect((await call(app, 'transfers.register', {}))[0]).toMatchObject({ clock: 'acknowledged', acknowledgedBy: 'Tom Reed' });
    expect(await dispatch(app, 'transfers.acknowledge', { transferId: '01900000-0000-7000-8000-000000000000', acknowledgedOn: '2026-12-02', acknowledgedBy: 'x' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps this school’s copy as the retention setting says, and marks it for review after that date without deleting it', async () => {
    const { app, amy, setNow } = await exportSchool();
    await call(app, 'transfers.export', { pupilId: amy.id, to, method: 'secure_email' });
    // By default, until the 25th birthday: Amy was born on 04/03/2016.
    expect((await call(app, 'transfers.register', {}))[0]).toMatchObject({ retainUntil: '2041-03-04', retentionReviewDue: false });
    // Six years after it was sent on Monday 23/11/2026.
    await call(app, 'settings.update', { version: settingsVersionNow(app), transferRetention: { rule: 'years_after_transfer', years: 6 } });
    expect((await call(app, 'transfers.register', {}))[0]).toMatchObject({ retainUntil: '2032-11-23', retentionReviewDue: false });
    setNow('2032-11-24T09:00:00Z');
    expect((await call(app, 'transfers.register', {}))[0]).toMatchObject({ retainUntil: '2032-11-23', retentionReviewDue: true });
    // Nothing was deleted: the file is all still there for the DSL's review.
    expect((await call(app, 'children.chronology', { pupilId: amy.id })).length).toBeGreaterThan(0);
    const refused = await dispatch(app, 'settings.update', { version: settingsVersionNow(app), transferRetention: { rule: 'years_after_transfer', years: 0 } }, personAt(app));
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { 'transferRetention.years': ['Keep the copy for at least 1 year'] } } });
  });

  it('arrives complete at another school using this product, into a new child’s file', async () => {
    const { app, amy } = await exportSchool();
    const before = await call(app, 'transfers.preview', { pupilId: amy.id });
    const sent = await call(app, 'transfers.export', { pupilId: amy.id, to, method: 'secure_email' });
    const receiving = await receivingSchool();
    const imported = await call(receiving, 'transfers.import', { archiveBase64: sent.dataBase64, passphrase: sent.passphrase!.toLowerCase().replace(/-/g, ' ') });
    expect(imported).toMatchObject({ createdPupil: true, fromSchool: 'Oakfield Primary School', itemCount: sent.itemCount });
    const child = await call(receiving, 'children.file', { pupilId: imported.pupilId });
    expect(child.pupil).toMatchObject({ legalFirstName: 'Amelia', legalLastName: 'Hughes', upn: 'A123456789012', dateOfBirth: '2016-03-04' });
    const received = await call(receiving, 'transfers.received', { pupilId: imported.pupilId });
    expect(received).toEqual([expect.objectContaining({ kind: 'electronic', fromSchool: 'Oakfield Primary School', fromSchoolUrn: '123456', fromDsl: 'Priya Jones', hasPdf: true })]);
    expect(received[0]!.items.map((item) => item.itemId)).toEqual(before.items.map((item) => item.itemId));
    expect(received[0]!.items.find((item) => item.kind === 'concern')?.detail).toContain('bruise on her left forearm');
    expect(await dispatch(receiving, 'transfers.import', { archiveBase64: sent.dataBase64, passphrase: sent.passphrase! }, personAt(receiving))).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a wrong passphrase, an altered archive and a truncated one, importing nothing', async () => {
    const { app, amy } = await exportSchool();
    const sent = await call(app, 'transfers.export', { pupilId: amy.id, to, method: 'secure_email' });
    const receiving = await receivingSchool();
    const db = receiving.store!;
    const bytes = Buffer.from(sent.dataBase64, 'base64');
    const altered = Buffer.from(bytes);
    altered[Math.floor(altered.length / 3)]! ^= 0xff;
    // Each is said on the field it is about, though the archive is opened on another thread (decision 0026).
    const attempts = [
      { archiveBase64: sent.dataBase64, passphrase: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', expect: /passphrase does not open/, field: 'passphrase' },
      { archiveBase64: altered.toString('base64'), passphrase: sent.passphrase!, expect: /damaged|not a complete transfer/, field: 'archiveBase64' },
      { archiveBase64: bytes.subarray(0, Math.floor(bytes.length * 0.7)).toString('base64'), passphrase: sent.passphrase!, expect: /damaged|not a complete transfer/, field: 'archiveBase64' },
    ];
    for (const attempt of attempts) {
      const result = await dispatch(receiving, 'transfers.import', { archiveBase64: attempt.archiveBase64, passphrase: attempt.passphrase }, personAt(receiving));
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(attempt.expect), fields: { [attempt.field]: [expect.any(String)] } } });
    }
    expect(db.prepare('SELECT count(*) FROM pupils').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM received_files').pluck().get()).toBe(0);
  });

  it('records a paper file received from a school without this product', async () => {
    const { app, amy } = await exportSchool();
    const { receivedId } = await call(app, 'transfers.recordPaperFile', { pupilId: amy.id, fromSchool: 'St Mary’s C of E Primary', fromDsl: 'Mrs Khan', receivedOn: '2026-11-20', notes: 'One lever-arch file; receipt signed and posted back.' });
    expect(await call(app, 'transfers.received', { pupilId: amy.id })).toEqual([expect.objectContaining({ id: receivedId, kind: 'paper', fromSchool: 'St Mary’s C of E Primary', hasPdf: false })]);
  });
});

describe('a transfer archive from outside', () => {
  const MiB = 1024 * 1024;
  // Just over the 64 MiB cap on one file: a real bomb would be 1 GiB, but zip.js takes ~5 s per 64 MiB to build one.
  const BOMB_BYTES = 72 * MiB;
  let files: Map<string, Buffer>;

  /** A real transfer from the sending school, unpacked, for the tests to re-pack with changes under a passphrase they know. */
  beforeAll(async () => {
    const { app, amy } = await exportSchool();
    const sent = await call(app, 'transfers.export', { pupilId: amy.id, to, method: 'secure_email' });
    const reader = new ZipReader(new BlobReader(new Blob([Buffer.from(sent.dataBase64, 'base64')])));
    files = new Map();
    for (const entry of await reader.getEntries()) if (!entry.directory) files.set(entry.filename, Buffer.from(await entry.getData(new Uint8ArrayWriter(), { password: sent.passphrase! })));
    await reader.close();
  }, 60_000);

  /** What a crafted bomb does: its central directory says `name` unpacks to `bytes`, whatever it really holds. */
  const understating = (name: string, bytes: number) => (archive: Buffer) => {
    const lying = Buffer.from(archive);
    const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    for (let at = lying.indexOf(signature); at >= 0; at = lying.indexOf(signature, at + 4)) {
      if (lying.toString('utf8', at + 46, at + 46 + lying.readUInt16LE(at + 28)) === name) lying.writeUInt32LE(bytes, at + 24);
    }
    return lying;
  };

  async function tryImport(entries: Array<{ name: string; data: Buffer }>, craft: (archive: Buffer) => Buffer = (archive) => archive) {
    const receiving = await receivingSchool();
    // Archives are opened on the long-work thread (decision 0026): it is started first, by an archive that is no
    // archive at all, so that what is weighed below is this import, not starting a thread. Whether unpacking stopped
    // early is told by memory, not by time (no timing in npm test): unpacked whole, the 72 MiB entry would be held.
    expect(await dispatch(receiving, 'transfers.import', { archiveBase64: Buffer.from('not a zip').toString('base64'), passphrase: 'x' }, personAt(receiving))).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { archiveBase64: [expect.stringMatching(/damaged/)] } } });
    const passphrase = 'OUR-OWN-PASSPHRASE';
    const archive = craft(await createEncryptedArchive(entries, passphrase, new Date('2026-11-30T10:00:00Z')));
    const rssBefore = process.memoryUsage().rss;
    const result = await dispatch(receiving, 'transfers.import', { archiveBase64: archive.toString('base64'), passphrase }, personAt(receiving));
    const grew = process.memoryUsage().rss - rssBefore;
    const stored = receiving.store!.prepare('SELECT (SELECT count(*) FROM pupils) + (SELECT count(*) FROM received_files)').pluck().get() as number;
    return { result, grew, stored };
  }

  const file = (name: string) => ({ name, data: files.get(name)! });
  const manifestClaiming = (name: string, bytes: number) => {
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { files: Array<{ name: string; bytes: number }> };
    for (const listed of manifest.files) if (listed.name === name) listed.bytes = bytes;
    return { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) };
  };

  it('refuses an extra file it does not send, naming it, before unpacking anything', async () => {
    const { result, grew, stored } = await tryImport([file('manifest.json'), file('transfer.json'), file('transfer.pdf'), { name: 'extra.bin', data: Buffer.alloc(BOMB_BYTES) }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/extra\.bin/), fields: { archiveBase64: [expect.stringMatching(/does not send/)] } } });
    expect(grew).toBeLessThan(32 * MiB);
    expect(stored).toBe(0);
  }, 60_000);

  it('stops unpacking a file the moment it grows past the size the manifest gives, and names it', async () => {
    const { result, grew, stored } = await tryImport([file('manifest.json'), { name: 'transfer.json', data: Buffer.alloc(BOMB_BYTES) }, file('transfer.pdf')], understating('transfer.json', 60 * MiB));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/transfer\.json unpacks to more than \d+ bytes/) } });
    expect(grew).toBeLessThan(32 * MiB);
    expect(stored).toBe(0);
  }, 60_000);

  it('refuses, before unpacking it, a file whose own header says it is larger than a transfer can hold', async () => {
    const { result, grew, stored } = await tryImport([manifestClaiming('transfer.json', 1024 * MiB), { name: 'transfer.json', data: Buffer.alloc(BOMB_BYTES) }, file('transfer.pdf')]);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/transfer\.json says it unpacks to 75497472 bytes/) } });
    expect(grew).toBeLessThan(32 * MiB);
    expect(stored).toBe(0);
  }, 60_000);

  it('refuses an archive without a manifest, and one whose manifest does not match the file', async () => {
    const noManifest = await tryImport([file('transfer.json'), file('transfer.pdf')]);
    expect(noManifest.result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { archiveBase64: ['the manifest is missing'] } } });
    const edited = { name: 'transfer.json', data: Buffer.from(files.get('transfer.json')!.toString('utf8').replace('Amelia', 'Amelie')) };
    const mismatch = await tryImport([file('manifest.json'), edited, file('transfer.pdf')]);
    expect(mismatch.result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { archiveBase64: ['transfer.json has been changed'] } } });
    expect(noManifest.stored + mismatch.stored).toBe(0);
  }, 60_000);
});
