// A new school's first hour: the council chosen at setup is the school's pack at once, setup asks who staff find in
// an emergency, and the DSL's getting-started list ticks each step when the school has really done it.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../electron/core';
import { localAuthorities, packForLocalAuthority } from '../../../../shared/api';
import { DSL_PASSWORD, addAccount, call, newApp, tempDataDir, settingsVersionNow } from './testSchool';
import { personAt } from '../../../fixtures/doors/callers';

const dsl = { username: 'dsl.jones', displayName: 'Priya Jones', password: DSL_PASSWORD };
const school = (localAuthority: (typeof localAuthorities)[number]['id']) => ({ name: 'Oakfield Primary School', urn: '123456', localAuthority });

describe('setting up a school', () => {
  it('makes the council chosen at setup the school’s pack, so thresholds and who to call work at once', async () => {
    const app = newApp(tempDataDir(), { clock: () => new Date('2026-11-23T10:00:00Z') });
    await call(app, 'setup.create', { school: school('worcestershire'), dsl });
    expect((await call(app, 'packs.list', {})).chosen).toEqual({ packId: 'worcestershire-2019', areaId: 'worcestershire' });
    const now = await call(app, 'packs.whoToCallNow', {});
    expect(now.packId).toBe('worcestershire-2019');
    expect(now.answer?.callNow.length).toBeGreaterThan(0);
  });

  it('has a shipped pack, and an area within it, for every council it names', async () => {
    const app = newApp();
    await call(app, 'setup.create', { school: school('other'), dsl });
    expect((await call(app, 'packs.list', {})).chosen).toEqual({ packId: null, areaId: null });
    const shipped = (await call(app, 'packs.list', {})).packs;
    for (const la of localAuthorities.filter((la) => la.id !== 'other')) {
      const choice = packForLocalAuthority(la.id)!;
      expect(shipped.find((pack) => pack.id === choice.packId)?.areas.map((area) => area.id), la.name).toContain(choice.areaId);
    }
  });

  it('keeps the DSL on duty given at setup for the immediate-danger banner', async () => {
    const app = newApp();
    const dslOnDuty = { name: 'Ms Priya Patel', extension: '214', whereToFind: 'the office next to reception' };
    await call(app, 'setup.create', { school: school('wandsworth'), dsl, dslOnDuty });
    expect((await call(app, 'settings.get', {})).dslOnDuty).toEqual(dslOnDuty);
  });

  it('refuses a DSL on duty with no name or an extension nobody can dial, saying which field, and sets nothing up', async () => {
    const app = newApp();
    const result = await dispatch(app, 'setup.create', { school: school('wandsworth'), dsl, dslOnDuty: { name: '', extension: 'ask the office', whereToFind: 'the office' } }, personAt(app));
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: { 'dslOnDuty.extension': ['Enter the extension or phone number in digits, for example 214'], 'dslOnDuty.name': [expect.stringMatching(/name of the person staff should find/)] },
      },
    });
    expect(app.status(personAt(app)).state).toBe('needs_setup');
  });
});

describe('the getting-started list', () => {
  it('ticks each step only once the school has done it', async () => {
    const app = newApp(tempDataDir(), { clock: () => new Date('2026-11-23T10:00:00Z') });
    await call(app, 'setup.create', { school: school('wandsworth'), dsl });
    expect(await call(app, 'setup.progress', {})).toEqual({ dslOnDuty: false, pupils: false, staff: false, contacts: false, termDates: false });

    await call(app, 'settings.update', { version: settingsVersionNow(app), dslOnDuty: { name: 'Ms Patel', extension: '214', whereToFind: '' } });
    await call(app, 'pupils.create', { legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04', yearGroup: '5' });
    await addAccount(app, 'teacher.one', 'staff');
    // Last year's dates do not count: the list wants this school year's.
    await call(app, 'settings.update', { version: settingsVersionNow(app), termDates: [{ schoolYear: 2025, autumn: '2025-09-03', spring: '2026-01-05', summer: '2026-04-20' }] });
    expect(await call(app, 'setup.progress', {})).toEqual({ dslOnDuty: true, pupils: true, staff: true, contacts: false, termDates: false });

    await call(app, 'settings.update', { version: settingsVersionNow(app), termDates: [{ schoolYear: 2026, autumn: '2026-09-02', spring: '2027-01-04', summer: '2027-04-12' }] });
    const { contacts } = await call(app, 'packs.get', { packId: 'wandsworth-early-help-2015' });
    for (const contact of contacts.slice(1)) await call(app, 'packs.updateContact', { packId: 'wandsworth-early-help-2015', contactId: contact.id, verified: true });
    expect((await call(app, 'setup.progress', {})).contacts).toBe(false);
    await call(app, 'packs.updateContact', { packId: 'wandsworth-early-help-2015', contactId: contacts[0]!.id, verified: true });
    expect(await call(app, 'setup.progress', {})).toEqual({ dslOnDuty: true, pupils: true, staff: true, contacts: true, termDates: true });
  });

  it('is not shown to staff', async () => {
    const app = newApp();
    await call(app, 'setup.create', { school: school('wandsworth'), dsl });
    await addAccount(app, 'teacher.one', 'staff', 'teaching', 'temporary password 1');
    await call(app, 'session.signOut', {});
    await call(app, 'session.signIn', { username: 'teacher.one', password: 'temporary password 1' });
    await call(app, 'session.changePassword', { currentPassword: 'temporary password 1', newPassword: 'teacher own password' });
    expect(await dispatch(app, 'setup.progress', {}, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
