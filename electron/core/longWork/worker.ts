// A long-work thread (decision 0026): its own read-only connection to the encrypted store, keyed once from the copy
// of the data key the app's thread shared with it (zeroed here as soon as the connection holds it), then one job at
// a time, each read from one snapshot (or, for a job that only draws, from nothing but its input). Bundled as
// build/electron/longWorkWorker.cjs for the Electron app; loaded through tsx from the sources (pool.ts says how).
import Database from 'better-sqlite3-multiple-ciphers';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { applyKey } from '../store/cipher';
import type { Store } from '../store';
import { readSnapshot } from '../store/transactions';
import { longJobs, type LongJob } from './jobs';
import { CLOSED, describeError, OPEN, SNAPSHOTS, STARTING, STATE, STOPPING, type FromThread, type LongWorkData, type ToThread } from './protocol';

if (isMainThread || !parentPort) throw new Error('The long-work worker runs only on a worker thread.');
const port = parentPort;
const { file, cipher, key, control } = workerData as LongWorkData;
const say = (message: FromThread) => port.postMessage(message);

/** Thrown at a job's next statement once the app's thread has asked this thread to stop (the store is closing). */
class Stopping extends Error {
  constructor() {
    super('The store was closed while this job was running.');
  }
}

let db: Store | null = null;

function close(): void {
  try {
    db?.close();
  } finally {
    db = null;
    key.fill(0);
    Atomics.store(control, STATE, CLOSED);
    Atomics.notify(control, STATE);
    port.close();
  }
}

/**
 * Makes every statement check, before it runs, whether the store is closing. A statement cannot be interrupted, but a
 * report is dozens of them: locking then waits for one statement, not for the whole report.
 */
function stopBetweenStatements(store: Store): void {
  const prepare = store.prepare.bind(store);
  store.prepare = ((source: string) => {
    const statement = prepare(source);
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        if (Atomics.load(control, STATE) === STOPPING) throw new Stopping();
        return original(...args);
      };
    }
    return statement;
  }) as Store['prepare'];
}

function open(): Store {
  // A Buffer of its own (applyKey takes one), zeroed with the shared copy however keying ends.
  const ownKey = Buffer.alloc(key.length);
  let store: Store | null = null;
  try {
    ownKey.set(key);
    key.fill(0);
    store = new Database(file, { readonly: true, fileMustExist: true });
    applyKey(store, ownKey, cipher);
    // Prove the key before anything else reads.
    store.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    store?.close();
    throw error;
  } finally {
    ownKey.fill(0);
    key.fill(0);
  }
  // Decrypted pages and temporary results stay in memory (as on the app's connection); the cache is the app's size, as
  // the report's indexes over ten years of a large school need (open.ts), and it is freed when the store closes.
  store.pragma('temp_store = MEMORY');
  store.pragma('cache_size = -262144');
  store.pragma('busy_timeout = 5000');
  store.pragma('query_only = ON');
  stopBetweenStatements(store);
  return store;
}

/** Counts one more snapshot begun (or a job refused before one), waking the app's thread if it waits for it. */
function snapshotBegun(): void {
  Atomics.add(control, SNAPSHOTS, 1);
  Atomics.notify(control, SNAPSHOTS);
}

async function run(id: number, name: string, input: unknown): Promise<void> {
  let signalled = false;
  try {
    const job = (Object.hasOwn(longJobs, name) ? longJobs[name as keyof typeof longJobs] : undefined) as LongJob<unknown, unknown> | undefined;
    if (!job) throw new Error(`There is no long-work job called ${JSON.stringify(name)}.`);
    if (!db) throw new Stopping();
    const store = db;
    const { read, finish } = job;
    let value = input;
    if (read) {
      value = readSnapshot(store, () => {
        // The snapshot begins at its first read; only then may the app's thread write again (pool.ts).
        store.prepare('SELECT count(*) FROM sqlite_master').get();
        signalled = true;
        snapshotBegun();
        return read(store, input);
      });
    } else {
      // A job that reads nothing has no snapshot for the app's thread to wait for.
      signalled = true;
      snapshotBegun();
    }
    if (finish) value = await finish(value as never);
    say({ type: 'done', id, value });
  } catch (error) {
    say({ type: 'failed', id, error: describeError(error) });
  } finally {
    if (!signalled) snapshotBegun();
    if (Atomics.load(control, STATE) === STOPPING) close();
  }
}

// The app's thread may have closed the store while this thread was loading: then it never opens it.
if (Atomics.compareExchange(control, STATE, STARTING, OPEN) !== STARTING) {
  key.fill(0);
  port.close();
} else {
  try {
    db = open();
    port.on('message', (message: ToThread) => {
      if (message.type === 'stop') close();
      else void run(message.id, message.name, message.input);
    });
    say({ type: 'ready' });
  } catch (error) {
    say({ type: 'unusable', error: describeError(error) });
    close();
  }
}
