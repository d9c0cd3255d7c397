// Who holds the key (decision 0022), tried as an outsider would: with a copy of the whole data folder and every staff
// password, derive every key those passwords lead to from the files — the keyring, its backup, the verifiers — and
// try each against the store with the driver. None may open it; a DSL's password, tried the same way, does.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/core';
import { deriveKeyFromPassword, newKdfParams, putUserWrap, readKeyring, unwrapDataKey, unwrapWithPassword, updateKeyring, wrapForUser, type Keyring } from '../../../../../electron/core/crypto';
import { readStaffVerifiers, removeStaffVerifier, STAFF_VERIFIER_FILE } from '../../../../../electron/core/intake';
import { databasePath } from '../../../../../electron/core/store';
import { newCaller } from '../../../../fixtures/doors/callers';
import { DSL_PASSWORD, addAccount, call, cheapKdf, newApp, setUpSchool, signInFirstTime, tempDataDir, versionNow } from '../testSchool';
import { keyOpensStore } from '../../../../fixtures/store/keyOpens';

const staffPasswords = { 'ta.smith': 'smith own long password', 'm.lunchtime': 'dinner hall rota seven', 'old.timer': 'password from before the change' } as const;


/**
 * A school set up before decision 0022 is imitated: its member of staff `old.timer` holds a wrap of the data key and
 * no verifier, as every account did. Then the hub is restarted and a DSL signs in — the first opening since.
 */
async function schoolUpgradedFromWraps() {
  const dataDir = tempDataDir();
  const first = newApp(dataDir);
  await setUpSchool(first);
  await call(first, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04' });
  await addAccount(first, 'head.teacher', 'head', 'leadership', 'temporary password 1');
  await addAccount(first, 'it.lead', 'admin', 'office', 'temporary password 2');
  await addAccount(first, 'ta.smith', 'staff', 'support', 'temporary password 3');
  await addAccount(first, 'm.lunchtime', 'staff', 'midday', 'temporary password 4');
  const old = await addAccount(first, 'old.timer', 'staff', 'teaching', 'temporary password 5');
  first.store!.prepare('UPDATE users SET must_change_password = 0 WHERE id = ?').run(old.id);
  const dataKey = (await unwrapWithPassword(readKeyring(dataDir)!, 'dsl.jones', DSL_PASSWORD, newKdfParams(cheapKdf)))!.dataKey;
  const oldWrap = await wrapForUser(readKeyring(dataDir)!, { userId: old.id, username: 'old.timer' }, staffPasswords['old.timer'], dataKey, newKdfParams(cheapKdf));
  updateKeyring(dataDir, (keyring) => putUserWrap(keyring, oldWrap));
  removeStaffVerifier(dataDir, old.id);
  await call(first, 'session.signOut', {});
  await signInFirstTime(first, 'ta.smith', 'temporary password 3', staffPasswords['ta.smith']);
  await call(first, 'session.signOut', {});
  await signInFirstTime(first, 'm.lunchtime', 'temporary password 4', staffPasswords['m.lunchtime']);
  await call(first, 'session.signOut', {});
  first.close();
  // The control: before the upgrade, the old member of staff's password did open the data key.
  expect(await unwrapWithPassword(readKeyring(dataDir)!, 'old.timer', staffPasswords['old.timer'], newKdfParams(cheapKdf))).not.toBeNull();

  const hub = newApp(dataDir);
  const dsl = newCaller();
  const signedIn = await dispatch(hub, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, dsl);
  expect(signedIn.ok).toBe(true);
  return { hub, dataDir, dsl, old, dataKey };
}

/** Every 32-byte value a password leads to through the files: derived keys, verifiers, keystreams, anything unwrapped. */
async function everyKeyFrom(folder: string, username: string, password: string): Promise<Buffer[]> {
  const keys: Buffer[] = [];
  const keyrings = ['keyring.json', 'keyring.json.bak'].filter((name) => fs.existsSync(path.join(folder, name))).map((name) => JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Keyring);
  for (const keyring of keyrings) {
    const unwrapped = await unwrapWithPassword(keyring, username, password, newKdfParams(cheapKdf));
    if (unwrapped) keys.push(unwrapped.dataKey);
    // Every wrap in the file, whoever's it is, with the key this password derives under its parameters.
    for (const entry of keyring.users) {
      const derived = await deriveKeyFromPassword(password, entry.kdf);
      keys.push(derived);
      const opened = unwrapDataKey(entry.wrapped, derived, `user:${keyring.installId}:${entry.userId}:${entry.lookup}`);
      if (opened) keys.push(opened);
    }
  }
  const verifiers = readStaffVerifiers(folder);
  for (const entry of verifiers?.accounts ?? []) {
    const derived = await deriveKeyFromPassword(password, entry.kdf);
    const stored = Buffer.from(entry.verifier, 'base64');
    keys.push(derived, stored, crypto.createHmac('sha256', derived).update(`staff-verifier:v1:${entry.userId}:${entry.lookup}`).digest());
    if (entry.iv) {
      const counter = Buffer.concat([Buffer.from(entry.iv, 'base64'), Buffer.from([0, 0, 0, 2])]);
      const keystream = crypto.createCipheriv('aes-256-ctr', derived, counter).update(Buffer.alloc(32));
      // Whatever the keystream is combined with — itself, the stored check — is tried too.
      keys.push(keystream, Buffer.from(keystream.map((byte, index) => byte ^ (stored[index] ?? 0))));
    }
  }
  return keys;
}

describe('who holds the key', () => {
  it('turns an old staff wrap into a check that opens nothing, at the first opening, and the person still signs in', async () => {
    const { hub, dataDir, old } = await schoolUpgradedFromWraps();
    for (const name of ['keyring.json', 'keyring.json.bak']) {
      const keyring = JSON.parse(fs.readFileSync(path.join(dataDir, name), 'utf8')) as Keyring;
      expect(keyring.users.map((entry) => entry.userId), name).not.toContain(old.id);
      expect(keyring.users, `${name}: the DSL, the head and the administrator`).toHaveLength(3);
      for (const [username, password] of Object.entries(staffPasswords)) expect(await unwrapWithPassword(keyring, username, password, newKdfParams(cheapKdf)), `${name} ${username}`).toBeNull();
    }
    expect(readStaffVerifiers(dataDir)!.accounts.find((entry) => entry.userId === old.id)).toMatchObject({ kind: 'wrap-check-v1' });

    // With the records open or locked, the password they had still signs them in; the check becomes a verifier.
    const staff = newCaller();
    expect(await dispatch(hub, 'session.signIn', { username: 'old.timer', password: staffPasswords['old.timer'] }, staff)).toMatchObject({ ok: true, value: { id: old.id, role: 'staff' } });
    expect(readStaffVerifiers(dataDir)!.accounts.find((entry) => entry.userId === old.id)).toMatchObject({ kind: 'hmac-v1' });
    expect(await dispatch(hub, 'session.signIn', { username: 'old.timer', password: 'not the password' }, newCaller())).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('gives new staff a verifier and no wrap, and readers a wrap and no verifier', async () => {
    const app = newApp();
    await setUpSchool(app);
    const staff = await addAccount(app, 'ta.smith', 'staff');
    const head = await addAccount(app, 'head.teacher', 'head', 'leadership');
    const keyring = readKeyring(app.dataDir)!;
    expect(keyring.users.map((entry) => entry.userId)).toContain(head.id);
    expect(keyring.users.map((entry) => entry.userId)).not.toContain(staff.id);
    expect(readStaffVerifiers(app.dataDir)!.accounts.map((entry) => entry.userId)).toEqual([staff.id]);
    // No names on disk beside the store.
    expect(fs.readFileSync(path.join(app.dataDir, STAFF_VERIFIER_FILE), 'utf8')).not.toMatch(/ta\.smith|head\.teacher/);
    // Disabling the account removes the verifier: its password passes nothing.
    await call(app, 'accounts.disable', { userId: staff.id, version: versionNow(app, 'account', staff.id), reason: 'Left the school in July' });
    expect(readStaffVerifiers(app.dataDir)!.accounts).toEqual([]);
  });

  it('opens nothing with a copy of the whole data folder and every staff password', async () => {
    const { hub, dataDir } = await schoolUpgradedFromWraps();
    hub.close();
    const copy = path.join(tempDataDir(), 'stolen');
    fs.cpSync(dataDir, copy, { recursive: true });
    const file = databasePath(copy);

    // The control: the attack works with a DSL's password, so a pass below is not a broken attack.
    const dslKeys = await everyKeyFrom(copy, 'dsl.jones', DSL_PASSWORD);
    expect(dslKeys.some((key) => keyOpensStore(file, key))).toBe(true);

    for (const [username, password] of Object.entries(staffPasswords)) {
      const keys = await everyKeyFrom(copy, username, password);
      expect(keys.length, username).toBeGreaterThan(5);
      expect(keys.filter((key) => keyOpensStore(file, key)), `keys from ${username}’s password that open the store`).toEqual([]);
    }
  });
});
