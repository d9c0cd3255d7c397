// A real school on a temp folder: real keyring, real encrypted store. Key derivation is made cheap for speed;
// everything else is what the app does.
import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll } from 'vitest';
import { SafeguardingApp, dispatch, type AppOptions } from '../../../../electron/core';
import { insertAccount } from '../../../../electron/core/accounts';
import { writeDemoSchool } from '../../../../electron/core/demoData';
import { applyKey, migrations, openStore } from '../../../../electron/core/store';
import { settingsVersion, versionOf, type VersionedRecord } from '../../../../electron/core/records/versions';
import type { CommandInput, CommandName, CommandOutput, Role, StaffGroup } from '../../../../shared/api';
import { passSecondFactor } from '../../../fixtures/doors/authenticator';
import { newCaller, personAt } from '../../../fixtures/doors/callers';

export const cheapKdf = { memoryKiB: 1024, passes: 1 };
/**
 * For tests whose clock moves on by days while one person stays signed in (a term's concerns, a referral's clock):
 * the session's absolute lifetime is tested on its own in session.test.ts.
 */
export const daysPassWhileSignedIn = { sessionLifetimeHours: 24 * 366 };
export const DSL_PASSWORD = 'correct horse battery staple';

const createdDirs: string[] = [];
const openApps: SafeguardingApp[] = [];

// Every test file that uses this helper leaves no stores behind: apps are closed, folders removed.
afterAll(() => {
  for (const app of openApps.splice(0)) app.close();
  for (const dir of createdDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguarding-test-'));
  createdDirs.push(dir);
  return dir;
}

/**
 * An app on `dataDir` with a cheap password hash. A test that moves the clock by hand locks idle sessions only when it
 * calls `lockIdleSessions()` (unless it passes `idleSweep: true`): its jumps of hours are not a person walking away.
 */
export function newApp(dataDir = tempDataDir(), options: Partial<AppOptions> = {}): SafeguardingApp {
  const app = new SafeguardingApp({ dataDir, kdfCost: cheapKdf, ...(options.clock ? { idleSweep: false } : {}), ...options });
  openApps.push(app);
  return app;
}

/** Commands after which a DSL, head or administrator meets the second-factor step (decision 0021). */
const signingIn = new Set<CommandName>(['setup.create', 'session.signIn']);

/**
 * Calls a command through the real dispatch and returns its value, failing the test on an error result. After a
 * sign-in (or setup) it also answers the second-factor step as the person's phone would — enrolling at the first
 * sign-in, a fresh code after — so tests of other features sign in as they always did. Tests of the second factor
 * itself call dispatch directly.
 */
export async function call<N extends CommandName>(app: SafeguardingApp, name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
  const result = await dispatch(app, name, input, personAt(app));
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`);
  if (signingIn.has(name)) await passSecondFactor(app, personAt(app));
  return result.value as CommandOutput<N>;
}

export async function setUpSchool(app: SafeguardingApp) {
  return call(app, 'setup.create', {
    school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' },
    dsl: { username: 'dsl.jones', displayName: 'Priya Jones', password: DSL_PASSWORD },
  });
}

export async function addAccount(app: SafeguardingApp, username: string, role: Role, staffGroup: StaffGroup = 'teaching', password = 'temporary password 1') {
  return call(app, 'accounts.create', { username, displayName: username, role, staffGroup, temporaryPassword: password });
}

/**
 * A DSL signed in at another computer for the rest of the test, as on a hub during the school day: the records stay
 * open, so what staff submit is stored at once (with nobody who holds the key signed in, it waits sealed — decision 0022).
 */
export async function keepRecordsOpen(app: SafeguardingApp, username = 'dsl.jones', password = DSL_PASSWORD) {
  const desk = newCaller('test', '192.0.2.10');
  const result = await dispatch(app, 'session.signIn', { username, password }, desk);
  if (!result.ok) throw new Error(`the DSL at the other computer could not sign in: ${result.error.message}`);
  // A password alone is not a sign-in and keeps nothing open for long (decision 0021's addendum): the code too.
  await passSecondFactor(app, desk);
  return desk;
}

/** Signs in with a temporary password and replaces it, as a new member of staff does on first sign-in. */
export async function signInFirstTime(app: SafeguardingApp, username: string, temporary: string, chosen: string) {
  await call(app, 'session.signIn', { username, password: temporary });
  await call(app, 'session.changePassword', { currentPassword: temporary, newPassword: chosen });
}

/**
 * Answers `sql` from a copy of the database file alone, as if its write-ahead log were lost: shows what checkpoints
 * have folded into the file.
 */
export function queryFileAlone(databaseFile: string, key: Buffer, sql: string): unknown {
  const copy = path.join(tempDataDir(), 'file-alone.db');
  fs.copyFileSync(databaseFile, copy);
  const db = new Database(copy);
  try {
    applyKey(db, key);
    return db.prepare(sql).pluck().get();
  } finally {
    db.close();
  }
}

/**
 * The version a page would have read of a record, for tests whose subject is not conflicts: a save must carry one.
 * (tests/unit/electron/core/records/conflicts.test.ts reads versions the way the pages do, through the commands.)
 */
export function versionNow(app: SafeguardingApp, record: VersionedRecord, id: string): number {
  const version = versionOf(app.store!, record, id);
  if (version === null) throw new Error(`no ${record} ${id}`);
  return version;
}

export function settingsVersionNow(app: SafeguardingApp): number {
  return settingsVersion(app.store!);
}

/**
 * A store made by the migrations before `version` only, with a DSL and two school years of the demo school in it: a
 * school as it stood before upgrading, for the tests of migration `version`. The caller closes `before`.
 */
export function demoStoreBefore(version: number, demo: { pupils: number; concerns: number; seed: number }) {
  const file = path.join(tempDataDir(), `before-${String(version).padStart(4, '0')}.db`);
  const key = crypto.randomBytes(32);
  const before = openStore(file, key, migrations.filter((step) => step.version < version));
  const userId = uuidv7();
  before.transaction(() =>
    insertAccount(before, { id: userId, username: 'dsl.old', displayName: 'Old DSL', role: 'dsl', staffGroup: 'leadership', mustChangePassword: false, createdAt: '2026-01-01T00:00:00.000Z', createdBy: null }),
  )();
  writeDemoSchool(before, { ...demo, asOf: '2026-11-20', schoolYears: 2 }, { userId, door: 'test', now: new Date('2026-11-20T12:00:00Z') });
  return { file, key, before, userId };
}
