// Long work off the thread that serves requests (decision 0026). The hub answers a whole school from one thread; a
// culture report over ten years of concerns keeps a core busy for a few hundred milliseconds, and every save behind it
// would wait. Here such work runs on a worker thread with its own read-only connection to the store, one job at a
// time per thread (a school's hub is often a two-core PC), and comes back as a value or as an error — never a hang.
import { Worker } from 'node:worker_threads';
import type { Log } from '../app/log';
import type { StoreCipher } from '../store/cipher';
import { CommandError } from '../dispatch/commandError';
import type { LongJobInput, LongJobName, LongJobOutput } from './jobs';
import { longWorkWorkerFile } from './workerFile';
import { CLOSED, CONTROL_WORDS, OPEN, SNAPSHOTS, STARTING, STATE, STOPPING, type FromThread, type LongWorkData, type ThrownError, type ToThread } from './protocol';

/** How long locking waits for a thread to close its connection (one statement, at most) before stopping it by force. */
const STOP_WAIT_MS = 5_000;
/** How long the app's thread waits for a thread to begin the snapshot it was handed; a few microseconds normally. */
const SNAPSHOT_WAIT_MS = 2_000;

/** A job that went wrong on its thread; the details (with the thread's stack) are in the local log under `reference`. */
export class LongWorkFailed extends Error {
  constructor(
    readonly job: string,
    readonly reference: string,
  ) {
    super(`The long-work job ${job} failed; the log has the details under reference ${reference}.`);
  }
}

/** The store closed (the last reader locked or signed out) before the job finished; nothing was lost. */
export class LongWorkStopped extends CommandError {
  constructor() {
    super('locked', 'The records were locked before this was ready. Sign in and ask for it again.');
  }
}

interface Job {
  name: string;
  input: unknown;
  /** Writes that the job's snapshot must include, run on the app's thread just before the snapshot begins. */
  beforeSnapshot: (() => void) | undefined;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  control: Int32Array<SharedArrayBuffer>;
  key: Uint8Array<SharedArrayBuffer>;
  ready: boolean;
  /** Stopped after a job ran too long: it takes no more jobs, and a new thread replaces it once it has ended. */
  retiring: boolean;
  job: (Job & { id: number; timer: NodeJS.Timeout }) | null;
  /** What made the thread fail, if it did ('error' comes before 'exit'). */
  crash: Error | null;
  exited: Promise<void>;
}

export interface LongWorkOptions {
  /** The store's cipher, as the app's own connection reports it (cipherOf); AEGIS-256 unless told otherwise. */
  cipher?: StoreCipher;
  /** Threads at most (one or two: the hub also needs a core to answer requests). */
  threads?: number;
  /** A job still running after this long is stopped and reported as failed. */
  timeoutMs?: number;
}

export class LongWorkPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private readonly maxThreads: number;
  private readonly timeoutMs: number;
  private readonly cipher: StoreCipher;
  private nextId = 1;
  /** Threads whose worker file is still being found (bundled, from the sources). */
  private spawning = 0;
  private stopped = false;

  /** Threads are started when a job needs one; `dataKey` stays the caller's (copied per thread, never kept). */
  constructor(
    private readonly file: string,
    private readonly dataKey: Buffer,
    private readonly log: Log,
    options: LongWorkOptions = {},
  ) {
    this.maxThreads = Math.min(2, Math.max(1, options.threads ?? 1));
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.cipher = options.cipher ?? 'aegis-256';
  }

  /**
   * Runs a job on a long-work thread. `beforeSnapshot` runs on this thread just before the job's snapshot begins, and
   * nothing else is written in between: the job sees exactly what it wrote (a culture report's tallies) and no more.
   */
  run<Name extends LongJobName>(name: Name, input: LongJobInput<Name>, options: { beforeSnapshot?: () => void } = {}): Promise<LongJobOutput<Name>> {
    if (this.stopped) return Promise.reject(new LongWorkStopped());
    return new Promise((resolve, reject) => {
      this.queue.push({ name, input, beforeSnapshot: options.beforeSnapshot, resolve: resolve as (value: unknown) => void, reject });
      this.next();
    });
  }

  /** Threads alive now (starting, open or closing). */
  get threadCount(): number {
    return this.threads.length;
  }

  /** Resolves once every thread started so far has ended. */
  async allEnded(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.exited));
  }

  /**
   * For closing the store: ends every job with LongWorkStopped, zeroes every thread's copy of the key, and waits (one
   * statement at most) for each thread to close its connection, so that the app's own close is the store's last.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const job of this.queue.splice(0)) job.reject(new LongWorkStopped());
    for (const thread of this.threads) {
      thread.key.fill(0);
      if (thread.job) {
        clearTimeout(thread.job.timer);
        thread.job.reject(new LongWorkStopped());
        thread.job = null;
      }
      // A thread still loading is turned away from the store; one that holds it open is asked to close it.
      if (Atomics.compareExchange(thread.control, STATE, STARTING, CLOSED) === STARTING) continue;
      Atomics.compareExchange(thread.control, STATE, OPEN, STOPPING);
      thread.worker.postMessage({ type: 'stop' } satisfies ToThread);
    }
    for (const thread of this.threads) {
      if (!waitWhile(thread.control, STATE, STOPPING, STOP_WAIT_MS)) {
        this.log.error('long work', new Error(`A long-work thread was still reading ${STOP_WAIT_MS / 1000} s after the store began to close; stopped by force.`));
      }
      void thread.worker.terminate();
    }
  }

  private next(): void {
    while (this.queue.length > 0 && !this.stopped) {
      const idle = this.threads.find((thread) => thread.ready && !thread.retiring && !thread.job);
      if (!idle) {
        if (this.threads.length + this.spawning < this.maxThreads) this.spawn();
        return;
      }
      this.hand(idle, this.queue.shift()!);
    }
  }

  private hand(thread: Thread, job: Job): void {
    try {
      job.beforeSnapshot?.();
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const id = this.nextId++;
    const begun = Atomics.load(thread.control, SNAPSHOTS);
    try {
      thread.worker.postMessage({ type: 'job', id, name: job.name, input: job.input } satisfies ToThread);
    } catch (error) {
      // An input that cannot be copied to another thread: the caller's mistake, said at once.
      job.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    thread.job = { ...job, id, timer: setTimeout(() => this.timedOut(thread), this.timeoutMs) };
    thread.worker.ref();
    // Nothing may be written between `beforeSnapshot` and the snapshot: this thread waits (a few microseconds) for the
    // worker to begin it. Every write in the hub is made on this thread, so none can slip in.
    if (job.beforeSnapshot && !waitWhile(thread.control, SNAPSHOTS, begun, SNAPSHOT_WAIT_MS)) {
      this.log.error('long work', new Error(`A long-work thread took over ${SNAPSHOT_WAIT_MS / 1000} s to begin its snapshot for ${job.name}; writes made meanwhile may show in part.`));
    }
  }

  private spawn(): void {
    this.spawning += 1;
    longWorkWorkerFile(import.meta.url)
      .then((file) => {
        this.spawning -= 1;
        if (this.stopped) return;
        this.startThread(file);
        this.next();
      })
      .catch((error: unknown) => {
        this.spawning -= 1;
        if (!this.stopped) this.failQueued('long work: finding the worker', error);
      });
  }

  private startThread(file: string): void {
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT));
    // Shared, not copied: the thread zeroes it once its connection holds the key, and this side zeroes it too (when the
    // thread is ready, ends, or the store closes), so no copy outlives its use on either side.
    const key = new Uint8Array(new SharedArrayBuffer(this.dataKey.length));
    key.set(this.dataKey);
    let worker: Worker;
    try {
      worker = new Worker(file, { workerData: { file: this.file, cipher: this.cipher, key, control } satisfies LongWorkData });
    } catch (error) {
      key.fill(0);
      this.failQueued('long work: starting a thread', error);
      return;
    }
    const thread: Thread = { worker, control, key, ready: false, retiring: false, job: null, crash: null, exited: new Promise((resolve) => worker.once('exit', () => resolve())) };
    this.threads.push(thread);
    worker.on('message', (message: FromThread) => this.heard(thread, message));
    worker.on('error', (error) => {
      thread.crash = error;
    });
    worker.on('exit', (code) => this.ended(thread, code));
  }

  private heard(thread: Thread, message: FromThread): void {
    switch (message.type) {
      case 'ready':
        thread.key.fill(0);
        thread.ready = true;
        // An idle thread never keeps the process (a test, the admin CLI) running by itself.
        if (!thread.job) thread.worker.unref();
        this.next();
        return;
      case 'unusable':
        thread.key.fill(0);
        this.failQueued('long work: opening the store on a thread', rebuilt(message.error));
        return;
      case 'done':
      case 'failed': {
        const job = thread.job;
        if (!job || job.id !== message.id) return;
        clearTimeout(job.timer);
        thread.job = null;
        thread.worker.unref();
        if (message.type === 'done') job.resolve(message.value);
        else job.reject(new LongWorkFailed(job.name, this.log.error(`long work ${job.name}`, rebuilt(message.error))));
        this.next();
        return;
      }
    }
  }

  private ended(thread: Thread, code: number): void {
    thread.key.fill(0);
    this.threads.splice(this.threads.indexOf(thread), 1);
    const job = thread.job;
    thread.job = null;
    if (job) {
      clearTimeout(job.timer);
      job.reject(new LongWorkFailed(job.name, this.log.error(`long work ${job.name}`, thread.crash ?? new Error(`The long-work thread ended (exit code ${code}) while the job was running.`))));
    } else if (thread.crash && !this.stopped) {
      this.log.error('long work: a thread ended between jobs', thread.crash);
    }
    if (this.stopped) return;
    // A thread that never became ready would fail again for the same reason: the jobs waiting for it fail now.
    if (!thread.ready) {
      if (this.queue.length > 0) this.failQueued('long work: starting a thread', thread.crash ?? new Error(`The long-work thread ended (exit code ${code}) before it could open the store.`));
    } else this.next();
  }

  private timedOut(thread: Thread): void {
    const job = thread.job;
    if (!job) return;
    thread.job = null;
    job.reject(new LongWorkFailed(job.name, this.log.error(`long work ${job.name}`, new Error(`Still running after ${this.timeoutMs / 1000} s; its thread was stopped.`))));
    thread.retiring = true;
    void thread.worker.terminate();
  }

  private failQueued(context: string, error: unknown): void {
    const reference = this.log.error(context, error);
    for (const job of this.queue.splice(0)) job.reject(new LongWorkFailed(job.name, reference));
  }
}

function rebuilt(thrown: ThrownError): Error {
  const error = new Error(thrown.message);
  error.name = thrown.name;
  if (thrown.stack) error.stack = thrown.stack;
  return error;
}

/**
 * Blocks while `words[index]` still holds `value`, up to `timeoutMs`; true once it has changed. Where the host forbids
 * blocking this thread (Chromium's rule for a page's main thread, which Electron's main process may share) it checks
 * in a loop instead: the other side answers within one statement.
 */
export function waitWhile(words: Int32Array<SharedArrayBuffer>, index: number, value: number, timeoutMs: number, wait: typeof Atomics.wait = Atomics.wait): boolean {
  const deadline = performance.now() + timeoutMs;
  try {
    while (Atomics.load(words, index) === value) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      wait(words, index, value, left);
    }
    return true;
  } catch {
    // Fall through to checking in a loop.
  }
  while (Atomics.load(words, index) === value) {
    if (performance.now() > deadline) return false;
  }
  return true;
}
