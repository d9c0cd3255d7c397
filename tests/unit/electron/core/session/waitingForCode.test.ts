// A right password whose code has not come is not a sign-in (decision 0021's addendum): the active sessions page says
// so, it keeps no records open for staff or anyone else beyond its few minutes, it is not the reader the sealed intake
// waits for, and it ends by itself however many codes it tries. Real dispatch, real encrypted store, a test clock.
import { describe, expect, it } from 'vitest';
import { dispatch, type Caller, type SafeguardingApp } from '../../../../../electron/core';
import { WAITING_FOR_CODE_MINUTES } from '../../../../../electron/core/app/sessionRegistry';
import { codeAt } from '../../../../../electron/core/secondFactor';
import type { CommandInput } from '../../../../../shared/api';
import { nextCode } from '../../../../fixtures/doors/authenticator';
import { newCaller } from '../../../../fixtures/doors/callers';
import { as } from '../../../../fixtures/doors/as';
import { DSL_PASSWORD, addAccount, call, newApp, setUpSchool, signInFirstTime, tempDataDir } from '../testSchool';

const DEPUTY_PASSWORD = 'deputy own password';
const STAFF_PASSWORD = 'dinner hall rota seven';

/** A school with a DSL and a deputy (both with authenticators) and a midday supervisor; nobody signed in. */
async function school() {
  let now = new Date('2026-11-23T08:00:00Z');
  const app = newApp(tempDataDir(), { clock: () => now, idleSweep: false });
  await setUpSchool(app);
  const pupil = await call(app, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H' });
  const deputy = await addAccount(app, 'dsl.ahmed', 'dsl', 'leadership', 'temporary password 2');
  await addAccount(app, 'm.lunchtime', 'staff', 'midday', 'temporary password 1');
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'dsl.ahmed', 'temporary password 2', DEPUTY_PASSWORD);
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'm.lunchtime', 'temporary password 1', STAFF_PASSWORD);
  await call(app, 'session.signOut', {});
  expect(app.store, 'nobody signed in: the records are closed').toBeNull();
  return {
    app,
    pupil,
    deputy,
    minutesPass: (minutes: number) => {
      now = new Date(now.getTime() + minutes * 60_000);
    },
  };
}

/** The deputy's password typed on some computer, and nothing more. */
async function passwordOnly(app: SafeguardingApp, address = '10.0.0.66'): Promise<Caller> {
  const caller = newCaller('https', address);
  const result = await dispatch(app, 'session.signIn', { username: 'dsl.ahmed', password: DEPUTY_PASSWORD }, caller);
  expect(result.ok).toBe(true);
  expect(app.status(caller).state).toBe('needs_code');
  return caller;
}

const concernAbout = (pupilId: string): CommandInput<'concerns.submit'> => ({
  pupils: [{ pupilId, part: 'subject' }],
  occurredDate: '2026-11-23',
  occurredTime: '07:45',
  location: 'Breakfast club',
  whatHappened: 'Amy flinched when I reached past her for a tray and said she was scared of getting told off at home.',
  childWords: 'Dad gets really angry.',
  categories: ['physical-abuse'],
});

describe('a password waiting for its code', () => {
  it('is listed on the active sessions page as waiting for a code, and as active only once the code is given', async () => {
    const { app, deputy } = await school();
    const dsl = newCaller('https', '10.0.0.21');
    await as(app, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    const waiting = await passwordOnly(app);

    const listed = await as(app, dsl, 'sessions.list', {});
    expect(listed.find((row) => row.userId === deputy.id)).toMatchObject({ state: 'waiting_for_code', address: '10.0.0.66' });
    expect(listed.find((row) => row.username === 'dsl.jones')).toMatchObject({ state: 'active' });

    await as(app, waiting, 'session.verifyCode', { code: nextCode(app, deputy.id)! });
    expect((await as(app, dsl, 'sessions.list', {})).find((row) => row.userId === deputy.id)).toMatchObject({ state: 'active' });
  });

  it('ends by itself after a few minutes however many codes it tries, and the records it opened close with it', async () => {
    const { app, deputy, minutesPass } = await school();
    const thief = await passwordOnly(app);
    expect(app.store, 'the password opens the store: the code is checked in it').not.toBeNull();
    const secret = app.store!.prepare('SELECT secret FROM account_second_factor WHERE user_id = ?').pluck().get(deputy.id) as string;

    // A wrong code each minute: activity that would postpone an idle lock does not postpone this.
    for (let minute = 1; minute < WAITING_FOR_CODE_MINUTES; minute++) {
      minutesPass(1);
      const tried = await dispatch(app, 'session.verifyCode', { code: nextCode(app, deputy.id) === '123456' ? '654321' : '123456' }, thief);
      expect(tried.ok).toBe(false);
      app.lockIdleSessions();
      expect(app.store, `still waiting at minute ${minute}`).not.toBeNull();
    }
    minutesPass(1);
    app.lockIdleSessions();
    expect(app.store, 'nobody gave a code: the key leaves memory').toBeNull();
    expect(app.status(thief).state).toBe('signed_out');
    // The right code now comes too late: the password must be typed again.
    expect(await dispatch(app, 'session.verifyCode', { code: codeAt(secret, app.clock()) }, thief)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('does not hold open records that only it opened, even while a member of staff is at work', async () => {
    const { app, minutesPass } = await school();
    const staff = newCaller('https', '10.0.0.40');
    await as(app, staff, 'session.signIn', { username: 'm.lunchtime', password: STAFF_PASSWORD });
    expect(app.store, 'a staff password opens nothing').toBeNull();

    await passwordOnly(app);
    expect(app.store).not.toBeNull();
    minutesPass(WAITING_FOR_CODE_MINUTES);
    await as(app, staff, 'system.noop', {});
    app.lockIdleSessions();
    expect(app.store, 'the member of staff is at work, but no reader ever was').toBeNull();
    expect(app.status(staff)).toMatchObject({ state: 'signed_in', records: 'locked' });
  });

  it('stays only a password when it locks and unlocks again: staff at work still do not keep the records open for it', async () => {
    const { app, minutesPass } = await school();
    const staff = newCaller('https', '10.0.0.40');
    await as(app, staff, 'session.signIn', { username: 'm.lunchtime', password: STAFF_PASSWORD });
    const thief = await passwordOnly(app);
    await as(app, thief, 'session.lock', {});
    expect(app.store, 'locked, it waits for nothing: the records close').toBeNull();
    await as(app, thief, 'session.unlock', { password: DEPUTY_PASSWORD });
    expect(app.status(thief).state).toBe('needs_code');
    minutesPass(WAITING_FOR_CODE_MINUTES);
    await as(app, staff, 'system.noop', {});
    app.lockIdleSessions();
    expect(app.store).toBeNull();
  });

  it('does not keep the records open after the last reader at work locks, beyond its own few minutes', async () => {
    const { app, minutesPass } = await school();
    const dsl = newCaller('https', '10.0.0.21');
    await as(app, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    await passwordOnly(app);
    await as(app, dsl, 'session.lock', {});
    // Open for the code alone, and only for its minutes: the locked DSL keeps nothing open.
    expect(app.store).not.toBeNull();
    minutesPass(WAITING_FOR_CODE_MINUTES);
    app.lockIdleSessions();
    expect(app.store).toBeNull();
  });

  it('is not the reader the sealed intake waits for: what staff submitted is stored once the code is given', async () => {
    const { app, pupil, deputy } = await school();
    const staff = newCaller('https', '10.0.0.40');
    await as(app, staff, 'session.signIn', { username: 'm.lunchtime', password: STAFF_PASSWORD });
    expect(await as(app, staff, 'concerns.submit', concernAbout(pupil.id))).toMatchObject({ delivery: 'sealed' });

    const deputyDesk = await passwordOnly(app, '10.0.0.22');
    const stored = () => app.store!.prepare('SELECT count(*) FROM concerns').pluck().get() as number;
    expect(stored(), 'a password alone ingests nothing').toBe(0);
    expect(app.status(deputyDesk).intakeNotice ?? null).toBeNull();

    await as(app, deputyDesk, 'session.verifyCode', { code: nextCode(app, deputy.id)! });
    expect(stored()).toBe(1);
    expect(app.status(deputyDesk)).toMatchObject({ state: 'signed_in', intakeNotice: { arrived: 1 } });
  });
});
