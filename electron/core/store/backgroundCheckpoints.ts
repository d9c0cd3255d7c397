// Folding the write-ahead log into the database file (a checkpoint) decrypts each page in the log and encrypts it
// again into the file: about 10 ms of CPU per 1,000 pages. On the app's own thread that lands on whichever save
// happens to fill the log (such a save took 12–18 ms instead of 2–3). Here a second connection on a worker thread
// checkpoints after commands (at most every CHECKPOINT_GAP_MS), on another core, so no save or read waits for it;
// SQLite's own checkpoint (open.ts) stays as the backstop and then finds almost nothing left to copy.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { pragmasFor, type StoreCipher } from './cipher';

/** The worker's state, in memory shared with the app's thread so that locking can wait for the worker to close. */
const STARTING = 0;
const OPEN = 1;
const CLOSED = 2;

/**
 * The worker is told at most this often (decision 0009's addendum): a checkpoint after every command put an fsync of
 * the database file beside every save's own and cost each command a message to another thread; a burst of commands
 * now shares one pass, and at any pause the log is still folded in within this time.
 */
export const CHECKPOINT_GAP_MS = 100;

/** How long locking waits for a checkpoint in progress to finish before it stops the worker by force. */
const STOP_WAIT_MS = 5_000;

// Plain CommonJS run with `eval` so the worker needs no file of its own: it runs the same under tsx, vitest and
// the esbuild bundle of the Electron main process. The driver's path and the cipher settings come from this module.
const workerSource = `
(() => {
  const { parentPort, workerData } = require('node:worker_threads');
  const { driverPath, file, key, pragmas, state } = workerData;
  const [STARTING, OPEN, CLOSED] = [${STARTING}, ${OPEN}, ${CLOSED}];
  let db = null;
  let queued = false;
  const finish = () => {
    try { if (db) db.close(); } finally {
      db = null;
      Atomics.store(state, 0, CLOSED);
      Atomics.notify(state, 0);
      parentPort.close();
    }
  };
  try {
    const Database = require(driverPath);
    // Locking may have come first; then the store is never opened here.
    if (Atomics.compareExchange(state, 0, STARTING, OPEN) !== STARTING) { key.fill(0); parentPort.close(); return; }
    db = new Database(file, { fileMustExist: true });
    for (const pragma of pragmas) db.pragma(pragma);
    db.pragma('key = "x' + "'" + Buffer.from(key).toString('hex') + "'" + '"');
    key.fill(0);
    // Prove the key before any checkpoint: pages must never be copied by a connection that cannot read them.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 0');
    db.pragma('cache_size = -512');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.stack || error) });
    finish();
    return;
  }
  const checkpoint = () => {
    queued = false;
    if (!db) return;
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ failed: String(error && error.stack || error) }); }
  };
  parentPort.on('message', (message) => {
    if (message === 'stop') return finish();
    // Commands that arrive during a checkpoint are folded into one more pass.
    if (!queued) { queued = true; setImmediate(checkpoint); }
  });
})();
`;

export class BackgroundCheckpoints {
  private readonly state = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  /** When the worker was last told to checkpoint, and the pass waiting to be told, if any. */
  private lastTold = -Infinity;
  private pending: NodeJS.Timeout | null = null;

  /**
   * Starts the worker on the store at `file`, keyed with a copy of `key` for the store's cipher (the app's own
   * connection says which: cipherOf); failures go to `onError` (the log).
   */
  constructor(
    file: string,
    key: Buffer,
    private readonly onError: (error: Error) => void,
    cipher: StoreCipher = 'aegis-256',
  ) {
    const keyCopy = new Uint8Array(key);
    const driverPath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
    this.worker = new Worker(workerSource, { eval: true, workerData: { driverPath, file, key: keyCopy, pragmas: pragmasFor(cipher), state: this.state } });
    keyCopy.fill(0);
    // The worker never keeps the app (or a test, or the admin CLI) running by itself.
    this.worker.unref();
    this.worker.on('message', (message: { failed?: string }) => {
      if (message.failed) onError(new Error(`Background checkpoint: ${message.failed}`));
    });
    this.worker.on('error', onError);
    // A worker that died without closing (it never should) must not make locking wait for it.
    this.worker.on('exit', () => Atomics.store(this.state, 0, CLOSED));
  }

  /**
   * Call after every command: anything it wrote is folded into the database file in the background — at once if the
   * worker was last told over CHECKPOINT_GAP_MS ago, otherwise once that time is up (one pass for everything since).
   */
  afterCommand(): void {
    if (this.pending || Atomics.load(this.state, 0) === CLOSED) return;
    const wait = this.lastTold + CHECKPOINT_GAP_MS - performance.now();
    if (wait <= 0) {
      this.tell();
      return;
    }
    this.pending = setTimeout(() => {
      this.pending = null;
      this.tell();
    }, wait);
    // A pass still to come never keeps the app (or a test, or the admin CLI) running by itself.
    this.pending.unref();
  }

  private tell(): void {
    if (Atomics.load(this.state, 0) === CLOSED) return;
    this.lastTold = performance.now();
    this.worker.postMessage('wrote');
  }

  /** True while the worker holds the store open. */
  isOpen(): boolean {
    return Atomics.load(this.state, 0) === OPEN;
  }

  /**
   * Closes the worker's connection and waits for it, so that once the store is locked no connection holds the key
   * and the app's own close (the last connection) folds the log in and removes it.
   */
  stop(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    if (Atomics.compareExchange(this.state, 0, STARTING, CLOSED) === STARTING) return;
    this.worker.postMessage('stop');
    waitWhileOpen(this.state, STOP_WAIT_MS);
    if (Atomics.load(this.state, 0) === CLOSED) return;
    this.onError(new Error(`Background checkpoint: still busy after ${STOP_WAIT_MS / 1000} s when the store was locked; stopped by force.`));
    void this.worker.terminate();
  }
}

/**
 * Blocks until the worker leaves OPEN (or the time is up). Where the host forbids blocking this thread — Chromium's
 * rule for a page's main thread, which Electron's main process may share — it checks in a loop instead: the worker
 * closes within the time of one checkpoint, milliseconds.
 */
export function waitWhileOpen(state: Int32Array, timeoutMs: number, wait: typeof Atomics.wait = Atomics.wait): void {
  try {
    wait(state, 0, OPEN, timeoutMs);
    return;
  } catch {
    // Fall through to checking in a loop.
  }
  const deadline = Date.now() + timeoutMs;
  while (Atomics.load(state, 0) === OPEN && Date.now() < deadline) {
    // Spin: there is nothing else this thread may do until the worker has closed its connection.
  }
}
