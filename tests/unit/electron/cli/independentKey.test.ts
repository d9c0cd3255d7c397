// `independent-key` (decision 0028, addendum): the recovery key gives the data key as the PRAGMA lines the SQLite3
// Multiple Ciphers shell takes, and those lines — run as printed, through the driver alone, none of the app's code —
// open a copy of the backup with every concern in it. Taking the key is audited where the school's store is at hand,
// a wrong recovery key gives nothing and is audited too, and the key is written to no file.
import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECOVERY_KEY_SUBJECT } from '../../../../electron/core/app';
import { encodeRecoveryKey, generateRecoveryKey, readKeyring, updateKeyring } from '../../../../electron/core/crypto';
import { withStore } from '../../../fixtures/cli/openSchoolDirectly';
import { CLI_SETUP_TIMEOUT_MS, DSL_USERNAME, initSchool, removeTempDirs, runCli, tempDir as madeTempDir, type CliRun } from '../../../fixtures/cli/runCli';
import { dataKeyFromRecoveryKey, rewriteAsSqlcipher4 } from '../../../fixtures/store/oldFormat';

const CONCERNS = 30;

/** Every folder this file makes, so the last test can look through all of them for the key. */
const madeDirs: string[] = [];
function tempDir(prefix?: string): string {
  const dir = madeTempDir(prefix);
  madeDirs.push(dir);
  return dir;
}

/** The PRAGMA lines exactly as printed, for a person to type into the shell. */
function printedPragmas(run: CliRun): string[] {
  return run.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('PRAGMA '));
}

/** What an IT lead does with the output: copy the file, open the copy read-only, type the lines, count the concerns. */
function concernsInCopyOpenedWith(file: string, pragmas: readonly string[]): number {
  const copy = path.join(tempDir('safeguarding-inspect-'), 'copy-of-backup.db');
  fs.copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    for (const line of pragmas) db.exec(line);
    return db.prepare('SELECT count(*) FROM concerns').pluck().get() as number;
  } finally {
    db.close();
  }
}

const auditRowsOf = (dataDir: string) =>
  withStore(dataDir, (db) => db.prepare("SELECT record_ids, outcome, door, user_id FROM audit_log WHERE command = 'cli.independentKey' ORDER BY seq").all() as Array<Record<string, string | null>>);

const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => path.join(dir, name)).filter((file) => fs.statSync(file).isFile()) : [];

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('admin CLI: independent-key', () => {
  afterAll(removeTempDirs);
  let dataDir = '';
  let recoveryKey = '';
  let keyHex = '';
  let backup = '';
  const withRecoveryKey = (value: string) => ({ SAFEGUARDING_RECOVERY_KEY: value });

  beforeAll(async () => {
    ({ dataDir, recoveryKey } = await initSchool(path.join(tempDir(), 'school')));
    const demo = await runCli(['demo-data', '--pupils', '20', '--concerns', String(CONCERNS), '--seed', '5', '--as-of', '20/11/2026', '--username', DSL_USERNAME, '--data-dir', dataDir]);
    if (demo.code !== 0) throw new Error(demo.stderr);
    backup = path.join(tempDir(), 'backups', 'oakfield.db');
    const made = await runCli(['backup', backup, '--username', DSL_USERNAME, '--data-dir', dataDir]);
    if (made.code !== 0) throw new Error(made.stderr);
    keyHex = dataKeyFromRecoveryKey(dataDir, recoveryKey).toString('hex');
  }, CLI_SETUP_TIMEOUT_MS);

  it('prints PRAGMA lines that open a copy of the backup in the driver alone, with every concern, and records it in the school’s store', async () => {
    const before = { listing: fs.readdirSync(path.dirname(backup)), hash: sha256(backup) };
    const run = await runCli(['independent-key', '--backup', backup, '--data-dir', dataDir], withRecoveryKey(recoveryKey));
    expect(run.stderr).not.toMatch(/failed|error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/WARNING: this key reads every record/);
    expect(run.stdout).toMatch(/Keep it off shared screens/);
    expect(run.stdout).toMatch(/Open only a COPY of a backup, read-only/);
    const pragmas = printedPragmas(run);
    expect(pragmas).toEqual(["PRAGMA cipher = 'aegis';", "PRAGMA algorithm = 'aegis-256';", 'PRAGMA plaintext_header_size = 0;', `PRAGMA key = "x'${keyHex}'";`]);
    expect(concernsInCopyOpenedWith(backup, pragmas)).toBe(CONCERNS);

    expect(run.stdout).toMatch(/Recorded in the audit log of the school’s store/);
    expect(await auditRowsOf(dataDir)).toEqual([{ record_ids: JSON.stringify(['backup:oakfield.db', 'authority:recovery key']), outcome: 'ok', door: 'cli', user_id: null }]);
    // The backup itself is left exactly as it was: nothing written to it, nothing left beside it.
    expect({ listing: fs.readdirSync(path.dirname(backup)), hash: sha256(backup) }).toEqual(before);
  });

  it('without a backup gives the store’s key, which opens a copy of the store, and records it first', async () => {
    const run = await runCli(['independent-key', '--data-dir', dataDir, '--json'], withRecoveryKey(recoveryKey.toLowerCase().replaceAll('-', ' ')));
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { cipher: string; pragmas: string[]; audited: boolean };
    expect(result).toMatchObject({ cipher: 'aegis-256', audited: true });
    expect(result.pragmas.at(-1)).toBe(`PRAGMA key = "x'${keyHex}'";`);
    expect(concernsInCopyOpenedWith(path.join(dataDir, 'safeguarding.db'), result.pragmas)).toBe(CONCERNS);
    expect((await auditRowsOf(dataDir)).map((row) => row.record_ids)).toContain(JSON.stringify(['store', 'authority:recovery key']));
  });

  it('with no school’s store at hand, still gives a backup’s key and says it is recorded nowhere and why', async () => {
    const nowhere = path.join(tempDir(), 'no-school-here');
    const run = await runCli(['independent-key', '--backup', backup, '--data-dir', nowhere], withRecoveryKey(recoveryKey));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Not recorded in any audit log: there is no school’s store in .*no-school-here.* a backup itself is never changed\. Write in your IT log/s);
    expect(concernsInCopyOpenedWith(backup, printedPragmas(run))).toBe(CONCERNS);
    expect(fs.existsSync(nowhere)).toBe(false);
  });

  it('does not record it in another school’s store', async () => {
    const other = await initSchool(path.join(tempDir(), 'other-school'));
    const run = await runCli(['independent-key', '--backup', backup, '--data-dir', other.dataDir], withRecoveryKey(recoveryKey));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Not recorded in any audit log: the store in .* is not the one this backup was made from/);
    expect(await auditRowsOf(other.dataDir)).toEqual([]);
  });

  it('gives an old (SQLCipher 4) backup’s own settings, which open a copy of it', async () => {
    const old = path.join(tempDir(), 'old-backups', 'oakfield-2025.db');
    fs.mkdirSync(path.dirname(old));
    fs.copyFileSync(backup, old);
    fs.copyFileSync(`${backup}.keyring.json`, `${old}.keyring.json`);
    rewriteAsSqlcipher4(old, Buffer.from(keyHex, 'hex'));
    const listing = fs.readdirSync(path.dirname(old));

    const run = await runCli(['independent-key', '--backup', old, '--data-dir', path.join(tempDir(), 'none')], withRecoveryKey(recoveryKey));
    expect(run.code).toBe(0);
    const pragmas = printedPragmas(run);
    expect(pragmas).toContain("PRAGMA cipher = 'sqlcipher';");
    expect(pragmas).toContain('PRAGMA legacy = 4;');
    expect(run.stdout).toMatch(/from before AEGIS-256/);
    expect(concernsInCopyOpenedWith(old, pragmas)).toBe(CONCERNS);
    // The file was left in WAL mode, where a read-only look makes a -wal and -shm: none are left behind.
    expect(fs.readdirSync(path.dirname(old))).toEqual(listing);
  });

  it('refuses a file that is not a backup, naming it and saying why, and prints no key', async () => {
    const text = path.join(tempDir(), 'notes.db');
    fs.writeFileSync(text, 'minutes of the safeguarding meeting\n'.repeat(200));
    const plain = path.join(tempDir(), 'plain.db');
    const plainDb = new Database(plain);
    plainDb.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    plainDb.close();
    for (const [file, reason] of [
      [text, /it is a text file/],
      [plain, /it is an unencrypted SQLite database/],
    ] as const) {
      fs.copyFileSync(`${backup}.keyring.json`, `${file}.keyring.json`);
      const run = await runCli(['independent-key', '--backup', file, '--data-dir', dataDir], withRecoveryKey(recoveryKey));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${file} cannot give a key`);
      expect(run.stderr).toMatch(reason);
      expect(run.stdout + run.stderr).not.toContain(keyHex);
      expect(run.stdout).not.toMatch(/PRAGMA key/);
    }
  });

  it('refuses a recovery key on the command line without repeating it', async () => {
    for (const args of [
      ['independent-key', recoveryKey, '--data-dir', dataDir],
      ['independent-key', `--recovery-key=${recoveryKey}`, '--data-dir', dataDir],
    ]) {
      const run = await runCli(args, withRecoveryKey(''));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/never taken from the command line.*SAFEGUARDING_RECOVERY_KEY/s);
      expect(run.stdout + run.stderr).not.toContain(recoveryKey);
    }
  });

  it('gives nothing for a wrong recovery key, exits 1, and holds the try for the audit log', async () => {
    const pendingBefore = readKeyring(dataDir)!.pendingAudit.length;
    const anotherSchools = encodeRecoveryKey(generateRecoveryKey());
    for (const [wrong, message] of [
      [anotherSchools, /That recovery key does not open .*keyring\.json: it is mistyped, or it is another school’s.*No key was printed\./s],
      ['OAKFIELD-RECOVERY', /SAFEGUARDING_RECOVERY_KEY does not hold a recovery key as it was printed/],
    ] as const) {
      const run = await runCli(['independent-key', '--backup', backup, '--data-dir', dataDir], withRecoveryKey(wrong));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stdout + run.stderr).not.toContain(keyHex);
      expect(run.stdout).not.toMatch(/PRAGMA/);
    }
    const held = readKeyring(dataDir)!.pendingAudit.slice(pendingBefore);
    expect(held).toEqual([
      expect.objectContaining({ door: 'cli', command: 'cli.independentKey', recordIds: ['backup:oakfield.db', 'authority:recovery key'], outcome: 'denied' }),
      expect.objectContaining({ command: 'cli.independentKey', outcome: 'denied' }),
    ]);
  });

  it('refuses even the right recovery key while wrong ones are being slowed, as the app does', async () => {
    // Many wrong tries a moment ago (the app's window or this command): the next is 15 minutes away, whoever makes it.
    updateKeyring(dataDir, (keyring) => {
      keyring.throttle[RECOVERY_KEY_SUBJECT] = { failures: 9, lastFailureAt: new Date().toISOString() };
    });
    const right = await runCli(['independent-key', '--data-dir', dataDir], withRecoveryKey(recoveryKey));
    expect(right.code).toBe(1);
    expect(right.stderr).toMatch(/Too many wrong recovery keys have been tried for this school\. Try again after .*No key was printed\./);
    expect(right.stdout + right.stderr).not.toContain(keyHex);
  });

  it('writes the key to no file: not a log, a keyring, the store’s folder or a backup’s', () => {
    const everyFile = madeDirs.flatMap(filesUnder);
    expect(everyFile).toContain(path.join(dataDir, 'keyring.json'));
    const holding = everyFile.filter((file) => {
      const text = fs.readFileSync(file).toString('latin1');
      return text.includes(keyHex) || text.includes(keyHex.toUpperCase());
    });
    expect(holding).toEqual([]);
  });
});
