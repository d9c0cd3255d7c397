// A backup is two files: the encrypted database copy, and beside it a copy of the keyring (FILE.keyring.json),
// without which the copy cannot be opened. Checking one means opening it exactly as a restore would.
import fs from 'node:fs';
import path from 'node:path';
import { SafeguardingApp, dispatch, type AppOptions, type Log } from '../core';
import { KEYRING_FILE } from '../core/crypto';
import { CommandError } from '../core/dispatch/commandError';
import { DATABASE_FILE, StoreError } from '../core/store';
import type { AuditVerification } from '../../shared/api';
import { PASSWORD_VARIABLE, cliCaller } from './openSchool';

export const keyringCopyFor = (backupFile: string) => `${backupFile}.keyring.json`;

export interface BackupContents {
  pupils: number;
  concerns: number;
  accounts: number;
  auditRows: number;
}

export type BackupCheck = { ok: true; contents: BackupContents } | { ok: false; problem: string };

/**
 * Copies the backup into `stagingDir` as a data folder, signs in to it with the password and checks the
 * integrity and the audit chain. The staged copy is left in place (closed) so a restore can move it in.
 */
export async function checkBackupInto(
  files: { database: string; keyring: string },
  stagingDir: string,
  username: string,
  password: string,
  kdfCost: AppOptions['kdfCost'],
): Promise<BackupCheck> {
  const shape = problemWithShape(files.database);
  if (shape) return { ok: false, problem: shape };
  fs.mkdirSync(stagingDir, { recursive: true, mode: 0o700 });
  fs.copyFileSync(files.database, path.join(stagingDir, DATABASE_FILE));
  fs.copyFileSync(files.keyring, path.join(stagingDir, KEYRING_FILE));
  // An unexpected failure inside the store (a truncated file) is kept so the message can name SQLite's reason.
  let unexpected: unknown = null;
  const log: Log = {
    error(_context, error) {
      unexpected = error;
      return 'backup-check';
    },
  };
  let app: SafeguardingApp;
  try {
    app = new SafeguardingApp({ dataDir: stagingDir, kdfCost, log });
  } catch (error) {
    return { ok: false, problem: `its keyring copy ${files.keyring} cannot be read (${(error as Error).message})` };
  }
  try {
    const caller = cliCaller();
    // Signed in directly rather than through dispatch, to keep the store's own reason for refusing the file.
    try {
      await app.signIn(username, password, caller);
    } catch (error) {
      return { ok: false, problem: signInProblem(error, files, username) };
    }
    const verified = await dispatch(app, 'audit.verify', {}, caller);
    if (!verified.ok) {
      if (verified.error.code === 'forbidden') return { ok: false, problem: `${username} may not check a store: use the account of a DSL or an administrator` };
      return { ok: false, problem: `the database file is damaged or incomplete (${verified.error.code === 'internal' ? describe(unexpected) : verified.error.message})` };
    }
    const { integrity, chain } = verified.value as AuditVerification;
    if (!integrity.ok) return { ok: false, problem: `it fails the integrity check (${integrity.messages.slice(0, 3).join('; ')})` };
    if (!chain.ok) return { ok: false, problem: `its audit log is broken at row ${chain.firstBrokenRow} (${chain.reason})` };
    const db = app.store!;
    const countOf = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { ok: true, contents: { pupils: countOf('pupils'), concerns: countOf('concerns'), accounts: countOf('users'), auditRows: chain.rowsChecked } };
  } finally {
    app.close();
  }
}

const PAGE_BYTES = 4096;

/** What is wrong with a file that cannot be a backup at all, found from its size and first bytes without a key. */
export function problemWithShape(file: string): string | null {
  const size = fs.statSync(file).size;
  if (size === 0) return 'the file is empty: it is not a backup, or copying it failed before anything was written';
  const start = Buffer.alloc(Math.min(size, 64));
  const descriptor = fs.openSync(file, 'r');
  try {
    fs.readSync(descriptor, start, 0, start.length, 0);
  } finally {
    fs.closeSync(descriptor);
  }
  // A backup is encrypted from its first byte, which then look random; these are what other files start with.
  if (start.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') return 'it is not a Safeguarding Records backup: it is an unencrypted SQLite database, and backups are always encrypted';
  if (/^[\t\n\r\x20-\x7e]*$/.test(start.toString('latin1'))) return 'it is not a Safeguarding Records backup: it is a text file';
  if (size % PAGE_BYTES !== 0) {
    return `the file is incomplete: it is ${size.toLocaleString('en-GB')} bytes, not a whole number of the store’s ${PAGE_BYTES.toLocaleString('en-GB')}-byte pages, so it was cut short while being copied (or is not a backup). Use another copy of the backup`;
  }
  return null;
}

function signInProblem(error: unknown, files: { database: string; keyring: string }, username: string): string {
  if (error instanceof CommandError && error.code === 'unauthenticated') {
    return `it does not open with ${username}’s password from ${PASSWORD_VARIABLE} (the account may not exist in that backup, or its password was different then)`;
  }
  if (error instanceof CommandError) return `it could not be opened: ${error.message}`;
  if (error instanceof StoreError) {
    switch (error.reason) {
      case 'wrong_key':
        return `the key in its keyring copy ${files.keyring} does not open the database file: the keyring copy belongs to a different backup or school (keep each backup’s FILE.keyring.json with it), or the file is not a Safeguarding Records backup`;
      case 'newer_version':
        return `it was made by a newer version of Safeguarding Records than this one. Install the newer version and restore with it. (${error.message})`;
      case 'damaged':
        return 'the file is incomplete: it opens with its key but ends before its last page, so it was cut short while being copied. Use another copy of the backup';
      case 'in_use':
        return error.message;
    }
  }
  return `the database file is damaged (${describe(error)})`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'the store could not be read';
}
