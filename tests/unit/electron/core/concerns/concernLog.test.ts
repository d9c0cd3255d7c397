import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/core';
import type { CommandInput } from '../../../../../shared/api';
import { addAccount, call, newApp, setUpSchool, signInFirstTime, tempDataDir, versionNow, keepRecordsOpen } from '../testSchool';
import { personAt } from '../../../../fixtures/doors/callers';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function school(now = new Date('2026-11-23T10:00:00Z')) {
  let clock = now;
  const app = newApp(tempDataDir(), { clock: () => clock });
  await setUpSchool(app);
  await keepRecordsOpen(app);
  const amy = await call(app, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H' });
  const ben = await call(app, 'pupils.create', { upn: 'B123456789003', legalFirstName: 'Benjamin', legalLastName: 'Hughes', dateOfBirth: '2018-07-21', yearGroup: '3', registrationGroup: '3K' });
  await addAccount(app, 'ta.smith', 'staff', 'support', 'temporary password 1');
  await addAccount(app, 'mr.jones', 'staff', 'teaching', 'temporary password 2');
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'mr.jones', 'temporary password 2', 'jones own password');
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'ta.smith', 'temporary password 1', 'smith own password');
  return { app, amy, ben, setClock: (next: Date) => (clock = next) };
}

const concern = (pupilId: string, extra: Partial<CommandInput<'concerns.submit'>> = {}): CommandInput<'concerns.submit'> => ({
  pupils: [{ pupilId, part: 'subject' }],
  occurredDate: '2026-11-23',
  occurredTime: '09:15',
  location: 'Playground',
  whatHappened: 'Amy had a bruise on her left forearm, about the size of a 50p coin.',
  childWords: 'Dad grabbed me when I spilt my drink.',
  categories: ['physical-abuse'],
  ...extra,
});

async function switchTo(app: Awaited<ReturnType<typeof school>>['app'], username: string, password: string) {
  await call(app, 'session.signOut', {});
  await call(app, 'session.signIn', { username, password });
}

describe('logging a concern', () => {
  it('stores the staff member’s words, the child’s words verbatim, the body map and an attachment, exactly', async () => {
    const { app, amy } = await school();
    const bodyMap = [{ view: 'front' as const, x: 0.31, y: 0.42, size: '2cm', colour: 'purple-yellow', shape: 'oval', childExplanation: 'Dad grabbed me' }];
    const { id } = await call(app, 'concerns.submit', concern(amy.id, { bodyMap, attachments: [{ name: 'note.png', type: 'image/png', dataBase64: PNG.toString('base64') }] }));
    const view = await call(app, 'concerns.get', { concernId: id });
    expect(view.childWords).toBe('Dad grabbed me when I spilt my drink.');
    expect(view.whatHappened).toContain('size of a 50p coin');
    expect(view.bodyMap).toEqual(bodyMap);
    expect(view.pupils).toEqual([{ pupilId: amy.id, name: 'Amy Hughes', yearGroup: '5', part: 'subject' }]);
    expect(view.occurredAt).toBe('2026-11-23T09:15:00.000Z'); // GMT in November
    expect(view.status).toBe('submitted');
    const file = await call(app, 'concerns.attachment', { concernId: id, attachmentId: view.attachments[0]!.id });
    expect(Buffer.from(file.dataBase64, 'base64').equals(PNG)).toBe(true);
  });

  it('reads the time typed as London time, in summer too', async () => {
    const { app, amy } = await school(new Date('2026-07-01T12:00:00Z'));
    const { id } = await call(app, 'concerns.submit', concern(amy.id, { occurredDate: '2026-07-01', occurredTime: '09:15' }));
    expect((await call(app, 'concerns.get', { concernId: id })).occurredAt).toBe('2026-07-01T08:15:00.000Z');
  });

  it.each([
    ['a time in the future', { occurredTime: '10:30' }, 'occurredDate'],
    ['no words at all', { whatHappened: '   ' }, 'whatHappened'],
    ['no pupil', { pupils: [] }, 'pupils'],
    ['an urgent concern without saying whether a DSL was told', { urgent: true }, 'spokenToDslInPerson'],
    ['a category not on the list', { categories: ['made-up'] }, 'categories.0'],
    ['a file of the wrong type', { attachments: [{ name: 'run.exe', type: 'application/x-msdownload', dataBase64: 'TVqQ' }] }, 'attachments.0.type'],
    ['a “photo” that is really something else', { attachments: [{ name: 'photo.png', type: 'image/png', dataBase64: Buffer.from('MZ not a png').toString('base64') }] }, 'attachments.0'],
    ['a file over 5 MB', { attachments: [{ name: 'scan.pdf', type: 'application/pdf', dataBase64: Buffer.alloc(5 * 1024 * 1024 + 10, 0x25).toString('base64') }] }, 'attachments.0.dataBase64'],
  ] as const)('refuses %s, naming the field, and stores nothing', async (_name, change, field) => {
    const { app, amy } = await school();
    const result = await dispatch(app, 'concerns.submit', concern(amy.id, change as Partial<CommandInput<'concerns.submit'>>), personAt(app));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.error.fields ?? {})).toContain(field);
    expect(await call(app, 'concerns.mine', {})).toEqual([]);
  });

  it('refuses a pupil id that is not on the roster', async () => {
    const { app } = await school();
    const result = await dispatch(app, 'concerns.submit', concern('0190f1a2-0000-7000-8000-000000000000'), personAt(app));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { 'pupils.0.pupilId': [expect.any(String)] } } });
  });

  it('never changes or deletes a submitted concern; later information is an addendum', async () => {
    const { app, amy } = await school();
    const { id } = await call(app, 'concerns.submit', concern(amy.id));
    const db = app.store!;
    expect(() => db.prepare("UPDATE concerns SET what_happened = 'edited' WHERE id = ?").run(id)).toThrow(/cannot be edited/);
    expect(() => db.prepare('DELETE FROM concerns WHERE id = ?').run(id)).toThrow(/cannot be deleted/);
    expect(() => db.prepare('DELETE FROM concern_pupils WHERE concern_id = ?').run(id)).toThrow();
    await call(app, 'concerns.addAddendum', { concernId: id, text: 'Amy told me later it happened on Saturday.' });
    const view = await call(app, 'concerns.get', { concernId: id });
    expect(view.whatHappened).toContain('50p coin');
    expect(view.addenda).toEqual([expect.objectContaining({ author: 'ta.smith', text: 'Amy told me later it happened on Saturday.' })]);
  });
});

describe('who sees what', () => {
  it('does not let one member of staff read, or add to, another’s concern by its id', async () => {
    const { app, amy } = await school();
    const { id } = await call(app, 'concerns.submit', concern(amy.id));
    const attachmentLess = await call(app, 'concerns.get', { concernId: id });
    await switchTo(app, 'mr.jones', 'jones own password');
    expect(await dispatch(app, 'concerns.get', { concernId: id }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(app, 'concerns.addAddendum', { concernId: id, text: 'sneaky' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call(app, 'concerns.mine', {})).toEqual([]);
    expect(await dispatch(app, 'concerns.listNew', {}, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(attachmentLess.attachments).toEqual([]);
  });

  it('shows the author “read” once a DSL opens it — and nothing the DSL wrote', async () => {
    const { app, amy } = await school();
    const { id } = await call(app, 'concerns.submit', concern(amy.id, { immediateDanger: true, spokenToDslInPerson: 'yes' }));
    await switchTo(app, 'dsl.jones', 'correct horse battery staple');
    const alerts = await call(app, 'concerns.alerts', {});
    expect(alerts).toMatchObject({ newCount: 1, immediateDangerCount: 1 });
    const queue = await call(app, 'concerns.listNew', {});
    expect(queue[0]).toMatchObject({ id, immediateDanger: true, pupilNames: ['Amy Hughes'], authorName: 'ta.smith' });
    await call(app, 'concerns.get', { concernId: id });
    expect((await call(app, 'concerns.alerts', {})).newCount).toBe(0);
    await switchTo(app, 'ta.smith', 'smith own password');
    const mine = await call(app, 'concerns.mine', {});
    expect(mine).toEqual([expect.objectContaining({ id, status: 'read', pupilNames: ['Amy Hughes'] })]);
    expect(Object.keys(mine[0]!)).not.toContain('decision');
  });

  it('audits every create and view with the concern and the pupils', async () => {
    const { app, amy } = await school();
    const { id } = await call(app, 'concerns.submit', concern(amy.id));
    await call(app, 'concerns.get', { concernId: id });
    const rows = app.store!.prepare("SELECT command, record_ids FROM audit_log WHERE command LIKE 'concerns.%' ORDER BY seq").all() as Array<{ command: string; record_ids: string }>;
    // A submission is sealed and then stored from its envelope (decision 0022): its row names the envelope too.
    expect(rows.map((row) => ({ command: row.command, recordIds: JSON.parse(row.record_ids) as string[] }))).toEqual([
      { command: 'concerns.submit', recordIds: [id, expect.any(String), amy.id] },
      { command: 'concerns.get', recordIds: [id, amy.id] },
    ]);
  });
});

describe('drafts', () => {
  it('keeps a draft through a lock, lets only its author see it, and removes it when the concern is submitted', async () => {
    const { app, amy } = await school();
    const form = JSON.stringify({ whatHappened: 'Half-written: she said that' });
    const draft = await call(app, 'drafts.save', { draftId: null, form });
    await call(app, 'session.lock', {});
    await call(app, 'session.unlock', { password: 'smith own password' });
    expect(await call(app, 'drafts.mine', {})).toEqual([{ id: draft.id, updatedAt: draft.updatedAt, form }]);
    await switchTo(app, 'mr.jones', 'jones own password');
    expect(await call(app, 'drafts.mine', {})).toEqual([]);
    expect(await dispatch(app, 'drafts.save', { draftId: draft.id, form: 'overwrite' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(app, 'drafts.discard', { draftId: draft.id }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await switchTo(app, 'ta.smith', 'smith own password');
    await call(app, 'concerns.submit', concern(amy.id, { draftId: draft.id }));
    expect(await call(app, 'drafts.mine', {})).toEqual([]);
  });
});

describe('finding pupils', () => {
  it('finds a child by part of a name, the preferred name, the UPN or the class, and links siblings', async () => {
    const { app, amy, ben } = await school();
    await switchTo(app, 'dsl.jones', 'correct horse battery staple');
    await call(app, 'pupils.update', { pupilId: amy.id, version: versionNow(app, 'pupil', amy.id), details: { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H' } });
    const names = async (query: string) => (await call(app, 'pupils.search', { query })).map((pupil) => pupil.legalFirstName);
    expect(await names('amy')).toEqual(['Amelia']);
    expect(await names('hugh')).toEqual(['Amelia', 'Benjamin']);
    expect(await names('ben hug')).toEqual(['Benjamin']);
    expect(await names('b1234567')).toEqual(['Benjamin']);
    expect(await names('5h')).toEqual(['Amelia']);
    expect(await names('%')).toEqual([]);
    // Brothers and sisters are linked by the MIS's family key: Amy and Ben share one, Riya has her own.
    const roster = ['UPN,Surname,Forename,DOB,Year,Reg,Family ID', 'A123456789012,Hughes,Amelia,04/03/2016,Year 5,5H,F1', 'B123456789003,Hughes,Benjamin,21/07/2018,Year 3,3K,F1', 'D123456789014,Patel,Riya,01/12/2015,Year 5,5P,F2'].join('\n');
    const file = { fileName: 'roster.csv', dataBase64: Buffer.from(roster).toString('base64') };
    await call(app, 'roster.import', { file, mapping: (await call(app, 'roster.preview', { file })).suggestedMapping, leftOn: '2026-07-22' });
    expect((await call(app, 'pupils.siblings', { pupilId: amy.id })).map((pupil) => pupil.id)).toEqual([ben.id]);
    expect((await call(app, 'pupils.siblings', { pupilId: ben.id })).map((pupil) => pupil.id)).toEqual([amy.id]);
  });
});

describe('correcting a pupil', () => {
  it('reads back everything stored, so a correction changes only what the person changes', async () => {
    const { app, amy } = await school();
    await switchTo(app, 'dsl.jones', 'correct horse battery staple');
    const details = { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H', address: '12 Elm Road', postcode: 'WR1 1AA', contacts: [{ name: 'Sarah Hughes', relationship: 'Mother', phone: '07700 900123', parentalResponsibility: true }] };
    await call(app, 'pupils.update', { pupilId: amy.id, version: versionNow(app, 'pupil', amy.id), details });
    const stored = await call(app, 'pupils.get', { pupilId: amy.id });
    await call(app, 'pupils.update', { pupilId: amy.id, version: versionNow(app, 'pupil', amy.id), details: { ...stored.details, yearGroup: '6' } });
    expect((await call(app, 'pupils.get', { pupilId: amy.id })).details).toMatchObject({ ...details, yearGroup: '6' });
    await switchTo(app, 'ta.smith', 'smith own password');
    expect(await dispatch(app, 'pupils.get', { pupilId: amy.id }, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the school’s own category list', () => {
  it('lets a DSL rename, add and take categories out of use, without changing what old concerns say', async () => {
    const { app, amy } = await school();
    const { id } = await call(app, 'concerns.submit', concern(amy.id, { categories: ['attendance'] }));
    await switchTo(app, 'dsl.jones', 'correct horse battery staple');
    const list = await call(app, 'concerns.categories', {});
    expect(list.map((category) => category.id)).toContain('attendance');
    const edited = list
      .filter((category) => category.id !== 'attendance')
      .map((category) => (category.id === 'other' ? { ...category, label: 'Anything else' } : category));
    await call(app, 'concerns.updateCategories', { categories: [...edited, { id: 'bullying', label: 'Bullying', guidance: 'Repeated unkindness or exclusion by other pupils.', duty: null, active: true }] });
    const offered = (await call(app, 'concerns.formContext', {})).categories;
    expect(offered.map((category) => category.id)).not.toContain('attendance');
    expect(offered.find((category) => category.id === 'other')?.label).toBe('Anything else');
    expect(offered.at(-1)).toMatchObject({ id: 'bullying', label: 'Bullying' });
    expect((await call(app, 'concerns.get', { concernId: id })).categories).toEqual([{ id: 'attendance', label: 'Attendance' }]);
    expect(await dispatch(app, 'concerns.submit', concern(amy.id, { categories: ['attendance'] }), personAt(app))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const refused = await dispatch(app, 'concerns.updateCategories', { categories: [{ id: 'x', label: 'X', guidance: 'x', duty: null, active: false }] }, personAt(app));
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await switchTo(app, 'ta.smith', 'smith own password');
    expect(await dispatch(app, 'concerns.updateCategories', { categories: edited }, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
