// The two ways to hold the store across several statements. The app and the admin CLI may have the same store open
// in two processes at once, so which lock a transaction takes, and when, decides whether it can fail.
import type { Store } from './open';

/**
 * Runs `work` in a transaction that takes the write lock at its start (BEGIN IMMEDIATE), waiting its turn behind
 * another process's write. A plain BEGIN reads first and asks for the lock only at its first write; if another
 * process committed in between, SQLite refuses at once ("database is locked") instead of waiting. Nested calls
 * become savepoints of the outer transaction.
 */
export function writeTransaction<T>(db: Store, work: () => T): T {
  return db.transaction(work).immediate();
}

/**
 * Runs read-only `work` on one consistent snapshot (a read transaction), holding no write lock: another process
 * commits freely meanwhile, and `work` sees none of it. Long checks (integrity, the audit chain) belong here.
 */
export function readSnapshot<T>(db: Store, work: () => T): T {
  return db.transaction(work).deferred();
}
