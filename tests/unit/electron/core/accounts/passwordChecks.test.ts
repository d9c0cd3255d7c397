// Every place a password or the recovery key is checked goes through one throttled, audited check. Each test is the
// attack: wrong guesses through that door, then the right secret before and after the delay.
import { describe, expect, it } from 'vitest';
import { dispatch, type SafeguardingApp } from '../../../../../electron/core';
import { DSL_PASSWORD, addAccount, call, newApp, setUpSchool, signInFirstTime, tempDataDir } from '../testSchool';
import { personAt } from '../../../../fixtures/doors/callers';

const ADMIN_PASSWORD = 'admin own password';

function appWithClock() {
  const clock = { now: new Date('2026-11-23T09:00:00Z') };
  const app = newApp(tempDataDir(), { clock: () => clock.now });
  /** Moves the app's clock on, as the person waiting out the delay would. */
  const wait = (seconds: number) => {
    clock.now = new Date(clock.now.getTime() + seconds * 1000);
  };
  return { app, wait };
}

const deniedRows = (app: SafeguardingApp, command: string) =>
  app.store!.prepare("SELECT user_id AS userId, record_ids AS recordIds FROM audit_log WHERE command = ? AND outcome = 'denied' ORDER BY seq").all(command) as Array<{ userId: string | null; recordIds: string }>;

async function guess(app: SafeguardingApp, times: number, attempt: () => Promise<{ ok: boolean; error?: { code: string } }>) {
  const codes: string[] = [];
  for (let index = 0; index < times; index += 1) {
    const result = await attempt();
    codes.push(result.ok ? 'ok' : result.error!.code);
  }
  return codes;
}

async function schoolWithAdminSignedIn() {
  const { app, wait } = appWithClock();
  const { recoveryKey, user: dsl } = await setUpSchool(app);
  await addAccount(app, 'it.lead', 'admin', 'office', 'temporary password 1');
  const teacher = await addAccount(app, 'teacher.one', 'staff', 'teaching', 'temporary password 2');
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'it.lead', 'temporary password 1', ADMIN_PASSWORD);
  return { app, wait, recoveryKey, dsl, teacher };
}

describe('one throttled, audited password check', () => {
  it('slows an administrator guessing a DSL’s password through a reset, audits every guess, and counts them against the DSL’s sign-in', async () => {
    const { app, wait, dsl, teacher } = await schoolWithAdminSignedIn();
    const admin = app.current(personAt(app))!.session.user;
    const reset = (password: string) =>
      dispatch(app, 'accounts.resetPassword', { userId: teacher.id, temporaryPassword: 'attacker chosen pw', authority: { kind: 'dsl', username: 'dsl.jones', password } }, personAt(app));

    const codes = await guess(app, 20, () => reset('guessed password'));
    expect(codes.slice(0, 3)).toEqual(['forbidden', 'forbidden', 'forbidden']);
    expect(new Set(codes.slice(3))).toEqual(new Set(['rate_limited']));
    // Even the right password waits out the delay.
    expect(await reset(DSL_PASSWORD)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    const rows = deniedRows(app, 'accounts.resetPassword');
    expect(rows).toHaveLength(21);
    expect(rows.every((row) => row.userId === admin.id && JSON.parse(row.recordIds).includes(`authority:dsl ${dsl.id}`))).toBe(true);

    // The same count slows the DSL's own sign-in: the guesser gains nothing by switching doors.
    expect(await dispatch(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, personAt(app))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });

    wait(16);
    expect(await reset(DSL_PASSWORD)).toMatchObject({ ok: true });
  });

  it('counts guesses sent all at once, so firing them together does not slip past the delay', async () => {
    const { app, teacher } = await schoolWithAdminSignedIn();
    const guesses = Array.from({ length: 12 }, (_, index) =>
      dispatch(app, 'accounts.resetPassword', { userId: teacher.id, temporaryPassword: 'attacker chosen pw', authority: { kind: 'dsl', username: 'dsl.jones', password: `guess number ${index}` } }, personAt(app)),
    );
    const codes = (await Promise.all(guesses)).map((result) => (result.ok ? 'ok' : result.error.code));
    expect(codes.filter((code) => code === 'forbidden')).toHaveLength(3);
    expect(codes.filter((code) => code === 'rate_limited')).toHaveLength(9);
    expect(deniedRows(app, 'accounts.resetPassword')).toHaveLength(12);
  });

  it('slows and audits wrong guesses at sign-in, and lets the right password in after the delay', async () => {
    const { app, wait } = appWithClock();
    await setUpSchool(app);
    await call(app, 'session.signOut', {});
    const signIn = (username: string, password: string) => dispatch(app, 'session.signIn', { username, password }, personAt(app));

    expect(await guess(app, 5, () => signIn('dsl.jones', 'guessed password'))).toEqual(['unauthenticated', 'unauthenticated', 'unauthenticated', 'rate_limited', 'rate_limited']);
    expect(await guess(app, 2, () => signIn('no.such.person', 'guessed password'))).toEqual(['unauthenticated', 'unauthenticated']);
    expect(await signIn('dsl.jones', DSL_PASSWORD)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    wait(16);
    await call(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    // Tried while the store was closed, the guesses are written into the audit log by the next sign-in.
    const rows = deniedRows(app, 'session.signIn');
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((row) => row.recordIds)).size).toBe(2);
  });

  it('slows and audits wrong passwords at the lock screen', async () => {
    const { app, wait } = appWithClock();
    await setUpSchool(app);
    await call(app, 'session.lock', {});
    const unlock = (password: string) => dispatch(app, 'session.unlock', { password }, personAt(app));
    expect(await guess(app, 4, () => unlock('guessed password'))).toEqual(['unauthenticated', 'unauthenticated', 'unauthenticated', 'rate_limited']);
    expect(await unlock(DSL_PASSWORD)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(app.status(personAt(app))).toMatchObject({ state: 'locked', user: { username: 'dsl.jones' } });
    wait(16);
    await call(app, 'session.unlock', { password: DSL_PASSWORD });
    expect(deniedRows(app, 'session.unlock')).toHaveLength(5);
  });

  it('slows and audits wrong current passwords when someone at an unlocked screen tries to change the password', async () => {
    const { app, wait } = appWithClock();
    const { user } = await setUpSchool(app);
    const change = (currentPassword: string) => dispatch(app, 'session.changePassword', { currentPassword, newPassword: 'taken over the account' }, personAt(app));
    const codes = await guess(app, 4, () => change('guessed password'));
    expect(codes).toEqual(['invalid_input', 'invalid_input', 'invalid_input', 'rate_limited']);
    expect(await change(DSL_PASSWORD)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    const rows = deniedRows(app, 'session.changePassword');
    expect(rows).toHaveLength(5);
    expect(rows.every((row) => row.userId === user.id)).toBe(true);
    wait(16);
    expect(await change(DSL_PASSWORD)).toMatchObject({ ok: true });
  });

  it('slows and audits wrong recovery keys offered for a reset', async () => {
    const { app, wait, recoveryKey, teacher } = await schoolWithAdminSignedIn();
    const reset = (key: string) => dispatch(app, 'accounts.resetPassword', { userId: teacher.id, temporaryPassword: 'reset by recovery', authority: { kind: 'recovery_key', recoveryKey: key } }, personAt(app));
    const codes = await guess(app, 4, () => reset('ABCD-'.repeat(12) + 'ABCD'));
    expect(codes).toEqual(['forbidden', 'forbidden', 'forbidden', 'rate_limited']);
    expect(await reset(recoveryKey)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(deniedRows(app, 'accounts.resetPassword')).toHaveLength(5);
    wait(16);
    expect(await reset(recoveryKey)).toMatchObject({ ok: true });
  });
});

describe('a failed sign-in', () => {
  it('leaves the person already signed in signed in, with their store open', async () => {
    const app = newApp();
    await setUpSchool(app);
    await addAccount(app, 'ta.smith', 'staff', 'support');
    expect(await dispatch(app, 'session.signIn', { username: 'ta.smith', password: 'guessed password' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(app.status(personAt(app))).toMatchObject({ state: 'signed_in', user: { username: 'dsl.jones' } });
    await call(app, 'accounts.list', {});
    expect(deniedRows(app, 'session.signIn')).toHaveLength(1);
  });

  it('leaves a locked screen locked for the same person', async () => {
    const app = newApp();
    await setUpSchool(app);
    await call(app, 'session.lock', {});
    expect(await dispatch(app, 'session.signIn', { username: 'someone.else', password: 'guessed password' }, personAt(app))).toMatchObject({ ok: false });
    expect(app.status(personAt(app))).toMatchObject({ state: 'locked', user: { username: 'dsl.jones' } });
    await call(app, 'session.unlock', { password: DSL_PASSWORD });
  });

  it('still ends the previous session when the new person’s password is right', async () => {
    const app = newApp();
    await setUpSchool(app);
    await addAccount(app, 'ta.smith', 'staff', 'support', 'temporary password 1');
    await call(app, 'session.signIn', { username: 'ta.smith', password: 'temporary password 1' });
    expect(app.status(personAt(app))).toMatchObject({ state: 'signed_in', user: { username: 'ta.smith' } });
  });
});
