// Converting a store written before decision 0028 (SQLCipher 4) to AEGIS-256, once, at the first open after the
// upgrade. sqlite3mc's in-place `rekey` refuses a database in WAL mode, and the live store is always in WAL mode, so:
// an encrypted copy (VACUUM INTO, still SQLCipher 4), re-encrypted as AEGIS-256 with the same raw key while it is a
// closed, rollback-journal copy nobody else can see; the copy opened as AEGIS-256 and checked (integrity, the audit
// chain, every table's rows); then the restore's undoable rename sequence puts it in place. The old file is kept
// until the swap is on disk. A failure at any step leaves the old store, which still opens; a crash in the middle of
// the swap is finished by the next open (`finishInterruptedConversion`).
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { integrityCheck, verifyAuditChain } from '../audit/auditLog';
import { applyKey, cipherOf, cipherPragmas, rawKeyPragma } from './cipher';
import { writeEncryptedCopy } from './encryptedCopy';
import { nodeFileOps, replaceFiles, replacedName, type FileOps } from './replaceFiles';
import { StoreInUseError, lockForRestore } from './storeInUse';
import { syncFolder } from './syncFolder';

/** The staging folder, inside the data folder so the swap is a rename on the same disk. */
export const CONVERSION_DIR = '.convert-aegis';
/** Written into the staging folder once the copy has been checked: only a checked copy is ever moved in. */
const CHECKED_MARK = 'checked';

export type ConversionStep = 'copy' | 're-encrypt' | 'check' | 'swap' | 'clean up';

/** Seams for the tests that make each step fail: nothing here changes what a step does. */
export interface ConversionHooks {
  beforeStep?(step: ConversionStep): void;
  fileOps?: FileOps;
}

export type ConversionResult = { converted: true } | { converted: false; reason: 'in_use' };

/** What a store holds, to prove the copy lost nothing: each table's rows, and the audit chain's length and head. */
function contentsOf(db: Database.Database): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const counts = tables.map((name) => [name, db.prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`).pluck().get()]);
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() ?? null;
  return JSON.stringify({ counts, head });
}

function fsyncFile(file: string): void {
  const descriptor = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
}

/** A stamp for the kept old file's name: sorts by time and is safe in a file name on every system. */
const stamp = (now: Date) => now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/**
 * Converts the SQLCipher 4 store at `file` to AEGIS-256 with the same key. Nobody may have the store open meanwhile
 * (the restore lock is taken; while another process has it open the result is `in_use` and nothing is changed).
 * Throws if a step fails, with the old store in place and unchanged.
 */
export function convertToAegis(file: string, key: Buffer, hooks: ConversionHooks = {}): ConversionResult {
  const dataDir = path.dirname(file);
  const name = path.basename(file);
  const staging = path.join(dataDir, CONVERSION_DIR);
  const copy = path.join(staging, name);
  const step = (next: ConversionStep) => hooks.beforeStep?.(next);
  let lock: ReturnType<typeof lockForRestore>;
  try {
    lock = lockForRestore(dataDir);
  } catch (error) {
    if (error instanceof StoreInUseError) return { converted: false, reason: 'in_use' };
    throw error;
  }
  try {
    // Whatever an earlier attempt left is discarded: the old store is still in place (finishInterruptedConversion ran).
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { mode: 0o700 });

    step('copy');
    let before: string;
    const old = new Database(file, { fileMustExist: true });
    try {
      applyKey(old, key, 'sqlcipher-4');
      before = contentsOf(old);
      writeEncryptedCopy(old, copy);
    } finally {
      old.close();
    }

    step('re-encrypt');
    // The copy is in rollback-journal mode and closed to everyone else, which is where rekey works.
    const copyDb = new Database(copy, { fileMustExist: true });
    try {
      applyKey(copyDb, key, 'sqlcipher-4');
      copyDb.pragma('synchronous = FULL');
      for (const pragma of cipherPragmas) copyDb.pragma(pragma);
      copyDb.pragma(rawKeyPragma(key, 'rekey'));
    } finally {
      copyDb.close();
    }
    fsyncFile(copy);

    step('check');
    const checked = new Database(copy, { fileMustExist: true });
    try {
      applyKey(checked, key);
      if (cipherOf(checked) !== 'aegis-256') throw new Error('the converted copy is not AEGIS-256');
      const integrity = integrityCheck(checked);
      if (!integrity.ok) throw new Error(`the converted copy fails the integrity check (${integrity.messages.slice(0, 3).join('; ')})`);
      const chain = verifyAuditChain(checked);
      if (!chain.ok) throw new Error(`the converted copy's audit chain is broken at row ${chain.firstBrokenRow} (${chain.reason})`);
      if (contentsOf(checked) !== before) throw new Error('the converted copy does not hold the same rows as the store');
    } finally {
      checked.close();
    }
    fs.writeFileSync(path.join(staging, CHECKED_MARK), '');
    syncFolder(staging);

    step('swap');
    const kept = replaceFiles(dataDir, staging, stamp(new Date()), { current: [name, `${name}-wal`, `${name}-shm`], staged: [name] }, 'the converted store', hooks.fileOps ?? nodeFileOps);

    // The converted store is in place and on disk: a failure from here on leaves only an old copy lying about.
    try {
      step('clean up');
      for (const keptFile of kept) fs.rmSync(keptFile, { force: true });
      fs.rmSync(staging, { recursive: true, force: true });
    } catch {
      // The kept old file (the same records in the old format, under the same key) is removed at the next conversion
      // of this folder, or by hand; it is never opened.
    }
    return { converted: true };
  } catch (error) {
    // Only while the old store is in place is the staging folder thrown away: after a swap that could not be undone
    // it holds the checked copy, which the next open moves in.
    if (fs.existsSync(file)) fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    lock.release();
  }
}

/** Whether the store's file is missing while its checked AEGIS-256 copy waits to be moved in (a swap cut short). */
export function conversionWaiting(file: string): boolean {
  const staging = path.join(path.dirname(file), CONVERSION_DIR);
  return !fs.existsSync(file) && fs.existsSync(path.join(staging, path.basename(file))) && fs.existsSync(path.join(staging, CHECKED_MARK));
}

/**
 * Finishes a conversion that stopped part-way through its swap (a power cut, a killed process): the store's file is
 * gone but the checked AEGIS-256 copy waits in the staging folder. Moves it in and returns true; otherwise does nothing.
 */
export function finishInterruptedConversion(file: string): boolean {
  if (!conversionWaiting(file)) return false;
  const staging = path.join(path.dirname(file), CONVERSION_DIR);
  const copy = path.join(staging, path.basename(file));
  let lock: ReturnType<typeof lockForRestore>;
  try {
    lock = lockForRestore(path.dirname(file));
  } catch (error) {
    if (error instanceof StoreInUseError) return false;
    throw error;
  }
  try {
    if (fs.existsSync(file)) return false;
    // The old store's log, if the swap stopped before moving it aside, must never be read with the new file.
    for (const companion of [`${file}-wal`, `${file}-shm`]) {
      if (fs.existsSync(companion)) fs.renameSync(companion, path.join(path.dirname(companion), replacedName(path.basename(companion), stamp(new Date()))));
    }
    fs.renameSync(copy, file);
    syncFolder(path.dirname(file));
    fs.rmSync(staging, { recursive: true, force: true });
    return true;
  } finally {
    lock.release();
  }
}

