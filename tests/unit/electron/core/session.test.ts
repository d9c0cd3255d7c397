import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../electron/core';
import { DATABASE_FILE } from '../../../../electron/core/store';
import { newKdfParams, readKeyring, unwrapWithPassword } from '../../../../electron/core/crypto';
import { DSL_PASSWORD, addAccount, call, cheapKdf, newApp, queryFileAlone, setUpSchool, signInFirstTime, tempDataDir, versionNow, settingsVersionNow, keepRecordsOpen } from './testSchool';
import { personAt } from '../../../fixtures/doors/callers';

describe('first-run setup', () => {
  it('creates the school and the first DSL, signs them in and shows a recovery key once', async () => {
    const app = newApp();
    expect(app.status(personAt(app)).state).toBe('needs_setup');
    const { recoveryKey, user } = await setUpSchool(app);
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
    expect(user).toMatchObject({ username: 'dsl.jones', role: 'dsl', mustChangePassword: false });
    expect(app.status(personAt(app))).toMatchObject({ state: 'signed_in', school: { name: 'Oakfield Primary School', urn: '123456' }, recoveryKeyConfirmed: false });
    await call(app, 'setup.confirmRecoveryKey', { confirmed: true });
    expect(app.status(personAt(app)).recoveryKeyConfirmed).toBe(true);
    const again = await dispatch(app, 'setup.create', { school: { name: 'Another', urn: '654321', localAuthority: 'other' }, dsl: { username: 'intruder', displayName: 'X', password: 'another long password' } }, personAt(app));
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    app.close();
  });

  it('keeps what was typed out of the store when setup input is invalid, and says which field is wrong', async () => {
    const app = newApp();
    const result = await dispatch(app, 'setup.create', { school: { name: 'Oakfield', urn: '12', localAuthority: 'worcestershire' }, dsl: { username: 'dsl', displayName: 'Priya', password: 'short' } }, personAt(app));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(Object.keys(result.error.fields ?? {})).toEqual(expect.arrayContaining(['school.urn', 'dsl.password']));
    expect(app.status(personAt(app)).state).toBe('needs_setup');
  });
});

describe('signing in, locking and signing out', () => {
  it('locks by closing the store and wiping the key; only the same person’s password unlocks', async () => {
    const dataDir = tempDataDir();
    const app = newApp(dataDir);
    await setUpSchool(app);
    await call(app, 'session.lock', {});
    expect(app.status(personAt(app))).toMatchObject({ state: 'locked', user: { username: 'dsl.jones' } });
    expect(app.current(personAt(app))).toBeNull();
    expect(await dispatch(app, 'accounts.list', {}, personAt(app))).toMatchObject({ ok: false, error: { code: 'locked' } });
    const refused = await dispatch(app, 'session.unlock', { password: 'not the password' }, personAt(app));
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthenticated', fields: { password: ['That password is not right'] } } });
    // The lock screen has only a password field: its refusal must not send the person looking for a username.
    if (!refused.ok) expect(refused.error.message).not.toMatch(/username/i);
    await call(app, 'session.unlock', { password: DSL_PASSWORD });
    expect(app.status(personAt(app)).state).toBe('signed_in');
    await call(app, 'session.signOut', {});
    expect(app.status(personAt(app))).toMatchObject({ state: 'signed_out', user: null });
  });

  it('answers a wrong password and an unknown username with the same words, and slows both down alike', async () => {
    const app = newApp();
    await setUpSchool(app);
    await call(app, 'session.signOut', {});
    const wrongPassword = await dispatch(app, 'session.signIn', { username: 'dsl.jones', password: 'wrong password' }, personAt(app));
    const unknownUser = await dispatch(app, 'session.signIn', { username: 'no.such.person', password: 'wrong password' }, personAt(app));
    expect(wrongPassword.ok || unknownUser.ok).toBe(false);
    if (wrongPassword.ok || unknownUser.ok) return;
    expect(unknownUser.error).toEqual(wrongPassword.error);

    for (const username of ['dsl.jones', 'no.such.person']) {
      for (let attempt = 0; attempt < 2; attempt += 1) await dispatch(app, 'session.signIn', { username, password: 'wrong password' }, personAt(app));
      const throttled = await dispatch(app, 'session.signIn', { username, password: 'wrong password' }, personAt(app));
      expect(throttled).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      if (!throttled.ok) expect(Date.parse(throttled.error.retryAt!)).toBeGreaterThan(Date.now());
    }
    // Even the right password waits out the delay: otherwise the delay would not slow a guesser.
    expect(await dispatch(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, personAt(app))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('remembers the delay across a restart of the app', async () => {
    const dataDir = tempDataDir();
    const first = newApp(dataDir);
    await setUpSchool(first);
    first.close();
    for (let attempt = 0; attempt < 3; attempt += 1) await dispatch(first, 'session.signIn', { username: 'dsl.jones', password: 'wrong password' }, personAt(first));
    const restarted = newApp(dataDir);
    expect(await dispatch(restarted, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, personAt(restarted))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('locks by itself after the idle period, and not before', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const app = newApp(tempDataDir(), { clock: () => now });
    await setUpSchool(app);
    now = new Date('2026-11-23T09:04:00Z');
    expect(app.lockIdleSessions()).toBe(0);
    await call(app, 'system.noop', {});
    now = new Date('2026-11-23T09:08:59Z');
    expect(app.lockIdleSessions()).toBe(0);
    now = new Date('2026-11-23T09:09:01Z');
    expect(app.lockIdleSessions()).toBe(1);
    expect(app.status(personAt(app)).state).toBe('locked');
  });

  it('uses the idle period set in settings', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const app = newApp(tempDataDir(), { clock: () => now });
    await setUpSchool(app);
    await call(app, 'settings.update', { version: settingsVersionNow(app), idleLockMinutes: 2 });
    now = new Date('2026-11-23T09:02:01Z');
    expect(app.lockIdleSessions()).toBe(1);
    await call(app, 'session.unlock', { password: DSL_PASSWORD });
    expect(app.status(personAt(app)).idleLockMinutes).toBe(2);
  });
});

describe('passwords', () => {
  it('re-wraps the key on a password change: the old password stops working, the new one works', async () => {
    const app = newApp();
    await setUpSchool(app);
    await call(app, 'session.changePassword', { currentPassword: DSL_PASSWORD, newPassword: 'a brand new long password' });
    await call(app, 'session.signOut', {});
    expect(await dispatch(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, personAt(app))).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await call(app, 'session.signIn', { username: 'dsl.jones', password: 'a brand new long password' });
  });

  it('makes a new account change its temporary password before doing anything else', async () => {
    const app = newApp();
    await setUpSchool(app);
    await keepRecordsOpen(app);
    await addAccount(app, 'ta.smith', 'staff', 'support', 'temporary password 1');
    await call(app, 'session.signOut', {});
    const user = await call(app, 'session.signIn', { username: 'ta.smith', password: 'temporary password 1' });
    expect(user.mustChangePassword).toBe(true);
    expect(await dispatch(app, 'system.noop', {}, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Choose a new password first.' } });
    await call(app, 'session.changePassword', { currentPassword: 'temporary password 1', newPassword: 'my own long password' });
    await call(app, 'system.noop', {});
  });

  it('lets nobody sign in to a disabled account', async () => {
    const app = newApp();
    await setUpSchool(app);
    const account = await addAccount(app, 'left.school', 'staff');
    await call(app, 'accounts.disable', { userId: account.id, version: versionNow(app, 'account', account.id), reason: 'Left the school in July' });
    await call(app, 'session.signOut', {});
    expect(await dispatch(app, 'session.signIn', { username: 'left.school', password: 'temporary password 1' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

describe('password resets need authority', () => {
  async function schoolWithAdmin() {
    const app = newApp();
    const { recoveryKey } = await setUpSchool(app);
    await addAccount(app, 'it.lead', 'admin', 'office', 'temporary password 1');
    const teacher = await addAccount(app, 'teacher.one', 'staff', 'teaching', 'temporary password 2');
    await call(app, 'session.signOut', {});
    await signInFirstTime(app, 'it.lead', 'temporary password 1', 'admin own password');
    return { app, recoveryKey, teacher };
  }

  it('refuses an administrator’s reset without the recovery key or another DSL', async () => {
    const { app, teacher } = await schoolWithAdmin();
    const forged = await dispatch(app, 'accounts.resetPassword', { userId: teacher.id, temporaryPassword: 'attacker chosen pw', authority: { kind: 'recovery_key', recoveryKey: 'ABCD-'.repeat(12) + 'ABCD' } }, personAt(app));
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const notADsl = await dispatch(app, 'accounts.resetPassword', { userId: teacher.id, temporaryPassword: 'attacker chosen pw', authority: { kind: 'dsl', username: 'it.lead', password: 'admin own password' } }, personAt(app));
    expect(notADsl).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrongDslPassword = await dispatch(app, 'accounts.resetPassword', { userId: teacher.id, temporaryPassword: 'attacker chosen pw', authority: { kind: 'dsl', username: 'dsl.jones', password: 'guessed password' } }, personAt(app));
    expect(wrongDslPassword).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await call(app, 'session.signOut', {});
    expect(await dispatch(app, 'session.signIn', { username: 'teacher.one', password: 'attacker chosen pw' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // The teacher's own password is untouched.
    expect((await call(app, 'session.signIn', { username: 'teacher.one', password: 'temporary password 2' })).username).toBe('teacher.one');
  });

  it('resets with the recovery key, or with another DSL’s password, to a temporary password that must be changed', async () => {
    const { app, recoveryKey, teacher } = await schoolWithAdmin();
    await call(app, 'accounts.resetPassword', { userId: teacher.id, temporaryPassword: 'reset by recovery', authority: { kind: 'recovery_key', recoveryKey } });
    await call(app, 'accounts.resetPassword', { userId: teacher.id, temporaryPassword: 'reset by the dsl', authority: { kind: 'dsl', username: 'dsl.jones', password: DSL_PASSWORD } });
    await call(app, 'session.signOut', {});
    expect(await dispatch(app, 'session.signIn', { username: 'teacher.one', password: 'reset by recovery' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const user = await call(app, 'session.signIn', { username: 'teacher.one', password: 'reset by the dsl' });
    expect(user.mustChangePassword).toBe(true);
  });

  it('does not let an administrator create a DSL account for themselves to read children’s records', async () => {
    const { app } = await schoolWithAdmin();
    const result = await dispatch(app, 'accounts.create', { username: 'shadow.dsl', displayName: 'Shadow', role: 'dsl', staffGroup: 'office', temporaryPassword: 'temporary password 9' }, personAt(app));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('folding saves into the database file', () => {
  it('brings the database file up to date in the background after a save, and leaves no log once locked', async () => {
    const dataDir = tempDataDir();
    const app = newApp(dataDir);
    await setUpSchool(app);
    const pupil = await call(app, 'pupils.create', { legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04' });
    const { dataKey } = (await unwrapWithPassword(readKeyring(dataDir)!, 'dsl.jones', DSL_PASSWORD, newKdfParams(cheapKdf)))!;
    const databaseFile = path.join(dataDir, DATABASE_FILE);
    const concernsInFileAlone = () => queryFileAlone(databaseFile, dataKey, 'SELECT count(*) FROM concerns');

    await call(app, 'concerns.submit', { pupils: [{ pupilId: pupil.id, part: 'subject' }], occurredDate: new Date().toISOString().slice(0, 10), occurredTime: '00:00', whatHappened: 'Arrived hungry again.' });
    // Nothing else is asked of the app: the worker folds the save (in the encrypted log) into the file by itself.
    await expect.poll(concernsInFileAlone, { timeout: 10_000 }).toBe(1);

    await call(app, 'session.lock', {});
    // Every connection has closed (the background one first), so the last close folded the log in and removed it.
    expect(fs.existsSync(`${databaseFile}-wal`)).toBe(false);
    await call(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect((await call(app, 'queue.concerns', { tab: 'all', sort: 'newest', limit: 10 })).total).toBe(1);
    app.close();
  });
});
