// Unlock at start (decision 0027) against the operating system's real protected storage — on Linux the Secret Service
// of Debian's gnome-keyring on a private bus — and a real encrypted store: a hub that opens itself after a restart, one
// that cannot (and says so), who may turn it on, and what a copy of the folder is worth without this account's storage.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Entry } from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type SafeguardingApp } from '../../../../electron/core';
import { PROTECTED_STORAGE_SERVICE } from '../../../../electron/core/app/protectedStorage';
import { deriveKeyFromPassword, readKeyring, unwrapDataKey, unwrapWithMachineSecret, type Keyring } from '../../../../electron/core/crypto';
import { readStaffVerifiers } from '../../../../electron/core/intake';
import { databasePath } from '../../../../electron/core/store';
import type { CommandInput } from '../../../../shared/api';
import { as } from '../../../fixtures/doors/as';
import { newCaller, personAt } from '../../../fixtures/doors/callers';
import { startSecretService, type SecretService } from '../../../fixtures/protectedStorage/secretService';
import { DSL_PASSWORD, addAccount, call, newApp, setUpSchool, signInFirstTime, tempDataDir } from './testSchool';
import { keyOpensStore } from '../../../fixtures/store/keyOpens';

const STAFF_PASSWORD = 'dinner hall rota seven';
const HEAD_PASSWORD = 'head own long password';
const ADMIN_PASSWORD = 'admin own long password';

let secretService: SecretService;

beforeAll(async () => {
  secretService = await startSecretService();
}, 30_000);
afterAll(() => secretService?.stop());

function capturingLog() {
  const lines: string[] = [];
  return {
    lines,
    log: {
      error: (context: string, error: unknown) => (lines.push(`${context}: ${error instanceof Error ? error.message : String(error)}`), 'ref'),
      info: (context: string, message: string) => void lines.push(`${context}: ${message}`),
    },
  };
}

const concernAbout = (pupilId: string): CommandInput<'concerns.submit'> => ({
  pupils: [{ pupilId, part: 'subject' }],
  occurredDate: '2026-11-23',
  occurredTime: '12:30',
  location: 'Dinner hall',
  whatHappened: 'Amy said she is scared to go home tonight because of what happened at the weekend.',
  childWords: 'I do not want to go home.',
  categories: ['physical-abuse'],
  immediateDanger: true,
  spokenToDslInPerson: 'yes',
});

/** A school on the hub: the DSL (second factor enrolled), a pupil, a member of staff, a head and an administrator. */
async function schoolOnHub() {
  const dataDir = tempDataDir();
  let now = new Date('2026-11-23T08:00:00Z');
  const clock = () => now;
  const hub = newApp(dataDir, { clock, hub: true });
  await setUpSchool(hub);
  const amy = await call(hub, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H' });
  const staff = await addAccount(hub, 'm.lunchtime', 'staff', 'midday', 'temporary password 1');
  await addAccount(hub, 'head.teacher', 'head', 'leadership', 'temporary password 2');
  await addAccount(hub, 'it.lead', 'admin', 'office', 'temporary password 3');
  await call(hub, 'session.signOut', {});
  await signInFirstTime(hub, 'm.lunchtime', 'temporary password 1', STAFF_PASSWORD);
  await call(hub, 'session.signOut', {});
  await signInFirstTime(hub, 'head.teacher', 'temporary password 2', HEAD_PASSWORD);
  await call(hub, 'session.signOut', {});
  await signInFirstTime(hub, 'it.lead', 'temporary password 3', ADMIN_PASSWORD);
  await call(hub, 'session.signOut', {});
  await call(hub, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
  const installId = readKeyring(dataDir)!.installId;
  return { dataDir, hub, amy, staff, installId, clock, setNow: (next: Date) => (now = next) };
}

/** The hub process ends (a power cut, an update) and starts again on the same folder. */
function restart(previous: SafeguardingApp, dataDir: string, options: Parameters<typeof newApp>[1] = {}) {
  previous.close();
  const { lines, log } = capturingLog();
  const hub = newApp(dataDir, { hub: true, log, ...options });
  const startedWith = hub.openAtStart();
  return { hub, startedWith, logged: lines };
}

const auditRows = (app: SafeguardingApp, command: string) =>
  app.store!.prepare('SELECT user_id AS userId, role, door, outcome FROM audit_log WHERE command = ? ORDER BY seq').all(command) as Array<{ userId: string | null; role: string | null; door: string; outcome: string }>;

describe.skipIf(process.platform !== 'linux')('unlock at start from the Secret Service (the real one: gnome-keyring on a private bus)', () => {
  it('is off by default: a restarted hub is locked, and nothing is kept in protected storage', async () => {
    const { hub, dataDir, installId } = await schoolOnHub();
    expect(await call(hub, 'settings.unlockAtStartState', {})).toMatchObject({ on: false, turnedOnAt: null, lastFailure: null, hub: true });
    const restarted = restart(hub, dataDir);
    expect(restarted.startedWith).toEqual({ opened: false, reason: null });
    expect(restarted.hub.store).toBeNull();
    expect(secretService.entry(installId).getSecret()).toBeNull();
    expect(readKeyring(dataDir)!.machine).toBeUndefined();
  });

  it('once a DSL turns it on, a restarted hub opens the records with nobody signed in and stores the waiting concern', async () => {
    const { hub, dataDir, amy, staff, installId, clock, setNow } = await schoolOnHub();
    const turnedOn = await call(hub, 'settings.unlockAtStart', { on: true });
    expect(turnedOn).toMatchObject({ on: true, turnedOnAt: '2026-11-23T08:00:00.000Z', hub: true });
    const secret = secretService.entry(installId).getSecret();
    expect(secret, 'a secret is kept in the Secret Service under the store’s id').not.toBeNull();
    expect(secret).toHaveLength(32);
    expect(auditRows(hub, 'settings.unlockAtStart')).toEqual([expect.objectContaining({ role: 'dsl', outcome: 'ok' })]);
    // The keyring file holds no names: the account in protected storage is the store's id.
    expect(readKeyring(dataDir)!.machine).toMatchObject({ account: installId });

    // Overnight the hub is down; the next morning it runs without anyone's sign-in for a while, locked in between:
    // a member of staff logs a concern on a hub whose records are locked, so it waits sealed in the queue.
    hub.close();
    const locked = newApp(dataDir, { clock });
    setNow(new Date('2026-11-24T07:50:00Z'));
    const lunchtime = newCaller('test', '192.0.2.41');
    await as(locked, lunchtime, 'session.signIn', { username: 'm.lunchtime', password: STAFF_PASSWORD });
    expect(await as(locked, lunchtime, 'concerns.submit', concernAbout(amy.id))).toMatchObject({ delivery: 'sealed' });

    // The power comes back and the hub starts again, with the Secret Service restarted as after a reboot.
    await secretService.restart();
    setNow(new Date('2026-11-24T08:00:00Z'));
    const { hub: restarted, startedWith, logged } = restart(locked, dataDir, { clock });
    expect(startedWith).toEqual({ opened: true, arrived: 1, immediateDanger: 1 });
    expect(restarted.store, 'open with nobody signed in').not.toBeNull();
    expect(restarted.sessions.all()).toEqual([]);
    const stored = restarted.store!.prepare('SELECT author_id AS authorId, recorded_at AS recordedAt FROM concerns').all();
    expect(stored).toEqual([{ authorId: staff.id, recordedAt: '2026-11-24T07:50:00.000Z' }]);
    expect(auditRows(restarted, 'hub.openedAtStart')).toEqual([{ userId: null, role: null, door: 'hub', outcome: 'ok' }]);
    expect(logged.join('\n')).toMatch(/Opened the records at start from this computer's protected storage/);

    // The records stay open while the hub runs, even when the last person leaves (decision 0027).
    const dinner = newCaller();
    await as(restarted, dinner, 'session.signIn', { username: 'm.lunchtime', password: STAFF_PASSWORD });
    await as(restarted, dinner, 'session.signOut', {});
    expect(restarted.store).not.toBeNull();

    // The first DSL to sign in is told what arrived while the records were locked, immediate danger first.
    const dsl = newCaller();
    await as(restarted, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect(restarted.status(dsl).intakeNotice).toMatchObject({ arrived: 1, immediateDanger: 1 });
  });

  it('when the Secret Service has lost the entry, starts locked, turns itself off, tells the first DSL, and the DSL’s password still opens', async () => {
    const { hub, dataDir, installId, clock, setNow } = await schoolOnHub();
    await call(hub, 'settings.unlockAtStart', { on: true });
    // A rebuilt profile, or the folder moved to another computer: the entry is gone behind the app's back.
    expect(secretService.entry(installId).deleteCredential()).toBe(true);
    setNow(new Date('2026-11-24T08:00:00Z'));
    const { hub: restarted, startedWith, logged } = restart(hub, dataDir, { clock });
    expect(startedWith).toMatchObject({ opened: false, reason: expect.stringContaining('has no secret for these records') });
    expect(restarted.store).toBeNull();
    expect(logged.join('\n')).toMatch(/The records were not opened at start: this computer’s protected storage has no secret for these records.*Unlock at start is now off/);
    const keyring = readKeyring(dataDir)!;
    expect(keyring.machine).toBeUndefined();
    const backup = JSON.parse(fs.readFileSync(path.join(dataDir, 'keyring.json.bak'), 'utf8')) as Keyring;
    expect(backup.machine, 'nor in the keyring’s backup copy').toBeUndefined();

    // A member of staff is not told; the first DSL is, once; the DSL's password opens the records as always.
    const staff = newCaller();
    await as(restarted, staff, 'session.signIn', { username: 'm.lunchtime', password: STAFF_PASSWORD });
    expect(restarted.status(staff).unlockAtStartFailed ?? null).toBeNull();
    // A DSL's password without their authenticator's code learns nothing of it, and does not use up the telling.
    const halfway = newCaller();
    expect(await dispatch(restarted, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, halfway)).toMatchObject({ ok: true });
    expect(restarted.status(halfway)).toMatchObject({ state: 'needs_code', unlockAtStartFailed: null });
    const dsl = newCaller();
    await as(restarted, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect(restarted.store).not.toBeNull();
    expect(restarted.status(dsl).unlockAtStartFailed).toEqual({ at: '2026-11-24T08:00:00.000Z', reason: expect.stringContaining('has no secret') });
    expect(auditRows(restarted, 'hub.openedAtStart')).toEqual([{ userId: null, role: null, door: 'hub', outcome: 'denied' }]);
    const again = newCaller();
    await as(restarted, again, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect(restarted.status(again).unlockAtStartFailed ?? null, 'told once').toBeNull();

    // The settings page reads off, and why.
    const state = await as(restarted, dsl, 'settings.unlockAtStartState', {});
    expect(state).toMatchObject({ on: false, lastFailure: { at: '2026-11-24T08:00:00.000Z' } });
    // Signing out leaves the hub locked again: it is off, so the usual rule closes the records.
    await as(restarted, staff, 'session.signOut', {});
    await as(restarted, dsl, 'session.signOut', {});
    await as(restarted, again, 'session.signOut', {});
    await as(restarted, halfway, 'session.signOut', {});
    expect(restarted.store).toBeNull();
  });

  it('when the Secret Service gives back another secret, starts locked and turns itself off', async () => {
    const { hub, dataDir, installId } = await schoolOnHub();
    await call(hub, 'settings.unlockAtStart', { on: true });
    // Another copy of these records turned it on under the same id on this account: the secret is no longer ours.
    secretService.entry(installId).setSecret(crypto.randomBytes(32));
    const { hub: restarted, startedWith } = restart(hub, dataDir);
    expect(startedWith).toMatchObject({ opened: false, reason: expect.stringContaining('does not open these records') });
    expect(restarted.store).toBeNull();
    expect(readKeyring(dataDir)!.machine).toBeUndefined();
    // The useless entry is cleared too.
    expect(secretService.entry(installId).getSecret()).toBeNull();
  });

  it('turning it off removes the entry from the Secret Service and the slot from the keyring, and the hub starts locked', async () => {
    const { hub, dataDir, installId } = await schoolOnHub();
    await call(hub, 'settings.unlockAtStart', { on: true });
    expect(secretService.entry(installId).getSecret()).not.toBeNull();
    expect(await call(hub, 'settings.unlockAtStart', { on: false })).toMatchObject({ on: false, warning: null });
    expect(secretService.entry(installId).getSecret()).toBeNull();
    expect(readKeyring(dataDir)!.machine).toBeUndefined();
    expect((JSON.parse(fs.readFileSync(path.join(dataDir, 'keyring.json.bak'), 'utf8')) as Keyring).machine).toBeUndefined();
    const { hub: restarted, startedWith } = restart(hub, dataDir);
    expect(startedWith).toEqual({ opened: false, reason: null });
    expect(restarted.store).toBeNull();
  });

  it('refuses a member of staff, the head, an administrator, and a DSL who has not given their code', async () => {
    const { hub, dataDir, installId } = await schoolOnHub();
    await call(hub, 'session.signOut', {});
    // Each signs in at their own computer (the DSL at another keeps the records open) and asks for it.
    const desk = newCaller();
    await as(hub, desk, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    for (const [username, password] of [
      ['m.lunchtime', STAFF_PASSWORD],
      ['head.teacher', HEAD_PASSWORD],
      ['it.lead', ADMIN_PASSWORD],
    ] as const) {
      const caller = newCaller();
      await as(hub, caller, 'session.signIn', { username, password });
      expect(await dispatch(hub, 'settings.unlockAtStart', { on: true }, caller), username).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // A DSL's password without the code from their authenticator: the step before the code allows nothing else.
    const halfway = newCaller();
    expect(await dispatch(hub, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, halfway)).toMatchObject({ ok: true });
    expect(hub.status(halfway).state).toBe('needs_code');
    expect(await dispatch(hub, 'settings.unlockAtStart', { on: true }, halfway)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect(secretService.entry(installId).getSecret()).toBeNull();
    expect(readKeyring(dataDir)!.machine).toBeUndefined();
    const refusals = auditRows(hub, 'settings.unlockAtStart');
    expect(refusals.map((row) => [row.role, row.outcome])).toEqual([
      ['staff', 'forbidden'],
      ['head', 'forbidden'],
      ['admin', 'forbidden'],
      ['dsl', 'forbidden'],
    ]);
  });

  it('stays off when there is no Secret Service, and never falls back to the kernel keyring that a reboot empties', async () => {
    const { hub, dataDir, installId } = await schoolOnHub();
    await call(hub, 'session.signOut', {});
    hub.close();
    // A hub run as a service, outside any desktop session: no session bus to find a Secret Service on.
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dataDir, 'no-bus-here')}` };
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/fixtures/protectedStorage/turnOnInAnotherProcess.ts', dataDir, 'dsl.jones', DSL_PASSWORD], { env, encoding: 'utf8', timeout: 60_000 });
    expect(child.status, child.stderr).toBe(0);
    const answer = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as unknown;
    expect(answer).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('Unlock at start is still off') } });
    expect(readKeyring(dataDir)!.machine).toBeUndefined();
    expect(new Entry(PROTECTED_STORAGE_SERVICE, installId, { linux: { store: 'keyutils' } }).getSecret(), 'nothing in the kernel keyring').toBeNull();
    // A process of its own compiles the core afresh: slower than the rest on a busy machine.
  }, 90_000);

  it('is not offered on a computer that is not the hub', async () => {
    const app = newApp();
    await setUpSchool(app);
    expect(await dispatch(app, 'settings.unlockAtStart', { on: true }, personAt(app))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readKeyring(app.dataDir)!.machine).toBeUndefined();
  });

  it('opens nothing with a copy of the folder, every staff password and the machine wrap, without this account’s secret', async () => {
    const { hub, dataDir, installId } = await schoolOnHub();
    await call(hub, 'settings.unlockAtStart', { on: true });
    hub.close();
    const copy = path.join(tempDataDir(), 'stolen');
    fs.cpSync(dataDir, copy, { recursive: true });
    const file = databasePath(copy);
    const keyrings = ['keyring.json', 'keyring.json.bak'].map((name) => JSON.parse(fs.readFileSync(path.join(copy, name), 'utf8')) as Keyring);
    const keyring = keyrings[0]!;
    expect(keyring.machine, 'the copy carries the machine wrap').toBeDefined();

    // The control: with this account's secret, the machine wrap does open the copy, so a pass below is not a broken attack.
    const secret = Buffer.from(secretService.entry(installId).getSecret()!);
    expect(keyOpensStore(file, unwrapWithMachineSecret(keyring, secret))).toBe(true);

    // The outsider: every key the staff password leads to through the files, each tried as the data key and as the
    // machine secret; the slot's own bytes; and secrets guessed or taken from another computer.
    const candidates: Buffer[] = [];
    for (const entry of readStaffVerifiers(copy)?.accounts ?? []) {
      const derived = await deriveKeyFromPassword(STAFF_PASSWORD, entry.kdf);
      candidates.push(derived, Buffer.from(entry.verifier, 'base64'));
    }
    for (const held of keyrings) {
      for (const entry of held.users) {
        const derived = await deriveKeyFromPassword(STAFF_PASSWORD, entry.kdf);
        candidates.push(derived);
        const opened = unwrapDataKey(entry.wrapped, derived, `user:${held.installId}:${entry.userId}:${entry.lookup}`);
        if (opened) candidates.push(opened);
      }
      const slot = held.machine;
      if (slot) candidates.push(Buffer.from(slot.salt, 'base64'), Buffer.from(slot.wrapped.ciphertext, 'base64'), Buffer.from(slot.wrapped.iv, 'base64'), Buffer.from(slot.wrapped.tag, 'base64'));
    }
    candidates.push(Buffer.alloc(32), crypto.randomBytes(32), crypto.createHash('sha256').update(installId).digest());
    expect(candidates.length).toBeGreaterThan(8);
    const opening = candidates.flatMap((candidate) => keyrings.map((held) => unwrapWithMachineSecret(held, candidate)).concat([candidate])).filter((key) => keyOpensStore(file, key));
    expect(opening, 'keys from the copy and a staff password that open the store').toEqual([]);
  });
});

