// `independent-key`: the school's data key, as the PRAGMA lines that open a copy of a backup in the SQLite3 Multiple
// Ciphers shell — the route to the records if the app itself cannot be used (decision 0028). It asks for the recovery
// key, not a password: it is the school's key of last resort, held by whoever would need this route. Taking the key is
// recorded in the school's audit log, and so is a wrong recovery key; a backup itself is never changed, so a key taken
// from a backup with no school's store at hand is recorded nowhere, and the command says so.
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { KeyringHolder, RECOVERY_KEY_SUBJECT } from '../../core/app';
import { appendAudit } from '../../core/audit';
import { decodeRecoveryKey, KeyringError, keyringPath, readKeyring, readKeyringFile, unwrapWithRecoveryKey, wipe, type Keyring } from '../../core/crypto';
import { CommandError } from '../../core/dispatch/commandError';
import { applyKey, cipherOf, databasePath, openStore, pragmasFor, rawKeyPragma, StoreError, writeTransaction, type Store, type StoreCipher } from '../../core/store';
import { formatDateTime } from '../../../shared/calendar';
import { CliError, type ParsedArguments } from '../arguments';
import { keyringCopyFor, problemWithShape } from '../backupFiles';
import { RECOVERY_KEY_VARIABLE, recoveryKeyFromEnvironment } from '../openSchool';
import type { Output } from '../output';
import type { CliCommand } from './command';

/** The audit log's name for taking the key, and for a wrong recovery key given to take it. */
export const INDEPENDENT_KEY_COMMAND = 'cli.independentKey';

/** The encrypted file whose key is asked for, and the keyring that holds that key wrapped by the recovery key. */
interface KeyedFile {
  kind: 'backup' | 'store';
  database: string;
  keyringFile: string;
  keyring: Keyring;
  /** What the audit row names: the backup's file name, or the live store. */
  recordId: string;
}

/** Where taking the key is recorded: the school's own store, or why there is none to record it in. */
type AuditHome = { dataDir: string } | { unreachable: string };

export const independentKeyCommand: CliCommand = {
  name: 'independent-key',
  usage: 'independent-key [--backup FILE [--keyring PATH]] --data-dir DIR [--json]',
  summary: `Print the data key as the PRAGMA lines that open a copy of the backup FILE (or of the store in DIR) in the SQLite3 Multiple Ciphers shell. The recovery key is read from ${RECOVERY_KEY_VARIABLE}; taking the key is recorded in the audit log of the school's store in DIR.`,
  options: { values: ['backup', 'keyring'] },
  async run(args, { dataDir, out }) {
    // Read before anything is opened, so a missing key is reported first and costs nothing.
    const recoveryKey = recoveryKeyFromEnvironment();
    const target = keyedFileFrom(args, dataDir);
    const home = auditHomeFor(target, dataDir);
    const dataKey = await dataKeyFrom(target, recoveryKey, home);
    try {
      // A backup is proved to open with the key before anything is recorded; the store is proved by opening it to record.
      const backupCipher = target.kind === 'backup' ? cipherOpening(target, dataKey) : null;
      const storeCipher = 'dataDir' in home ? recordInStore(home.dataDir, dataKey, target.recordId) : null;
      const cipher = backupCipher ?? storeCipher ?? cipherOpening(target, dataKey);
      const pragmas = [...pragmasFor(cipher), rawKeyPragma(dataKey)].map((pragma) => `PRAGMA ${pragma};`);
      tellKey(out, target, cipher, pragmas, home);
      out.result({ ok: true, file: target.database, cipher, pragmas, audited: 'dataDir' in home, ...('unreachable' in home ? { notAudited: home.unreachable } : {}) });
      return 0;
    } finally {
      wipe(dataKey);
    }
  },
};

function keyedFileFrom(args: ParsedArguments, dataDir: string): KeyedFile {
  const backup = args.values.get('backup');
  if (backup === undefined) {
    if (args.values.has('keyring')) throw new CliError('--keyring goes with --backup FILE: the store in a data folder always uses the keyring.json beside it.', 2);
    const keyring = readKeyringOrExplain(() => readKeyring(dataDir));
    const database = databasePath(dataDir);
    if (!keyring || !fs.existsSync(database)) {
      throw new CliError(`No school is set up in ${dataDir}. Check --data-dir or SAFEGUARDING_DATA_DIR, or name a backup with --backup FILE.`);
    }
    return { kind: 'store', database, keyringFile: keyringPath(dataDir), keyring, recordId: 'store' };
  }
  const database = path.resolve(backup);
  if (!fs.existsSync(database) || !fs.statSync(database).isFile()) throw new CliError(`There is no backup file at ${database}.`);
  const notABackup = problemWithShape(database);
  if (notABackup) throw new CliError(`${database} cannot give a key: ${notABackup}. No key was printed.`);
  const keyringFile = path.resolve(args.values.get('keyring') ?? keyringCopyFor(database));
  const keyring = readKeyringOrExplain(() => readKeyringFile(keyringFile));
  if (!keyring) {
    throw new CliError(`The keyring copy ${keyringFile} is missing. A backup is two files: the database and FILE.keyring.json beside it (or name it with --keyring PATH).`);
  }
  return { kind: 'backup', database, keyringFile, keyring, recordId: `backup:${path.basename(database)}` };
}

function readKeyringOrExplain(read: () => Keyring | null): Keyring | null {
  try {
    return read();
  } catch (error) {
    if (error instanceof KeyringError) throw new CliError(`${error.message} No key was printed.`);
    throw error;
  }
}

/** The school's store in DIR is where taking the key is recorded, if it is this file's school (the same installation). */
function auditHomeFor(target: KeyedFile, dataDir: string): AuditHome {
  let school: Keyring | null;
  try {
    school = readKeyring(dataDir);
  } catch (error) {
    return { unreachable: `the keyring in ${dataDir} cannot be read (${(error as Error).message})` };
  }
  if (!school || !fs.existsSync(databasePath(dataDir))) return { unreachable: `there is no school’s store in ${dataDir} to record it in, and a backup itself is never changed` };
  if (school.installId !== target.keyring.installId) {
    return { unreachable: `the store in ${dataDir} is not the one this backup was made from (another school, or another installation), and a backup itself is never changed` };
  }
  return { dataDir };
}

/**
 * The data key, unwrapped from the file's keyring with the recovery key. Where the school's store is at hand the try
 * goes through its keyring's one check of a secret, so a wrong recovery key is slowed and audited as it is in the app.
 */
async function dataKeyFrom(target: KeyedFile, recoveryKey: string, home: AuditHome): Promise<Buffer> {
  const wrongMessage =
    decodeRecoveryKey(recoveryKey) === null
      ? `${RECOVERY_KEY_VARIABLE} does not hold a recovery key as it was printed (52 letters and digits in groups of four, never I, L, O or U). No key was printed.`
      : `That recovery key does not open ${target.keyringFile}: it is mistyped, or it is another school’s. Check it against the printout kept when the school was set up. No key was printed.`;
  const unwrap = () => {
    const decoded = decodeRecoveryKey(recoveryKey);
    const dataKey = decoded ? unwrapWithRecoveryKey(target.keyring, decoded) : null;
    wipe(decoded);
    return dataKey;
  };
  if (!('dataDir' in home)) {
    const dataKey = unwrap();
    if (!dataKey) throw new CliError(wrongMessage);
    return dataKey;
  }
  const holder = new KeyringHolder(home.dataDir, () => new Date(), () => null);
  try {
    return await holder.checkSecret(
      {
        // This computer's own door: no network address, so the subject is the recovery key's own, as for the app's window.
        subject: RECOVERY_KEY_SUBJECT,
        door: 'cli',
        client: null,
        command: INDEPENDENT_KEY_COMMAND,
        recordIds: [target.recordId, 'authority:recovery key'],
        by: null,
        wrong: { code: 'forbidden', message: wrongMessage, fields: {} },
      },
      unwrap,
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.code === 'rate_limited') {
      const after = error.retryAt ? formatDateTime(new Date(error.retryAt)) : 'a few minutes';
      throw new CliError(`Too many wrong recovery keys have been tried for this school. Try again after ${after}. No key was printed.`);
    }
    throw new CliError(error.message);
  }
}

/** Writes the audit row in the school's store before the key is shown; no row, no key. Returns the store's cipher. */
function recordInStore(dataDir: string, dataKey: Buffer, recordId: string): StoreCipher {
  let db: Store;
  try {
    db = openStore(databasePath(dataDir), dataKey);
  } catch (error) {
    if (error instanceof StoreError) {
      throw new CliError(`Taking the key is recorded in the audit log of the school’s store in ${dataDir}, and it could not be opened to record it: ${error.message} No key was printed.`);
    }
    throw error;
  }
  try {
    writeTransaction(db, () =>
      appendAudit(db, { at: new Date().toISOString(), userId: null, role: null, door: 'cli', client: null, command: INDEPENDENT_KEY_COMMAND, recordIds: [recordId, 'authority:recovery key'], outcome: 'ok' }),
    );
    return cipherOf(db);
  } finally {
    db.close();
  }
}

/**
 * The format a backup with no store at hand is in, found by trying the key read-only (AEGIS-256, then SQLCipher 4 for
 * a backup from before decision 0028). Opening it at all proves the key before it is shown.
 */
function cipherOpening(target: KeyedFile, dataKey: Buffer): StoreCipher {
  // A read-only connection to a file in WAL mode (a store copied by hand) makes a -wal and -shm beside it; the
  // backup's folder is left as it was found.
  const companions = ['-wal', '-shm'].map((suffix) => `${target.database}${suffix}`).filter((companion) => !fs.existsSync(companion));
  try {
    for (const cipher of ['aegis-256', 'sqlcipher-4'] as const) {
      const db = new Database(target.database, { readonly: true, fileMustExist: true });
      try {
        applyKey(db, dataKey, cipher);
        db.prepare('SELECT count(*) FROM sqlite_master').get();
        return cipher;
      } catch {
        // The wrong format fails exactly as a wrong key does: try the next.
      } finally {
        db.close();
      }
    }
  } finally {
    for (const companion of companions) fs.rmSync(companion, { force: true });
  }
  throw new CliError(
    `The key in ${target.keyringFile} does not open ${target.database}: the keyring copy belongs to a different backup or school, or the file is not a Safeguarding Records backup. No key was printed.`,
  );
}

function tellKey(out: Output, target: KeyedFile, cipher: StoreCipher, pragmas: readonly string[], home: AuditHome): void {
  out.line(`The data key of ${target.keyring.school.name}’s records, for the SQLite3 Multiple Ciphers shell (docs/admin-guide.md, “Opening the file without the app”).`);
  out.line('');
  out.line('WARNING: this key reads every record — every concern, pupil and account — with no password, and nothing read with');
  out.line('it is audited. Keep it off shared screens; never email it, paste it into a ticket or chat, or save it in a file.');
  out.line('Open only a COPY of a backup, read-only: never the backup itself, and never the live data folder.');
  out.line('');
  out.line('  sqlite3mc_shell -readonly COPY-OF-THE-BACKUP.db');
  for (const pragma of pragmas) out.line(`  ${pragma}`);
  out.line('  SELECT count(*) FROM concerns;');
  out.line('');
  if (cipher === 'sqlcipher-4') out.line('This file is from before AEGIS-256 (SQLCipher 4), so these are its old settings; the shell reads both.');
  if ('dataDir' in home) out.line(`Recorded in the audit log of the school’s store in ${home.dataDir} (${INDEPENDENT_KEY_COMMAND}).`);
  else out.line(`Not recorded in any audit log: ${home.unreachable}. Write in your IT log that you took the key, when and why.`);
}
