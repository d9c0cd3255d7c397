// A backup is two files: the encrypted database copy, and beside it a copy of the keyring (FILE.keyring.json),
// without which the copy cannot be opened. Checking one means opening it exactly as a restore would.
import fs from 'node:fs';
import path from 'node:path';
import { SafeguardingApp, dispatch, type AppOptions, type Log } from '../core';
import { KEYRING_FILE } from '../core/crypto';
import { DATABASE_FILE } from '../core/store';
import type { AuditVerification } from '../../shared/api';
import { PASSWORD_VARIABLE } from './openSchool';

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
    const signedIn = await dispatch(app, 'session.signIn', { username, password }, 'cli');
    if (!signedIn.ok) {
      if (signedIn.error.code === 'unauthenticated') return { ok: false, problem: `it does not open with ${username}’s password from ${PASSWORD_VARIABLE} (the account may not exist in that backup, or its password was different then)` };
      if (signedIn.error.code === 'internal') return { ok: false, problem: `the database file is damaged or incomplete (${describe(unexpected)})` };
      return { ok: false, problem: `the database file cannot be opened: ${signedIn.error.message}` };
    }
    const verified = await dispatch(app, 'audit.verify', {}, 'cli');
    if (!verified.ok) {
      if (verified.error.code === 'forbidden') return { ok: false, problem: `${username} may not check a store: use the account of a DSL or an administrator` };
      return { ok: false, problem: `the database file is damaged or incomplete (${verified.error.code === 'internal' ? describe(unexpected) : verified.error.message})` };
    }
    const { integrity, chain } = verified.value as AuditVerification;
    if (!integrity.ok) return { ok: false, problem: `it fails the integrity check (${integrity.messages.slice(0, 3).join('; ')})` };
    if (!chain.ok) return { ok: false, problem: `its audit log is broken at row ${chain.firstBrokenRow} (${chain.reason})` };
    const db = app.current()!.db;
    const countOf = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { ok: true, contents: { pupils: countOf('pupils'), concerns: countOf('concerns'), accounts: countOf('users'), auditRows: chain.rowsChecked } };
  } finally {
    app.close();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'the store could not be read';
}
