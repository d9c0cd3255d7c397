// Backups and the change of cipher (decision 0028): a backup is written in the store's format, AEGIS-256, and says so;
// a backup made before the change (SQLCipher 4) still restores, and the restored store is AEGIS-256 with every row and
// the audit chain intact.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../../electron/core/audit';
import { CONVERTED_COMMAND, cipherPragmas, sqlcipher4Pragmas } from '../../../../electron/core/store';
import { withStore } from '../../../fixtures/cli/openSchoolDirectly';
import { CLI_SETUP_TIMEOUT_MS, DSL_USERNAME, initSchool, removeTempDirs, runCli, tempDir } from '../../../fixtures/cli/runCli';
import { opensWith } from '../../../fixtures/store/keyOpens';
import { dataKeyFromRecoveryKey, rewriteAsSqlcipher4 } from '../../../fixtures/store/oldFormat';

describe('backups and the change of cipher', () => {
  afterAll(removeTempDirs);
  let dataDir = '';
  let key: Buffer = Buffer.alloc(0);
  let backup = '';
  let backupRun = { code: 1, stdout: '', stderr: '' };
  let pupils: unknown[] = [];

  beforeAll(async () => {
    let recoveryKey = '';
    ({ dataDir, recoveryKey } = await initSchool());
    const demo = await runCli(['demo-data', '--pupils', '20', '--concerns', '30', '--seed', '3', '--as-of', '20/11/2026', '--username', DSL_USERNAME, '--data-dir', dataDir]);
    if (demo.code !== 0) throw new Error(demo.stderr);
    pupils = await withStore(dataDir, (db) => db.prepare('SELECT id, legal_last_name FROM pupils ORDER BY id').all());
    key = dataKeyFromRecoveryKey(dataDir, recoveryKey);
    backup = path.join(tempDir(), 'oakfield.db');
    backupRun = await runCli(['backup', backup, '--username', DSL_USERNAME, '--data-dir', dataDir, '--json']);
  }, 2 * CLI_SETUP_TIMEOUT_MS);

  it('writes a backup in AEGIS-256 and records it', () => {
    expect(backupRun.code).toBe(0);
    expect(JSON.parse(backupRun.stdout)).toMatchObject({ ok: true, cipher: 'aegis-256' });
    expect(opensWith(backup, key, cipherPragmas)).toBe(true);
    expect(opensWith(backup, key, sqlcipher4Pragmas)).toBe(false);
  });

  it('restores a backup made before the change (SQLCipher 4) as an AEGIS-256 store with every row and the audit chain', async () => {
    const old = path.join(tempDir(), 'oakfield-2025.db');
    fs.copyFileSync(backup, old);
    fs.copyFileSync(`${backup}.keyring.json`, `${old}.keyring.json`);
    rewriteAsSqlcipher4(old, key);
    expect(opensWith(old, key, sqlcipher4Pragmas)).toBe(true);

    const target = path.join(tempDir(), 'restored');
    const run = await runCli(['restore', old, '--username', DSL_USERNAME, '--data-dir', target]);
    expect(run.stderr).not.toMatch(/cannot be restored|failed/i);
    expect(run.code).toBe(0);
    const restored = path.join(target, 'safeguarding.db');
    expect(opensWith(restored, key, cipherPragmas)).toBe(true);
    expect(opensWith(restored, key, sqlcipher4Pragmas)).toBe(false);
    // Only the store and its keyring: no staging folder, old copy or lock is left in the school's folder.
    expect(fs.readdirSync(target).filter((name) => !name.startsWith('.in-use') && !name.startsWith('intake') && !name.startsWith('staff'))).toEqual(['keyring.json', 'safeguarding.db']);
    const after = await withStore(target, (db) => ({
      pupils: db.prepare('SELECT id, legal_last_name FROM pupils ORDER BY id').all(),
      chain: verifyAuditChain(db).ok,
      converted: db.prepare('SELECT count(*) FROM audit_log WHERE command = ?').pluck().get(CONVERTED_COMMAND),
    }));
    expect(after).toEqual({ pupils, chain: true, converted: 1 });
  }, CLI_SETUP_TIMEOUT_MS);
});
