// What the app's thread and a long-work thread say to each other (decision 0026). Messages carry jobs and results;
// two words of shared memory carry what the app's thread must be able to wait for without its event loop: whether
// the thread holds the store open, and how many read snapshots it has begun.
import type { StoreCipher } from '../store/cipher';

/** Index of the thread's state in its control words. */
export const STATE = 0;
/** Index of the count of read snapshots the thread has begun (one per job it was handed). */
export const SNAPSHOTS = 1;
export const CONTROL_WORDS = 2;

/** Loading its code; it may not open the store once the app's thread has moved it on to CLOSED. */
export const STARTING = 0;
/** Holds its own read-only connection to the store. */
export const OPEN = 1;
/** Asked to close: a job in progress ends at its next statement, and the connection closes. */
export const STOPPING = 2;
/** Holds no connection (and never will again). */
export const CLOSED = 3;

export interface LongWorkData {
  /** The database file. */
  file: string;
  /** Its cipher (a store from before decision 0028 is read in its old format until it is converted). */
  cipher: StoreCipher;
  /** The data key, in memory shared with the app's thread so that either side can zero it (both do). */
  key: Uint8Array<SharedArrayBuffer>;
  /** The control words (STATE, SNAPSHOTS), shared with the app's thread. */
  control: Int32Array<SharedArrayBuffer>;
}

export type ToThread = { type: 'job'; id: number; name: string; input: unknown } | { type: 'stop' };

export interface ThrownError {
  name: string;
  message: string;
  stack?: string | undefined;
}

export type FromThread =
  | { type: 'ready' }
  | { type: 'done'; id: number; value: unknown }
  | { type: 'failed'; id: number; error: ThrownError }
  /** The store could not be opened (nothing to run jobs on): the thread closes after saying so. */
  | { type: 'unusable'; error: ThrownError };

export function describeError(error: unknown): ThrownError {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { name: 'Error', message: String(error) };
}
