// Opening the encrypted store: key it, prove the key, set the pragmas that keep it durable and keep plaintext
// off the disk, and bring the schema up to date in one transaction.
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { appendAudit } from '../audit/auditLog';
import { applyKey, type StoreCipher } from './cipher';
import { conversionWaiting, convertToAegis, finishInterruptedConversion, type ConversionHooks } from './convertToAegis';
import { migrations as allMigrations, type Migration } from './migrations';
import { markStoreOpen, StoreInUseError } from './storeInUse';
import { writeTransaction } from './transactions';

export type Store = Database.Database;

export const DATABASE_FILE = 'safeguarding.db';

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

export class StoreError extends Error {
  constructor(
    message: string,
    readonly reason: 'wrong_key' | 'newer_version' | 'damaged' | 'in_use',
  ) {
    super(message);
  }
}

export interface OpenOptions {
  /** Told when a store from before decision 0028 could not be converted this time (it opens in its old format). */
  onConversionFailed?(error: Error): void;
  /** Tests only: makes a step of the conversion fail. */
  conversionHooks?: ConversionHooks;
}

/** The audit row of a conversion (decision 0028). */
export const CONVERTED_COMMAND = 'store.convertedToAegis256';

/**
 * Opens (creating if absent) and migrates the store. Throws StoreError with a message a person can act on. While the
 * store is open this process is marked as using it (storeInUse.ts), so a restore cannot replace the file underneath.
 * A store from before decision 0028 (SQLCipher 4) is converted to AEGIS-256 first, unless another process has it open.
 */
export function openStore(file: string, key: Buffer, migrations: readonly Migration[] = allMigrations, options: OpenOptions = {}): Store {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let converted = finishInterruptedConversion(file);
  if (conversionWaiting(file)) {
    // The store is the checked copy waiting in the staging folder, and another process stopped it being moved in: an
    // empty store must never be created in its place.
    throw new StoreError(`The store in ${path.dirname(file)} is part-way through its conversion to AEGIS-256 and another program has the folder open. Close Safeguarding Records and any admin command using this folder, then sign in again.`, 'in_use');
  }
  let cipher = fs.existsSync(file) ? formatOf(file, key) : 'aegis-256';
  if (cipher === 'sqlcipher-4') {
    try {
      converted = convertToAegis(file, key, options.conversionHooks).converted;
      if (converted) cipher = 'aegis-256';
    } catch (error) {
      // Normally the old store is still in place and still opens; the conversion is tried again at the next open.
      options.onConversionFailed?.(error as Error);
      // A swap that could neither finish nor be undone leaves the checked copy waiting in the staging folder: it is the
      // store now. Never carry on to create an empty store in the place of a missing one.
      if (!fs.existsSync(file)) {
        if (!finishInterruptedConversion(file)) throw new StoreError((error as Error).message, 'damaged');
        converted = true;
        cipher = 'aegis-256';
      }
    }
  }
  let markedClosed: () => void;
  try {
    markedClosed = markStoreOpen(path.dirname(file));
  } catch (error) {
    if (error instanceof StoreInUseError) throw new StoreError(error.message, 'in_use');
    throw error;
  }
  const isNew = !fs.existsSync(file);
  let db: Store;
  try {
    db = new Database(file);
  } catch (error) {
    markedClosed();
    throw error;
  }
  const close = db.close.bind(db);
  db.close = () => {
    try {
      return close();
    } finally {
      markedClosed();
    }
  };
  // Owner-only, like the keyring: other accounts on a shared computer have no business with the file even encrypted.
  if (isNew && process.platform !== 'win32') fs.chmodSync(file, 0o600);
  try {
    applyKey(db, key, cipher);
    proveKey(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    // Routine checkpoints run on a worker thread after commands (backgroundCheckpoints.ts), so a save does not pay for
    // one. SQLite's own checkpoint stays as the backstop, at its default of 1,000 pages (decision 0009's addendum):
    // under unbroken writing the worker never quite catches up, and only a checkpoint on this connection lets the log
    // start afresh — then each commit overwrites the log instead of extending it, and an extending commit's flush cost
    // twice an overwriting one's (0.37 against 0.21 ms for an audit row). By then the worker has copied nearly every
    // page, so the backstop has little left to do.
    db.pragma('wal_autocheckpoint = 1000');
    // Up to 256 MiB of decrypted pages: each page read from disk costs a decryption and an HMAC check, so a warm
    // cache is what keeps ten years of a large school's queue and reports quick. At 64 MiB the culture report's
    // indexes over 150,000 concerns no longer fitted (600 ms instead of 220 ms), at 128 MiB a trust's million did not
    // (1 s instead of 0.4 s). The cache only grows as pages are read, and is freed when the store is locked.
    db.pragma('cache_size = -262144');
    migrate(db, migrations);
    if (converted) {
      writeTransaction(db, () =>
        appendAudit(db, { at: new Date().toISOString(), userId: null, role: null, door: 'store', client: null, command: CONVERTED_COMMAND, recordIds: [], outcome: 'ok' }),
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Which format the file at `file` is in, found by trying: AEGIS-256 first, then SQLCipher 4. Both authenticate page 1,
 * so the wrong scheme fails exactly as a wrong key does, never by reading garbage. A file that opens with neither
 * (a wrong key) is reported as AEGIS-256, and proveKey then refuses it with the usual message.
 */
function formatOf(file: string, key: Buffer): StoreCipher {
  for (const cipher of ['aegis-256', 'sqlcipher-4'] as const) {
    const probe = new Database(file, { fileMustExist: true });
    try {
      applyKey(probe, key, cipher);
      probe.prepare('SELECT count(*) FROM sqlite_master').get();
      return cipher;
    } catch (error) {
      // Page 1 passed its check but the file ends early: this is the format, and proveKey says the file is damaged.
      if ((error as { code?: string }).code === 'SQLITE_CORRUPT') return cipher;
    } finally {
      probe.close();
    }
  }
  return 'aegis-256';
}

function proveKey(db: Store, file: string): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    // The first page decrypted and passed its check (so the key is right) but the file ends before the pages it
    // promises: cut short, not a key problem. A wrong key fails on the first page itself ("not a database").
    if ((error as { code?: string }).code === 'SQLITE_CORRUPT') {
      throw new StoreError(`The database ${file} is damaged or incomplete: it opens with this key but ends before its last page, as a file cut short while being copied does.`, 'damaged');
    }
    throw new StoreError(`The database ${file} could not be opened with this key: the key is wrong or the file is not a Safeguarding Records database.`, 'wrong_key');
  }
}

export function schemaVersion(db: Store): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Rewrites one table's CHECK text (SQLite's documented procedure for schema changes that leave stored rows as they
 * are): the old text must appear exactly once, and the schema version is bumped so every connection re-reads it.
 * Defensive mode, which forbids this, is lifted only for these few statements.
 */
function widenCheck(db: Store, change: NonNullable<Migration['widenCheck']>): void {
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(change.table) as string | undefined;
  if (!sql || sql.split(change.from).length !== 2) throw new Error(`Cannot widen the check on ${change.table}: its definition is not the one expected`);
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?").run(sql.replace(change.from, change.to), change.table);
    db.pragma(`schema_version = ${Number(version) + 1}`);
  } finally {
    db.pragma('writable_schema = OFF');
    db.unsafeMode(false);
  }
}

function migrate(db: Store, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    // Refuse before touching anything: an older app must not write to a newer schema.
    throw new StoreError(
      `This database was written by a newer version of Safeguarding Records (schema ${current}; this version knows up to ${latest}). Install the newer version; the database has not been changed.`,
      'newer_version',
    );
  }
  if (current === latest) return;
  // Under the write lock, the version is read again: the app and the admin CLI may open the store at the same moment,
  // and only the first to get the lock migrates.
  writeTransaction(db, () => {
    const pending = migrations.filter((step) => step.version > schemaVersion(db));
    for (const step of pending) {
      if (step.widenCheck) widenCheck(db, step.widenCheck);
      db.exec(step.sql);
      db.pragma(`user_version = ${Number(step.version)}`);
    }
  });
}
