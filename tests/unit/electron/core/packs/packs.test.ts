import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/core';
import { DSL_PASSWORD, addAccount, call, keepRecordsOpen, newApp, setUpSchool, signInFirstTime, tempDataDir } from '../testSchool';
import { personAt } from '../../../../fixtures/doors/callers';

const londonFile = path.join(process.cwd(), 'resources/packs/london-continuum-waltham-forest-2014.json');
const london = () => JSON.parse(fs.readFileSync(londonFile, 'utf8')) as Record<string, unknown> & { indicators: Array<{ id: string; kind: string; levelId: string }>; contacts: Array<Record<string, unknown>> };

/** A school's own pack, made from the London one with a front door that keeps office hours. */
function officeHoursPack() {
  const pack = london();
  pack.id = 'test-borough-2026';
  pack.title = 'Test Borough thresholds';
  pack.contacts = [
    { id: 'front-door', name: 'Test Borough Front Door', role: 'mash_front_door', phone: '020 0000 0001', availability: { kind: 'weekly', sessions: [{ days: ['mon', 'tue', 'wed', 'thu'], opens: '09:00', closes: '17:00' }, { days: ['fri'], opens: '09:00', closes: '16:30' }], closedOnBankHolidays: true }, outOfHoursContactId: 'emergency-duty', verifiedOn: null },
    { id: 'emergency-duty', name: 'Emergency Duty Team', role: 'out_of_hours', phone: '020 0000 0002', availability: { kind: 'outside_hours_of', contactId: 'front-door' }, verifiedOn: null },
    ...pack.contacts,
  ];
  return pack;
}

async function school(now = '2026-11-23T10:00:00Z') {
  const app = newApp(tempDataDir(), { clock: () => new Date(now) });
  const { user } = await setUpSchool(app);
  return { app, user };
}

describe('local-authority packs in the app', () => {
  it('lists the shipped packs with their publication date and the “verify before use” status', async () => {
    const { app } = await school();
    const { packs, chosen } = await call(app, 'packs.list', {});
    // The school in testSchool is in Worcestershire: setup made that council's pack the school's.
    expect(chosen).toEqual({ packId: 'worcestershire-2019', areaId: 'worcestershire' });
    expect(packs.find((pack) => pack.id === 'london-continuum-waltham-forest-2014')).toMatchObject({ origin: 'shipped', status: 'historical — verify before use', levelCount: 4 });
  });

  it('refuses a malformed pack file, naming the JSON path, and stores nothing', async () => {
    const { app } = await school();
    const broken = officeHoursPack();
    (broken.indicators[0] as { levelId: string }).levelId = 'level-99';
    const result = await dispatch(app, 'packs.import', { fileName: 'test-borough.json', text: JSON.stringify(broken) }, personAt(app));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/test-borough\.json/);
      expect(Object.keys(result.error.fields ?? {}).join(' ')).toMatch(/indicators\[0\]\.levelId/);
    }
    const notJson = await dispatch(app, 'packs.import', { fileName: 'oops.json', text: '{"id": ' }, personAt(app));
    expect(notJson).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/oops\.json is not valid JSON/) } });
    const clash = await dispatch(app, 'packs.import', { fileName: 'copy.json', text: JSON.stringify(london()) }, personAt(app));
    expect(clash).toMatchObject({ ok: false, error: { message: expect.stringMatching(/shipped pack already uses/) } });
    expect((await call(app, 'packs.list', {})).packs.map((pack) => pack.id)).not.toContain('test-borough-2026');
  });

  it('says who to call now: the front door in office hours, the out-of-hours team at night and on a bank holiday', async () => {
    const { app } = await school();
    await call(app, 'packs.import', { fileName: 'test-borough.json', text: JSON.stringify(officeHoursPack()) });
    await call(app, 'packs.choose', { packId: 'test-borough-2026', areaId: null });
    const names = async (at: string) => (await call(app, 'packs.whoToCallNow', { at })).answer!.callNow.map((contact) => contact.name);
    expect(await names('2026-11-23T10:00:00Z')).toContain('Test Borough Front Door'); // Monday 10:00 GMT
    expect(await names('2026-11-23T10:00:00Z')).not.toContain('Emergency Duty Team');
    expect(await names('2026-11-27T16:45:00Z')).toContain('Emergency Duty Team'); // Friday after 16:30
    expect(await names('2026-12-25T11:00:00Z')).toContain('Emergency Duty Team'); // Christmas Day
    expect(await names('2026-12-25T11:00:00Z')).not.toContain('Test Borough Front Door');
  });

  it('keeps a school’s checked contact details apart from the shipped file', async () => {
    const { app } = await school();
    const before = crypto.createHash('sha256').update(fs.readFileSync(londonFile)).digest('hex');
    const result = await call(app, 'packs.updateContact', { packId: 'london-continuum-waltham-forest-2014', contactId: 'mash-front-door', phone: '020 8496 2317', verified: true });
    expect(result.verifiedOn).toBe('2026-11-23');
    const pack = await call(app, 'packs.get', { packId: 'london-continuum-waltham-forest-2014' });
    expect(pack.contacts.find((contact) => contact.id === 'mash-front-door')).toMatchObject({ phone: '020 8496 2317', verifiedOn: '2026-11-23' });
    expect(crypto.createHash('sha256').update(fs.readFileSync(londonFile)).digest('hex')).toBe(before);
  });

  it('works out the suggestion itself when an assessment is saved — a red flag means act now — and never for a non-DSL', async () => {
    const { app } = await school();
    await call(app, 'packs.choose', { packId: 'london-continuum-waltham-forest-2014', areaId: null });
    const pupil = await call(app, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04' });
    const redFlag = london().indicators.find((indicator) => indicator.kind === 'red_flag')!;
    const suggestion = await call(app, 'packs.suggest', { pupilId: pupil.id, ticked: [{ indicatorId: redFlag.id, observation: 'Disclosure today' }] });
    expect(suggestion.immediateAction).toBe(true);
    expect(suggestion.disclaimer).toMatch(/not a decision/);
    const saved = await call(app, 'children.recordAssessment', { pupilId: pupil.id, packId: 'london-continuum-waltham-forest-2014', indicators: [{ id: redFlag.id, observation: 'Disclosure today' }], judgedLevel: '4', reasons: 'Disclosure of harm; referring to MASH now.' });
    expect(saved.suggestedBand).toBe(suggestion.band);
    expect(await dispatch(app, 'children.recordAssessment', { pupilId: pupil.id, packId: 'london-continuum-waltham-forest-2014', indicators: [{ id: 'made-up', observation: '' }], judgedLevel: '1', reasons: 'x' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    await addAccount(app, 'teacher.one', 'staff', 'teaching', 'temporary password 1');
    // A DSL stays signed in at another computer, so the records are open while the teacher looks (decision 0022).
    await keepRecordsOpen(app);
    await call(app, 'session.signOut', {});
    await signInFirstTime(app, 'teacher.one', 'temporary password 1', 'teacher own password');
    expect(await dispatch(app, 'packs.suggest', { pupilId: pupil.id, ticked: [] }, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(app, 'packs.choose', { packId: 'london-continuum-waltham-forest-2014', areaId: null }, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await call(app, 'packs.list', {})).packs.length).toBeGreaterThan(0);
    await call(app, 'session.signOut', {});
    await call(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
  });
});
