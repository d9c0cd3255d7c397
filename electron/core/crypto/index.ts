export { argon2Available, defaultArgon2, deriveKeyFromPassword, newKdfParams } from './kdf';
export type { KdfParams } from './kdf';
export { DATA_KEY_BYTES, generateDataKey, unwrapDataKey, wipe, wrapDataKey } from './wrap';
export type { WrappedKey } from './wrap';
export { decodeRecoveryKey, encodeRecoveryKey, generateRecoveryKey, recoveryKeyEncryptionKey } from './recoveryKey';
export {
  KEYRING_FILE,
  KeyringError,
  MACHINE_SECRET_BYTES,
  keyringPath,
  newKeyring,
  putUserWrap,
  readKeyring,
  readKeyringFile,
  removeUserWrap,
  setUserWrap,
  updateKeyring,
  unwrapWithPassword,
  unwrapWithMachineSecret,
  unwrapWithRecoveryKey,
  usernameLookup,
  wrapForMachine,
  wrapForUser,
  writeKeyring,
} from './keyring';
export type { Keyring, KeyringUser } from './keyring';
