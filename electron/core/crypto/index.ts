export { argon2Available, defaultArgon2, deriveKeyFromPassword, newKdfParams } from './kdf';
export type { KdfParams } from './kdf';
export { DATA_KEY_BYTES, generateDataKey, unwrapDataKey, wipe, wrapDataKey } from './wrap';
export type { WrappedKey } from './wrap';
export { decodeRecoveryKey, encodeRecoveryKey, generateRecoveryKey, recoveryKeyEncryptionKey } from './recoveryKey';
export {
  KEYRING_FILE,
  KeyringError,
  keyringPath,
  newKeyring,
  putUserWrap,
  readKeyring,
  removeUserWrap,
  setUserWrap,
  updateKeyring,
  unwrapWithPassword,
  unwrapWithRecoveryKey,
  usernameLookup,
  wrapForUser,
  writeKeyring,
} from './keyring';
export type { Keyring, KeyringUser } from './keyring';
