// The open store and the data key that opened it. It is open while anyone has an unlocked session and closed —
// the key wiped from memory — when the last one locks or ends (decision 0016). Its helpers on other threads (the
// background checkpoints, the long-work threads of decision 0026) live and die with it.
import { wipe } from '../crypto';
import { LongWorkPool } from '../longWork';
import { bringTalliesUpToDate } from '../reports/reportTallies';
import { BackgroundCheckpoints, cipherOf, databasePath, writeTransaction, type Store } from '../store';
import type { Log } from './log';

/**
 * After this long with no command, the concerns saved since the last fold go into the report tallies and the links'
 * copies (migration 0016), so the next filter, report or member of staff's own list finds little or nothing left to
 * fold or read past the mark. Whoever reads them folds first anyway; this only keeps that cheap.
 */
export const QUIET_FOLD_MS = 30_000;

/** Concerns folded per write when quiet: tens of milliseconds, so a command that arrives meanwhile waits no longer. */
const QUIET_FOLD_CHUNK = 2_000;

export class StoreHolder {
  private store: Store | null = null;
  private key: Buffer | null = null;
  private checkpoints: BackgroundCheckpoints | null = null;
  private longWorkPool: LongWorkPool | null = null;
  private quietFold: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly log: Log,
    private readonly quietFoldMs = QUIET_FOLD_MS,
  ) {}

  get db(): Store | null {
    return this.store;
  }

  /** The data key, for wrapping it for a new account; null while closed. */
  get dataKey(): Buffer | null {
    return this.key;
  }

  /** Long work (culture reports, the governors' PDF) on threads of its own; null while closed. */
  get longWork(): LongWorkPool | null {
    return this.longWorkPool;
  }

  /** Takes ownership of a store the caller opened with `dataKey` (sign-in opens it to check the account first). */
  adopt(db: Store, dataKey: Buffer): void {
    if (this.store) throw new Error('The store is already open');
    this.store = db;
    this.key = dataKey;
    const cipher = cipherOf(db);
    this.checkpoints = new BackgroundCheckpoints(databasePath(this.dataDir), dataKey, (error) => this.log.error('background checkpoint', error), cipher);
    this.longWorkPool = new LongWorkPool(databasePath(this.dataDir), dataKey, this.log, { cipher });
  }

  /**
   * After every command: whatever it wrote is folded into the database file in the background, and once the school
   * is quiet for a while the new concerns into the tallies and copies.
   */
  afterCommand(): void {
    this.checkpoints?.afterCommand();
    if (!this.store) return;
    if (this.quietFold) {
      this.quietFold.refresh();
      return;
    }
    this.quietFold = setTimeout(() => {
      this.quietFold = null;
      this.foldWhileQuiet(this.store);
    }, this.quietFoldMs);
    this.quietFold.unref();
  }

  /** Folds in short writes, yielding between them, until caught up or the store this began on is closed. */
  private foldWhileQuiet(db: Store | null): void {
    if (!db || db !== this.store) return;
    try {
      if (writeTransaction(db, () => bringTalliesUpToDate(db, QUIET_FOLD_CHUNK))) return;
    } catch (error) {
      // Nothing is lost: the next reader folds what is left. The log says why this pass stopped.
      this.log.error('folding new concerns into the report tallies', error);
      return;
    }
    setImmediate(() => this.foldWhileQuiet(db));
  }

  close(): void {
    if (this.quietFold) clearTimeout(this.quietFold);
    this.quietFold = null;
    // The threads' connections close first, so the app's own close is the last: it folds the log in and removes it.
    // Long work first: its jobs end (as "locked") and its threads' copies of the key are zeroed.
    this.longWorkPool?.stop();
    this.longWorkPool = null;
    this.checkpoints?.stop();
    this.checkpoints = null;
    this.store?.close();
    this.store = null;
    wipe(this.key);
    this.key = null;
  }
}
