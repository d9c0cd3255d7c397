// The background checkpointer on a real encrypted store: it keeps the database file up to date on its own thread,
// it holds no connection once stopped, and a worker that cannot open the store says so without stopping the app.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundCheckpoints, openStore, type Store } from '../../../../electron/core/store';
import { waitWhileOpen } from '../../../../electron/core/store/backgroundCheckpoints';
import { queryFileAlone, tempDataDir } from './testSchool';

const opened: Store[] = [];
const running: BackgroundCheckpoints[] = [];
afterEach(() => {
  for (const checkpoints of running.splice(0)) checkpoints.stop();
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function newStore(): { file: string; key: Buffer; db: Store } {
  const file = path.join(tempDataDir(), 'safeguarding.db');
  const key = crypto.randomBytes(32);
  const db = openStore(file, key);
  opened.push(db);
  // Only the worker may fold the log in: SQLite's own backstop is off for these tests.
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { file, key, db };
}

function startCheckpoints(file: string, key: Buffer, errors: Error[] = []): BackgroundCheckpoints {
  const checkpoints = new BackgroundCheckpoints(file, key, (error) => errors.push(error));
  running.push(checkpoints);
  return checkpoints;
}

function addPupil(db: Store, index: number): void {
  db.prepare("INSERT INTO pupils (id, legal_first_name, legal_last_name, date_of_birth, created_at) VALUES (?, 'Amelia', ?, '2016-03-04', '2026-11-22T09:00:00Z')").run(`p${index}`, `Hughes-${index}`);
}

const pupilsInFileAlone = (file: string, key: Buffer) => queryFileAlone(file, key, 'SELECT count(*) FROM pupils');

const waitUntil = async (done: () => boolean, timeoutMs = 10_000) => {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
};

describe('checkpoints on a worker thread', () => {
  it('folds every write into the database file after the command, with nothing more from the app', async () => {
    const { file, key, db } = newStore();
    const checkpoints = startCheckpoints(file, key);
    for (let index = 0; index < 40; index += 1) {
      addPupil(db, index);
      checkpoints.afterCommand();
    }
    expect(await waitUntil(() => pupilsInFileAlone(file, key) === 40)).toBe(true);
    // The app's connection still sees every row, and can go on writing while the worker holds the store open.
    addPupil(db, 40);
    expect(db.prepare('SELECT count(*) FROM pupils').pluck().get()).toBe(41);
    expect(checkpoints.isOpen()).toBe(true);
  });

  it('writes nothing into the file until told a command has finished', async () => {
    const { file, key, db } = newStore();
    const checkpoints = startCheckpoints(file, key);
    expect(await waitUntil(() => checkpoints.isOpen())).toBe(true);
    addPupil(db, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pupilsInFileAlone(file, key)).toBe(0);
    checkpoints.afterCommand();
    expect(await waitUntil(() => pupilsInFileAlone(file, key) === 1)).toBe(true);
  });

  it('holds no connection once stopped, so the app’s close folds the log in and removes it', async () => {
    const { file, key, db } = newStore();
    const checkpoints = startCheckpoints(file, key);
    expect(await waitUntil(() => checkpoints.isOpen())).toBe(true);
    addPupil(db, 1);
    checkpoints.stop();
    expect(checkpoints.isOpen()).toBe(false);
    db.close();
    // SQLite removes the log only when the last connection to the file closes.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(pupilsInFileAlone(file, key)).toBe(1);
  });

  it('stops at once when locked before the worker has even opened the store', () => {
    const { file, key, db } = newStore();
    const checkpoints = startCheckpoints(file, key);
    const started = Date.now();
    checkpoints.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(checkpoints.isOpen()).toBe(false);
    addPupil(db, 1);
    db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('reports a worker given the wrong key, and the app carries on writing', async () => {
    const { file, key, db } = newStore();
    const errors: Error[] = [];
    startCheckpoints(file, crypto.randomBytes(32), errors);
    expect(await waitUntil(() => errors.length > 0)).toBe(true);
    expect(errors[0]!.message).toMatch(/Background checkpoint: .*(not a database|SQLITE_NOTADB)/);
    addPupil(db, 1);
    expect(db.prepare('SELECT count(*) FROM pupils').pluck().get()).toBe(1);
    db.close();
    expect(pupilsInFileAlone(file, key)).toBe(1);
  });

  it('still waits for the worker where the host forbids blocking the thread (as a browser page does)', async () => {
    const state = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(state, 0, 1);
    // A real second thread leaves OPEN after 50 ms; the host's wait throws as Chromium's does on a page's thread.
    const closer = new Worker('const { workerData } = require("node:worker_threads"); setTimeout(() => Atomics.store(workerData, 0, 2), 50);', { eval: true, workerData: state });
    const forbidden = (() => {
      throw new TypeError('Atomics.wait cannot be called in this context');
    }) as unknown as typeof Atomics.wait;
    const started = Date.now();
    waitWhileOpen(state, 5_000, forbidden);
    expect(Atomics.load(state, 0)).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    expect(Date.now() - started).toBeLessThan(4_000);
    await closer.terminate();
  });
});

