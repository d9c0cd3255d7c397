// Which processes have a school's store open, so that a restore never swaps the files under a running app (whose
// next saves would go into the replaced file and vanish). Each process that opens the store leaves a marker in
// `.in-use/` until it closes it; a restore holds `restore.lock` while it checks there are none and moves files.
// Each side writes its own file first and then looks for the other's, so the two can never both go ahead.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { formatDateTime } from '../../../shared/calendar';
import { clearIfStale, ownerIsGone, readOwner, tryCreateLock, type LockOwner } from './lockFiles';

export const IN_USE_DIR = '.in-use';
export const RESTORE_LOCK = 'restore.lock';

export class StoreInUseError extends Error {}

/** Marks the store in `dataDir` open by this process until the returned function is called; refused during a restore. */
export function markStoreOpen(dataDir: string): () => void {
  const dir = path.join(dataDir, IN_USE_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const marker = path.join(dir, `${process.pid}-${crypto.randomBytes(6).toString('hex')}.lock`);
  tryCreateLock(marker);
  const restoreLock = path.join(dataDir, RESTORE_LOCK);
  if (fs.existsSync(restoreLock) && !clearIfStale(restoreLock)) {
    fs.rmSync(marker, { force: true });
    throw new StoreInUseError('The store is being restored from a backup by the admin command line, or converted to its new format at its first opening after an upgrade. Wait a minute for it to finish, then sign in again.');
  }
  return () => fs.rmSync(marker, { force: true });
}

/** The processes that have the store open; markers left by processes that have gone are cleared and counted. */
export function storeOpeners(dataDir: string): { open: LockOwner[]; clearedStale: number } {
  const dir = path.join(dataDir, IN_USE_DIR);
  const open: LockOwner[] = [];
  let clearedStale = 0;
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const file = path.join(dir, name);
    const owner = readOwner(file);
    if (owner && !ownerIsGone(owner)) open.push(owner);
    else if (clearIfStale(file)) clearedStale += 1;
  }
  return { open, clearedStale };
}

/**
 * Takes the restore lock, refused with what to do while any process has the store open. Release it when the
 * restore is over, whether or not it succeeded.
 */
export function lockForRestore(dataDir: string): { release(): void; clearedStale: number } {
  const restoreLock = path.join(dataDir, RESTORE_LOCK);
  if (!tryCreateLock(restoreLock) && !(clearIfStale(restoreLock) && tryCreateLock(restoreLock))) {
    const owner = readOwner(restoreLock);
    throw new StoreInUseError(`Another restore into ${dataDir} is under way (process ${owner?.pid ?? 'unknown'}). Wait for it to finish.`);
  }
  const release = () => fs.rmSync(restoreLock, { force: true });
  const { open, clearedStale } = storeOpeners(dataDir);
  if (open.length > 0) {
    release();
    const who = open.map((owner) => `process ${owner.pid} on ${owner.host}, since ${formatDateTime(new Date(owner.since))}`).join('; ');
    throw new StoreInUseError(
      `The store in ${dataDir} is open (${who}). Restoring now would replace the file under the app, and everything saved after that would be lost. Ask everyone to sign out and close Safeguarding Records on every computer using this folder, then run restore again. If the app is certainly closed, delete the folder ${path.join(dataDir, IN_USE_DIR)} and run restore again.`,
    );
  }
  return { release, clearedStale };
}
