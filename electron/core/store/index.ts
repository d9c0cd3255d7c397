export { cipherPragmas, applyKey } from './cipher';
export { DATABASE_FILE, StoreError, backupStore, databasePath, openStore, schemaVersion } from './open';
export type { Store } from './open';
export { migrations } from './migrations';
export type { Migration } from './migrations';
