// The open store and the data key that opened it. It is open while anyone has an unlocked session and closed —
// the key wiped from memory — when the last one locks or ends (decision 0016). Its helpers on other threads (the
// background checkpoints, the long-work threads of decision 0026) live and die with it.
import { wipe } from '../crypto';
import { LongWorkPool } from '../longWork';
import { BackgroundCheckpoints, cipherOf, databasePath, type Store } from '../store';
import type { Log } from './log';

export class StoreHolder {
  private store: Store | null = null;
  private key: Buffer | null = null;
  private checkpoints: BackgroundCheckpoints | null = null;
  private longWorkPool: LongWorkPool | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly log: Log,
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

  /** After every command: whatever it wrote is folded into the database file in the background. */
  afterCommand(): void {
    this.checkpoints?.afterCommand();
  }

  close(): void {
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
