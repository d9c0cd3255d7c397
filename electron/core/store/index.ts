export { cipherPragmas, applyKey } from './cipher';
export { DATABASE_FILE, StoreError, databasePath, openStore, schemaVersion } from './open';
export { readSnapshot, writeTransaction } from './transactions';
export { writeEncryptedCopy } from './encryptedCopy';
export { BackgroundCheckpoints } from './backgroundCheckpoints';
export type { Store } from './open';
export { migrations } from './migrations';
export type { Migration } from './migrations';
