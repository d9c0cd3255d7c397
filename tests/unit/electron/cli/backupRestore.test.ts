import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafeguardingApp } from '../../../../electron/core';
import { cheapKdf, withStore } from '../../../fixtures/cli/openSchoolDirectly';
import { CLI_SETUP_TIMEOUT_MS, removeTempDirs, DSL_PASSWORD, DSL_USERNAME, initSchool, runCli, tempDir } from '../../../fixtures/cli/runCli';
import { personAt } from '../../../fixtures/doors/callers';

const pupilsIn = (dataDir: string) =>
  withStore(dataDir, (db) => db.prepare('SELECT id, legal_first_name, legal_last_name, upn FROM pupils ORDER BY id').all() as Array<Record<string, string>>);

describe('admin CLI: backup and restore', () => {
  afterAll(removeTempDirs);
  let dataDir = '';
  let file = '';
  let pupils: Array<Record<string, string>> = [];
  let backupRun = { code: 1, stdout: '', stderr: '' };

  beforeAll(async () => {
    ({ dataDir } = await initSchool());
    const demo = await runCli(['demo-data', '--pupils', '40', '--concerns', '60', '--seed', '7', '--as-of', '20/11/2026', '--username', DSL_USERNAME, '--data-dir', dataDir]);
    if (demo.code !== 0) throw new Error(demo.stderr);
    pupils = await pupilsIn(dataDir);

    // The app is open and signed in, as on a DSL's desk, while the IT lead takes the backup.
    const app = new SafeguardingApp({ dataDir, kdfCost: cheapKdf, log: { error: () => 'test' } });
    try {
      await app.signIn(DSL_USERNAME, DSL_PASSWORD, personAt(app));
      file = path.join(tempDir(), 'backups', 'oakfield.db');
      backupRun = await runCli(['backup', file, '--username', DSL_USERNAME, '--data-dir', dataDir]);
    } finally {
      app.close();
    }
  }, CLI_SETUP_TIMEOUT_MS);

  it('backs up while the app has the store open: encrypted, with the keyring beside it, and says both are needed', () => {
    expect(backupRun.stderr).not.toMatch(/failed/i);
    expect(backupRun.code).toBe(0);
    expect(backupRun.stdout).toMatch(/Keep BOTH files together/);
    expect(backupRun.stdout).toMatch(/recovery key or the password/);
    expect(fs.existsSync(`${file}.keyring.json`)).toBe(true);
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from(pupils[0]!.legal_last_name!))).toBe(false);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('restores into a new data folder, where the store opens and holds the same pupils', async () => {
    const elsewhere = path.join(tempDir(), 'restored');
    const restore = await runCli(['restore', file, '--username', DSL_USERNAME, '--data-dir', elsewhere, '--force']);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/40 pupils, 60 concerns/);
    expect(await pupilsIn(elsewhere)).toEqual(pupils);
  });

  it('refuses a truncated backup with a clear message and leaves the existing store untouched', async () => {
    const truncated = path.join(tempDir(), 'truncated.db');
    const whole = fs.readFileSync(file);
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    fs.copyFileSync(`${file}.keyring.json`, `${truncated}.keyring.json`);
    const databaseBefore = fs.readFileSync(path.join(dataDir, 'safeguarding.db'));

    const restore = await runCli(['restore', truncated, '--username', DSL_USERNAME, '--data-dir', dataDir, '--force']);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/cannot be restored: .*(damaged|incomplete|integrity|could not be opened).* Nothing has been changed\./s);
    expect(fs.readFileSync(path.join(dataDir, 'safeguarding.db')).equals(databaseBefore)).toBe(true);
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('replaced') || name.startsWith('.restore'))).toEqual([]);
    expect(await pupilsIn(dataDir)).toEqual(pupils);
  });

  it('refuses a backup whose keyring copy is missing', async () => {
    const alone = path.join(tempDir(), 'alone.db');
    fs.copyFileSync(file, alone);
    const restore = await runCli(['restore', alone, '--username', DSL_USERNAME, '--data-dir', path.join(tempDir(), 'new')]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/keyring copy .* is missing/);
  });

  it('never overwrites a store without --force, and keeps the replaced one as a dated copy with --force', async () => {
    const refused = await runCli(['restore', file, '--username', DSL_USERNAME, '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already a store .* Nothing has been changed.*--force/s);

    const forced = await runCli(['restore', file, '--username', DSL_USERNAME, '--data-dir', dataDir, '--force']);
    expect(forced.code).toBe(0);
    const names = fs.readdirSync(dataDir);
    expect(names.some((name) => /^safeguarding\.db\.replaced-\d{8}-\d{6}$/.test(name))).toBe(true);
    expect(names.some((name) => /^keyring\.json\.replaced-\d{8}-\d{6}$/.test(name))).toBe(true);
    expect(await pupilsIn(dataDir)).toEqual(pupils);
  });
});
