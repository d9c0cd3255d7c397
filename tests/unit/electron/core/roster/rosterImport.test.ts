import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/core';
import { badRows, generateMisExport } from '../../../../fixtures/roster/generateMisExport';
import { upnCheckLetter } from '../../../../../shared/school';
import { call, newApp, setUpSchool, tempDataDir } from '../testSchool';
import { personAt } from '../../../../fixtures/doors/callers';

const fixture = path.join(process.cwd(), 'tests/fixtures/roster/sims-export-1500.csv');
const asFile = (bytes: Buffer, fileName = 'sims-export.csv') => ({ fileName, dataBase64: bytes.toString('base64') });

async function school() {
  const app = newApp(tempDataDir(), { clock: () => new Date('2026-11-23T10:00:00Z') });
  await setUpSchool(app);
  return app;
}

describe('importing the roster from an MIS export', () => {
  it('is the committed fixture, generated as described', () => {
    expect(fs.readFileSync(fixture).equals(generateMisExport())).toBe(true);
  });

  it('guesses the SIMS columns and reports every bad row with its line and reason, keeping the good rows', async () => {
    const app = await school();
    const preview = await call(app, 'roster.preview', { file: asFile(fs.readFileSync(fixture)) });
    expect(preview.suggestedMapping).toMatchObject({ UPN: 'upn', 'Legal Surname': 'legalLastName', 'Legal Forename': 'legalFirstName', 'Preferred Forename': 'preferredName', DOB: 'dateOfBirth', Year: 'yearGroup', Reg: 'registrationGroup' });
    expect(preview.missingRequired).toEqual([]);
    expect(preview.rowCount).toBe(1500);
    expect(preview.rejected).toEqual([
      { line: badRows.missingUpn, pupil: 'Arjun Wood', reason: expect.stringMatching(/missing UPN/) },
      { line: badRows.impossibleDate, pupil: 'Florence Kowalski, UPN K885200213200', reason: expect.stringMatching(/31\/02\/2014.*not a real date/) },
      { line: badRows.duplicatedUpn, pupil: 'Amelia Robinson, UPN L885200010000', reason: expect.stringMatching(/also on line 2/) },
      { line: badRows.wrongEncoding, pupil: expect.stringMatching(/Walker, UPN F885200607402$/), reason: expect.stringMatching(/not valid UTF-8/) },
    ]);
    expect(preview.acceptedCount).toBe(1496);

    const result = await call(app, 'roster.import', { file: asFile(fs.readFileSync(fixture)), mapping: preview.suggestedMapping, leftOn: '2026-07-22' });
    expect(result).toMatchObject({ created: 1496, updated: 0, markedLeft: 0 });
    expect(result.rejected).toHaveLength(4);
    const [found] = await call(app, 'pupils.search', { query: 'Jackson Priya' });
    expect(found).toMatchObject({ legalLastName: 'Jackson', legalFirstName: 'Priya', yearGroup: '10', registrationGroup: '10A' });
    // Siblings share an address in the export, so they are linked.
    expect((await call(app, 'pupils.siblings', { pupilId: found!.id })).map((pupil) => pupil.legalFirstName)).toEqual(['Oscar']);
  });

  it('updates by UPN on re-import, marks pupils missing from the file as left, and never deletes anyone', async () => {
    const app = await school();
    const first = [
      'UPN,Surname,Forename,DOB,Year,Reg',
      'A123456789012,Hughes,Amelia,04/03/2016,Year 5,5H',
      'B123456789003,Hughes,Benjamin,21/07/2018,Year 3,3K',
      'C123456789023,Patel,Riya,01/12/2015,Year 5,5P',
    ].join('\n');
    const mapping = (await call(app, 'roster.preview', { file: asFile(Buffer.from(first)) })).suggestedMapping;
    expect(await call(app, 'roster.import', { file: asFile(Buffer.from(first)), mapping, leftOn: '2026-07-22' })).toMatchObject({ created: 3 });
    const second = ['UPN,Surname,Forename,DOB,Year,Reg', 'A123456789012,Hughes,Amelia,04/03/2016,Year 6,6H', 'B123456789003,Hughes,Benjamin,31/02/2018,Year 4,4K'].join('\n');
    expect(await call(app, 'roster.preview', { file: asFile(Buffer.from(second)), mapping })).toMatchObject({ markedLeftCount: 1, onRollCount: 3, needsLeaverConfirmation: true });
    const result = await call(app, 'roster.import', { file: asFile(Buffer.from(second)), mapping, leftOn: '2026-07-22', confirmMarkedLeft: 1 });
    // Benjamin's row is rejected (bad date) but he is still in the file, so he is not marked as left.
    expect(result).toMatchObject({ created: 0, updated: 1, markedLeft: 1, rejected: [{ line: 3, pupil: 'Benjamin Hughes, UPN B123456789003', reason: expect.stringMatching(/not a real date/) }] });
    expect((await call(app, 'pupils.search', { query: 'amelia' }))[0]).toMatchObject({ yearGroup: '6', registrationGroup: '6H', leftOn: null });
    expect(await call(app, 'pupils.search', { query: 'riya' })).toEqual([]);
    expect((await call(app, 'pupils.search', { query: 'riya', includeLeavers: true }))[0]).toMatchObject({ leftOn: '2026-07-22' });
    expect(app.store!.prepare('SELECT count(*) FROM pupils').pluck().get()).toBe(3);
  });

  it('refuses an Excel file, an empty file and a file without the required columns, saying what to do', async () => {
    const app = await school();
    const excel = await dispatch(app, 'roster.preview', { file: asFile(Buffer.from('PK\u0003\u0004rest-of-zip'), 'pupils.xlsx') }, personAt(app));
    expect(excel).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/pupils\.xlsx.*CSV UTF-8/) } });
    const empty = await dispatch(app, 'roster.preview', { file: asFile(Buffer.alloc(0), 'empty.csv') }, personAt(app));
    expect(empty).toMatchObject({ ok: false, error: { message: expect.stringMatching(/empty\.csv is empty/) } });
    const noDob = await call(app, 'roster.preview', { file: asFile(Buffer.from('UPN,Surname,Forename\nA123456789012,Hughes,Amelia\n')) });
    expect(noDob.missingRequired).toEqual(['dateOfBirth']);
    const imported = await dispatch(app, 'roster.import', { file: asFile(Buffer.from('UPN,Surname,Forename\nA123456789012,Hughes,Amelia\n')), mapping: noDob.suggestedMapping, leftOn: '2026-07-22' }, personAt(app));
    expect(imported).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { mapping: [expect.stringMatching(/dateOfBirth/)] } } });
  });

  const rosterOf = (count: number) =>
    ['UPN,Surname,Forename,DOB,Year,Reg', ...Array.from({ length: count }, (_, index) => { const digits = `88540011600${index.toString().padStart(1, '0')}`.slice(0, 12); return `${upnCheckLetter(digits)}${digits},Pupil,Zoë${index},04/03/2016,Year 5,5H`; })].join('\n');

  it('reads a UTF-16 file by its byte-order mark, and refuses one with NULs and no mark, marking nobody as left', async () => {
    const app = await school();
    const csv = rosterOf(8);
    const mapping = (await call(app, 'roster.preview', { file: asFile(Buffer.from(csv)) })).suggestedMapping;
    await call(app, 'roster.import', { file: asFile(Buffer.from(csv)), mapping, leftOn: '2026-07-22' });
    const littleEndian = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
    const bigEndian = Buffer.from(littleEndian).swap16();
    for (const bytes of [littleEndian, bigEndian]) {
      const preview = await call(app, 'roster.preview', { file: asFile(bytes) });
      expect(preview).toMatchObject({ acceptedCount: 8, rejected: [], markedLeftCount: 0 });
      expect(preview.sample[0]).toMatchObject({ Forename: 'Zoë0' });
    }
    const withoutMark = Buffer.from(csv, 'utf16le');
    for (const name of ['roster.preview', 'roster.import'] as const) {
      const result = await dispatch(app, name, { file: asFile(withoutMark, 'pupils.csv'), mapping, leftOn: '2026-07-22', confirmMarkedLeft: 8 }, personAt(app));
      expect(result, name).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { file: [expect.stringMatching(/pupils\.csv contains NUL characters.*CSV UTF-8/)] } } });
    }
    expect(await call(app, 'pupils.search', { query: 'Pupil', limit: 50 })).toHaveLength(8);
  });

  it('says how many pupils a file would mark as left, and will not do it for many without that number confirmed', async () => {
    const app = await school();
    const whole = rosterOf(10);
    const mapping = (await call(app, 'roster.preview', { file: asFile(Buffer.from(whole)) })).suggestedMapping;
    await call(app, 'roster.import', { file: asFile(Buffer.from(whole)), mapping, leftOn: '2026-07-22' });
    const partial = Buffer.from(whole.split('\n').slice(0, 3).join('\n'));
    expect(await call(app, 'roster.preview', { file: asFile(partial), mapping })).toMatchObject({ acceptedCount: 2, markedLeftCount: 8, onRollCount: 10, needsLeaverConfirmation: true });
    for (const confirmMarkedLeft of [undefined, 7]) {
      const refused = await dispatch(app, 'roster.import', { file: asFile(partial), mapping, leftOn: '2026-07-22', ...(confirmMarkedLeft === undefined ? {} : { confirmMarkedLeft }) }, personAt(app));
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { confirmMarkedLeft: [expect.stringMatching(/mark 8 of the 10 pupils on roll as left/)] } } });
    }
    expect(await call(app, 'pupils.search', { query: 'Pupil', limit: 50 })).toHaveLength(10);
    expect(await call(app, 'roster.import', { file: asFile(partial), mapping, leftOn: '2026-07-22', confirmMarkedLeft: 8 })).toMatchObject({ markedLeft: 8 });
    expect(await call(app, 'pupils.search', { query: 'Pupil', limit: 50 })).toHaveLength(2);
  });

  it('refuses a UPN whose check letter does not match, naming the line and the pupil, and in the pupil form too', async () => {
    expect(upnCheckLetter('801200005001')).toBe('B'); // B801200005001 is a valid UPN (python-stdnum's example)
    const app = await school();
    const csv = ['UPN,Surname,Forename,DOB,Year,Reg', 'B801200005001,Hughes,Amelia,04/03/2016,Year 5,5H', 'A801200005002,Patel,Riya,01/12/2015,Year 5,5P'].join('\n');
    const preview = await call(app, 'roster.preview', { file: asFile(Buffer.from(csv)) });
    expect(preview.rejected).toEqual([{ line: 3, pupil: 'Riya Patel, UPN A801200005002', reason: expect.stringMatching(/check letter/) }]);
    const form = await dispatch(app, 'pupils.create', { upn: 'A801200005002', legalFirstName: 'Riya', legalLastName: 'Patel', dateOfBirth: '2015-12-01' }, personAt(app));
    expect(form).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { upn: [expect.stringMatching(/check letter.*copy it again from the MIS/)] } } });
  });

  it('is for the DSL and admin only', async () => {
    const app = await school();
    const csv = asFile(Buffer.from('UPN,Surname,Forename,DOB\nA123456789012,Hughes,Amelia,04/03/2016\n'));
    for (const role of ['staff', 'head', 'admin'] as const) {
      await call(app, 'accounts.create', { username: `someone.${role}`, displayName: role, role, staffGroup: 'teaching', temporaryPassword: 'temporary password 1' });
    }
    const as = async (username: string) => {
      await call(app, 'session.signOut', {});
      await call(app, 'session.signIn', { username, password: 'temporary password 1' });
      await call(app, 'session.changePassword', { currentPassword: 'temporary password 1', newPassword: `${username} own password` });
    };
    for (const username of ['someone.staff', 'someone.head']) {
      await as(username);
      expect(await dispatch(app, 'roster.preview', { file: csv }, personAt(app)), username).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await dispatch(app, 'roster.import', { file: csv, leftOn: '2026-07-22' }, personAt(app)), username).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await as('someone.admin');
    const mapping = (await call(app, 'roster.preview', { file: csv })).suggestedMapping;
    expect(await call(app, 'roster.import', { file: csv, mapping, leftOn: '2026-07-22' })).toMatchObject({ created: 1 });
  });
});
