// `backup FILE`: an encrypted, consistent copy of the store and its keyring, taken while the app may be open, and
// then opened once to prove it can be restored.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendAudit } from '../../core/audit';
import { keyringPath } from '../../core/crypto';
import { cipherOf, writeEncryptedCopy, writeTransaction, type StoreCipher } from '../../core/store';
import { CliError, requiredValue } from '../arguments';
import { checkBackupInto, keyringCopyFor } from '../backupFiles';
import { count } from '../output';
import { cliCaller, kdfCostFromEnvironment, openExistingSchool, passwordFromEnvironment, requireRole, signIn } from '../openSchool';
import type { CliCommand } from './command';

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup FILE --username U --data-dir DIR [--json]',
  summary: 'Write an encrypted, consistent copy of the store to FILE and the keyring to FILE.keyring.json, then check it opens.',
  options: { values: ['username'], positionals: 1 },
  async run(args, { dataDir, out }) {
    const target = args.positionals[0];
    if (!target) throw new CliError('Name the backup file, for example: backup "D:\\Backups\\safeguarding-2026-11-23.db" --username p.jones', 2);
    const file = path.resolve(target);
    const keyringFile = keyringCopyFor(file);
    const username = requiredValue(args, 'username', 'p.jones');
    // Read before anything is opened, so a missing password is reported first and costs nothing.
    const password = passwordFromEnvironment(`the password of ${username}`);
    for (const existing of [file, keyringFile]) {
      if (fs.existsSync(existing)) throw new CliError(`${existing} already exists. Backups never overwrite each other: choose a new file name (a date in the name works well).`);
    }

    const app = openExistingSchool(dataDir, out);
    // A copy is written in the store's own format (VACUUM INTO keeps the cipher): AEGIS-256, or SQLCipher 4 for a store
    // that another process kept open through its conversion (decision 0028). A restore converts the latter.
    let cipher: StoreCipher;
    try {
      const session = await signIn(app, cliCaller(), username, password);
      requireRole(session, ['dsl', 'admin'], 'backups are made by a DSL or an administrator.');
      const db = app.store!;
      cipher = cipherOf(db);
      writeEncryptedCopy(db, file);
      fs.copyFileSync(keyringPath(dataDir), keyringFile);
      fs.chmodSync(keyringFile, 0o600);
      writeTransaction(db, () =>
        appendAudit(db, { at: app.clock().toISOString(), userId: session.user.id, role: session.user.role, door: 'cli', client: null, command: 'cli.backup', recordIds: [], outcome: 'ok' }),
      );
    } catch (error) {
      if (!(error instanceof CliError)) throw new CliError(`The backup failed: ${(error as Error).message}. Check there is space and permission to write ${file}.`);
      throw error;
    } finally {
      app.close();
    }

    const stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguarding-backup-check-'));
    try {
      const check = await checkBackupInto({ database: file, keyring: keyringFile }, stagingDir, username, password, kdfCostFromEnvironment(out));
      if (!check.ok) throw new CliError(`The backup was written to ${file}, but checking it failed: ${check.problem}. Do not rely on it; run the backup again.`);
      out.line(`Backup written: ${file}`);
      out.line(`Keyring copy:   ${keyringFile}`);
      out.line(`Encrypted with: ${cipher === 'aegis-256' ? 'AEGIS-256' : 'SQLCipher 4 (converted to AEGIS-256 when restored)'}`);
      out.line(`Checked: it opens with ${username}’s password and passes the integrity check and the audit chain (${count(check.contents.pupils)} pupils, ${count(check.contents.concerns)} concerns).`);
      out.line('');
      out.line('Keep BOTH files together: the database copy cannot be opened without its keyring copy. Opening them also needs');
      out.line('the school’s recovery key or the password of an account that existed when the backup was made.');
      out.line('Both files are encrypted; store them where only the school’s IT lead can reach them, and test a restore each term.');
      out.result({ ok: true, file, keyringFile, cipher, contents: check.contents });
      return 0;
    } finally {
      fs.rmSync(stagingDir, { recursive: true, force: true });
    }
  },
};
