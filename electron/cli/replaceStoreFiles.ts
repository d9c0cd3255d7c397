// Putting a checked backup in place of a store: the store's own undoable rename sequence (core/store/replaceFiles.ts),
// with the files a backup brings — the database and its keyring — and those it replaces.
import { KEYRING_FILE } from '../core/crypto';
import { DATABASE_FILE, nodeFileOps, replaceFiles, type FileOps } from '../core/store';

export { RestoreMoveError, nodeFileOps, replacedName, type FileOps } from '../core/store';

/** The store's files, in the order they are moved; the WAL and shared-memory files travel with the database. */
const storeFiles = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, KEYRING_FILE, `${KEYRING_FILE}.bak`];
/** What a checked backup leaves in the staging folder to move in. */
const stagedFiles = [DATABASE_FILE, `${DATABASE_FILE}-wal`, KEYRING_FILE];

/**
 * Moves the current store aside (as `NAME.replaced-WHEN`) and the staged one in. Returns the kept files' paths.
 * Throws RestoreMoveError with a true account of the folder if a step fails.
 */
export function replaceStoreFiles(dataDir: string, stagingDir: string, when: string, ops: FileOps = nodeFileOps): string[] {
  return replaceFiles(dataDir, stagingDir, when, { current: storeFiles, staged: stagedFiles }, 'the backup', ops);
}
