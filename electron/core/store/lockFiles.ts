// Lock files in the data folder, seen by every process on the computer: the app and the admin CLI are separate
// processes, so an in-memory lock cannot keep them apart. A lock names its owner (computer, process, time), so a lock
// left by a process that crashed is recognised — its process is gone — and cleared instead of blocking for ever.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LockOwner {
  host: string;
  pid: number;
  since: string;
  nonce: string;
}

function me(): LockOwner {
  return { host: os.hostname(), pid: process.pid, since: new Date().toISOString(), nonce: crypto.randomBytes(8).toString('hex') };
}

/** Gone: the owner ran on this computer and its process no longer exists. An owner on another computer never is. */
export function ownerIsGone(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The owner written in a lock file; null if the file has gone or is unreadable (a crash half-way through writing). */
export function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? (owner as LockOwner) : null;
  } catch {
    return null;
  }
}

/** Creates `file` only if it does not exist (atomic on every local file system); false if another holds it. */
export function tryCreateLock(file: string): boolean {
  let descriptor: number;
  try {
    descriptor = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(descriptor, JSON.stringify(me()));
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  return true;
}

/** Removes a lock whose owner is gone; true if it was stale (or had already gone). */
export function clearIfStale(file: string, now = Date.now(), unreadableAfterMs = 10_000): boolean {
  const owner = readOwner(file);
  if (owner ? !ownerIsGone(owner) : !olderThan(file, now, unreadableAfterMs)) return false;
  fs.rmSync(file, { force: true });
  return true;
}

function olderThan(file: string, now: number, ms: number): boolean {
  try {
    return now - fs.statSync(file).mtimeMs > ms;
  } catch {
    return true;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** A short synchronous pause; where the host forbids blocking this thread, a busy wait of the same length. */
function pause(ms: number): void {
  try {
    Atomics.wait(sleeper, 0, 0, ms);
  } catch {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      // Nothing else this thread may do until the lock is free.
    }
  }
}

/**
 * Runs `work` holding the exclusive lock `file`, waiting up to `timeoutMs` for another process to release it. For
 * short critical sections (a read-modify-write of a small file), never across an `await`.
 */
export function withExclusiveLock<T>(file: string, work: () => T, timeoutMs = 10_000): T {
  const deadline = Date.now() + timeoutMs;
  while (!tryCreateLock(file)) {
    if (clearIfStale(file)) continue;
    if (Date.now() > deadline) {
      const owner = readOwner(file);
      throw new Error(`${path.basename(file)} is held by process ${owner?.pid ?? 'unknown'} on ${owner?.host ?? 'unknown'}; if no Safeguarding Records app or command is running, delete ${file} and try again.`);
    }
    pause(5 + Math.random() * 10);
  }
  try {
    return work();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
