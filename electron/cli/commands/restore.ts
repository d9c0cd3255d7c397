// `restore FILE`: puts a backup back, but only after proving it opens with the given password and passes the
// integrity check and the audit chain. The store it replaces is kept beside it, renamed with the date.
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, StoreInUseError, databasePath, lockForRestore } from '../../core/store';
import { CliError, requiredValue } from '../arguments';
import { checkBackupInto, keyringCopyFor } from '../backupFiles';
import { count } from '../output';
import { kdfCostFromEnvironment, passwordFromEnvironment } from '../openSchool';
import { RestoreMoveError, replaceStoreFiles } from '../replaceStoreFiles';
import type { CliCommand } from './command';

/** 20261123-143005: sorts by time and is safe in a file name on every system. */
const stamp = (now: Date) => now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore FILE --username U --data-dir DIR [--force] [--json]',
  summary: 'Check a backup (FILE and FILE.keyring.json) opens and is intact, then make it the store; --force replaces an existing one.',
  options: { values: ['username', 'keyring'], flags: ['force'], positionals: 1 },
  async run(args, { dataDir, out }) {
    const source = args.positionals[0];
    if (!source) throw new CliError('Name the backup file to restore, for example: restore /backups/safeguarding-2026-11-23.db --username p.jones', 2);
    const file = path.resolve(source);
    const keyringFile = path.resolve(args.values.get('keyring') ?? keyringCopyFor(file));
    const username = requiredValue(args, 'username', 'p.jones');
    if (!fs.existsSync(file)) throw new CliError(`There is no backup file at ${file}.`);
    if (!fs.existsSync(keyringFile)) {
      throw new CliError(`The keyring copy ${keyringFile} is missing. A backup is two files: the database and FILE.keyring.json beside it (or name it with --keyring PATH).`);
    }
    const existing = fs.existsSync(databasePath(dataDir));
    if (existing && !args.flags.has('force')) {
      throw new CliError(`There is already a store in ${dataDir}. Nothing has been changed. To replace it with the backup, close the app and run again with --force (the current store is kept as ${DATABASE_FILE}.replaced-DATE).`);
    }
    const password = passwordFromEnvironment(`the password of ${username} in the backup`);

    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // Held to the end: no app can open the store while its files are checked and moved.
    let restoreLock: ReturnType<typeof lockForRestore>;
    try {
      restoreLock = lockForRestore(dataDir);
    } catch (error) {
      if (error instanceof StoreInUseError) throw new CliError(`${error.message} Nothing has been changed.`);
      throw error;
    }
    if (restoreLock.clearedStale > 0) out.line(`Cleared ${restoreLock.clearedStale === 1 ? 'a mark' : `${restoreLock.clearedStale} marks`} left by an app that is no longer running (it had stopped without closing the store).`);
    // Staged inside the data folder, so moving the checked copy into place is a rename on the same disk.
    const stagingDir = fs.mkdtempSync(path.join(dataDir, '.restore-'));
    try {
      const check = await checkBackupInto({ database: file, keyring: keyringFile }, stagingDir, username, password, kdfCostFromEnvironment(out));
      if (!check.ok) throw new CliError(`The backup ${file} cannot be restored: ${check.problem}. Nothing has been changed.`);

      let kept: string[];
      try {
        kept = replaceStoreFiles(dataDir, stagingDir, stamp(new Date()));
      } catch (error) {
        if (error instanceof RestoreMoveError) throw new CliError(error.message);
        throw error;
      }

      out.line(`Restored ${file} into ${dataDir}.`);
      out.line(`It opened with ${username}’s password and passed the integrity check and the audit chain: ${count(check.contents.pupils)} pupils, ${count(check.contents.concerns)} concerns, ${count(check.contents.accounts)} accounts, ${count(check.contents.auditRows)} audit rows.`);
      if (kept.length > 0) out.line(`The store it replaced is kept as ${kept.map((keptAs) => path.basename(keptAs)).join(', ')}; delete it once the restore is confirmed.`);
      out.line('Passwords are those of the backup’s date: anyone who changed their password since then uses their old one.');
      out.result({ ok: true, file, dataDir, contents: check.contents, replaced: kept });
      return 0;
    } finally {
      fs.rmSync(stagingDir, { recursive: true, force: true });
      restoreLock.release();
    }
  },
};
