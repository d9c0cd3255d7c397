// Restore beside a running app, and restore of files that are not what they should be: it refuses while any
// process has the store open, recognises a mark left by a crashed app, and says what is actually wrong with a file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafeguardingApp, dispatch } from '../../../../electron/core';
import { cheapKdf, withStore } from '../../../fixtures/cli/openSchoolDirectly';
import { CLI_SETUP_TIMEOUT_MS, DSL_PASSWORD, DSL_USERNAME, initSchool, removeTempDirs, runCli, tempDir } from '../../../fixtures/cli/runCli';
import { passSecondFactor } from '../../../fixtures/doors/authenticator';
import { newCaller, personAt } from '../../../fixtures/doors/callers';

const quietLog = { error: () => 'test' };
const auditRows = (dataDir: string) => withStore(dataDir, (db) => db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number);

describe('restore', () => {
  afterAll(removeTempDirs);
  let dataDir = '';
  let backup = '';

  beforeAll(async () => {
    ({ dataDir } = await initSchool());
    backup = path.join(tempDir(), 'oakfield.db');
    const made = await runCli(['backup', backup, '--username', DSL_USERNAME, '--data-dir', dataDir]);
    if (made.code !== 0) throw new Error(made.stderr);
  }, 2 * CLI_SETUP_TIMEOUT_MS);

  it('refuses while the app has the store open, says what to do, and the app’s later saves stay in the store', async () => {
    const app = new SafeguardingApp({ dataDir, kdfCost: cheapKdf, log: quietLog });
    const databaseBefore = fs.readFileSync(path.join(dataDir, 'safeguarding.db'));
    let rowsWhileOpen = 0;
    try {
      await app.signIn(DSL_USERNAME, DSL_PASSWORD, personAt(app));
      await passSecondFactor(app, personAt(app));
      const restore = await runCli(['restore', backup, '--username', DSL_USERNAME, '--data-dir', dataDir, '--force']);
      expect(restore.stderr).toMatch(new RegExp(`is open \\(process ${process.pid} on .*sign out and close Safeguarding Records on every computer.*Nothing has been changed\\.`, 's'));
      expect(restore.code).toBe(1);
      // The app carries on saving into the same store.
      for (let index = 0; index < 5; index += 1) expect((await dispatch(app, 'audit.verify', {}, personAt(app))).ok).toBe(true);
      rowsWhileOpen = app.store!.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    } finally {
      app.close();
    }
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('replaced') || name.startsWith('.restore') || name === 'restore.lock')).toEqual([]);
    expect(await auditRows(dataDir)).toBeGreaterThanOrEqual(rowsWhileOpen);
    expect(databaseBefore.length).toBeGreaterThan(0);
  }, CLI_SETUP_TIMEOUT_MS);

  it('recognises the mark of an app that crashed with the store open, clears it and restores', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const inUse = path.join(dataDir, '.in-use');
    fs.mkdirSync(inUse, { recursive: true });
    fs.writeFileSync(path.join(inUse, `${gone}-crashed.lock`), JSON.stringify({ host: (await import('node:os')).hostname(), pid: gone, since: new Date().toISOString(), nonce: 'x' }));
    const restore = await runCli(['restore', backup, '--username', DSL_USERNAME, '--data-dir', dataDir, '--force']);
    expect(restore.stdout).toMatch(/Cleared a mark left by an app that is no longer running/);
    expect(restore.code).toBe(0);
    expect(fs.readdirSync(inUse)).toEqual([]);
  }, CLI_SETUP_TIMEOUT_MS);

  describe('says what is actually wrong with a file that cannot be restored', () => {
    const attempt = (file: string, keyringFile = `${backup}.keyring.json`) => {
      if (!fs.existsSync(`${file}.keyring.json`)) fs.copyFileSync(keyringFile, `${file}.keyring.json`);
      return runCli(['restore', file, '--username', DSL_USERNAME, '--data-dir', path.join(tempDir(), 'new')]);
    };

    it('a file cut short on a page boundary or part-way through a page is incomplete, not a wrong key', async () => {
      const whole = fs.readFileSync(backup);
      const onPage = path.join(tempDir(), 'on-page.db');
      fs.writeFileSync(onPage, whole.subarray(0, 4096 * Math.floor(whole.length / 4096 / 2)));
      const midPage = path.join(tempDir(), 'mid-page.db');
      fs.writeFileSync(midPage, whole.subarray(0, Math.floor(whole.length / 2) + 100));
      for (const run of await Promise.all([attempt(onPage), attempt(midPage)])) {
        expect(run.stderr).toMatch(/cannot be restored: the file is incomplete.*cut short while being copied/s);
        expect(run.stderr).not.toMatch(/wrong key|with this key|keyring copy/i);
        expect(run.code).toBe(1);
      }
    }, CLI_SETUP_TIMEOUT_MS);

    it('a file that is not a backup says so', async () => {
      const text = path.join(tempDir(), 'notes.db');
      fs.writeFileSync(text, 'Minutes of the safeguarding meeting\n'.repeat(200));
      const plain = path.join(tempDir(), 'plain.db');
      const Database = (await import('better-sqlite3-multiple-ciphers')).default;
      const db = new Database(plain);
      db.exec('CREATE TABLE t (x)');
      db.close();
      const [textRun, plainRun] = await Promise.all([attempt(text), attempt(plain)]);
      expect(textRun.stderr).toMatch(/cannot be restored: it is not a Safeguarding Records backup: it is a text file/);
      expect(plainRun.stderr).toMatch(/cannot be restored: it is not a Safeguarding Records backup: it is an unencrypted SQLite database/);
    }, CLI_SETUP_TIMEOUT_MS);

    it('a keyring copy from another school is named as the wrong key', async () => {
      const otherDir = tempDir();
      const other = new SafeguardingApp({ dataDir: otherDir, kdfCost: cheapKdf, log: quietLog });
      await other.setup({ school: { name: 'Elm Primary', urn: '654321', localAuthority: 'other' }, dsl: { username: DSL_USERNAME, displayName: 'Priya Jones', password: DSL_PASSWORD } }, newCaller());
      other.close();
      const mismatched = path.join(tempDir(), 'mismatched.db');
      fs.copyFileSync(backup, mismatched);
      const run = await attempt(mismatched, path.join(otherDir, 'keyring.json'));
      expect(run.stderr).toMatch(/cannot be restored: the key in its keyring copy .* does not open the database file: the keyring copy belongs to a different backup or school/);
      expect(run.code).toBe(1);
    }, CLI_SETUP_TIMEOUT_MS);

    it('a backup from a newer version says to install that version', async () => {
      const newerDir = tempDir();
      fs.copyFileSync(backup, path.join(newerDir, 'safeguarding.db'));
      fs.copyFileSync(`${backup}.keyring.json`, path.join(newerDir, 'keyring.json'));
      await withStore(newerDir, (db) => db.pragma('user_version = 999'));
      const newer = path.join(tempDir(), 'newer.db');
      fs.copyFileSync(path.join(newerDir, 'safeguarding.db'), newer);
      const run = await attempt(newer);
      expect(run.stderr).toMatch(/cannot be restored: it was made by a newer version of Safeguarding Records than this one\. Install the newer version/);
      expect(run.code).toBe(1);
    }, CLI_SETUP_TIMEOUT_MS);
  });
});
