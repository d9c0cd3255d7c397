// `restore FILE`: puts a backup back, but only after proving it opens with the given password and passes the
// integrity check and the audit chain. The store it replaces is kept beside it, renamed with the date.
import fs from 'node:fs';
import path from 'node:path';
import { KEYRING_FILE } from '../../core/crypto';
import { DATABASE_FILE, databasePath } from '../../core/store';
import { CliError, requiredValue } from '../arguments';
import { checkBackupInto, keyringCopyFor } from '../backupFiles';
import { count } from '../output';
import { kdfCostFromEnvironment, passwordFromEnvironment } from '../openSchool';
import type { CliCommand } from './command';

/** The store's files, in the order they are moved; the WAL and shared-memory files travel with the database. */
const storeFiles = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, KEYRING_FILE, `${KEYRING_FILE}.bak`];

/** 20261123-143005: sorts by time and is safe in a file name on every system. */
const stamp = (now: Date) => now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** The name a replaced file keeps: `safeguarding.db.replaced-STAMP`, with `-wal` after it so SQLite still finds it. */
function replacedName(file: string, when: string): string {
  const companion = file.match(/^(safeguarding\.db)(-wal|-shm)$/);
  return companion ? `${companion[1]}.replaced-${when}${companion[2]}` : `${file}.replaced-${when}`;
}

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
    // Staged inside the data folder, so moving the checked copy into place is a rename on the same disk.
    const stagingDir = fs.mkdtempSync(path.join(dataDir, '.restore-'));
    try {
      const check = await checkBackupInto({ database: file, keyring: keyringFile }, stagingDir, username, password, kdfCostFromEnvironment(out));
      if (!check.ok) throw new CliError(`The backup ${file} cannot be restored: ${check.problem}. Nothing has been changed.`);

      const when = stamp(new Date());
      const kept: string[] = [];
      for (const name of storeFiles) {
        const current = path.join(dataDir, name);
        if (!fs.existsSync(current)) continue;
        const keptAs = path.join(dataDir, replacedName(name, when));
        fs.renameSync(current, keptAs);
        kept.push(keptAs);
      }
      for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, KEYRING_FILE]) {
        const staged = path.join(stagingDir, name);
        if (fs.existsSync(staged)) fs.renameSync(staged, path.join(dataDir, name));
      }

      out.line(`Restored ${file} into ${dataDir}.`);
      out.line(`It opened with ${username}’s password and passed the integrity check and the audit chain: ${count(check.contents.pupils)} pupils, ${count(check.contents.concerns)} concerns, ${count(check.contents.accounts)} accounts, ${count(check.contents.auditRows)} audit rows.`);
      if (kept.length > 0) out.line(`The store it replaced is kept as ${kept.map((keptAs) => path.basename(keptAs)).join(', ')}; delete it once the restore is confirmed.`);
      out.line('Passwords are those of the backup’s date: anyone who changed their password since then uses their old one.');
      out.result({ ok: true, file, dataDir, contents: check.contents, replaced: kept });
      return 0;
    } finally {
      fs.rmSync(stagingDir, { recursive: true, force: true });
    }
  },
};
