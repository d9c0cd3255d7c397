// The keyring: a small JSON file beside the database holding the data key wrapped once per account and once by
// the recovery key. It holds no personal data: accounts are found by a salted hash of the username.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { withExclusiveLock } from '../store/lockFiles';
import { syncFolder } from '../store/syncFolder';
import { deriveKeyFromPassword, type KdfParams } from './kdf';
import { recoveryKeyEncryptionKey } from './recoveryKey';
import { unwrapDataKey, wrapDataKey, type WrappedKey } from './wrap';

const wrappedKeySchema = z.object({ iv: z.string(), tag: z.string(), ciphertext: z.string() });
const kdfSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('argon2id'), salt: z.string(), memoryKiB: z.number().int(), passes: z.number().int(), parallelism: z.number().int() }),
  z.object({ name: z.literal('scrypt'), salt: z.string(), cost: z.number().int(), blockSize: z.number().int(), parallelism: z.number().int() }),
]);

const keyringSchema = z.object({
  format: z.literal('safeguarding-records-keyring'),
  version: z.literal(1),
  installId: z.string(),
  createdAt: z.string(),
  school: z.object({ name: z.string(), urn: z.string() }),
  lookupSalt: z.string(),
  users: z.array(z.object({ lookup: z.string(), userId: z.string(), kdf: kdfSchema, wrapped: wrappedKeySchema })),
  recovery: z.object({ salt: z.string(), wrapped: wrappedKeySchema }),
  throttle: z.record(z.string(), z.object({ failures: z.number().int(), lastFailureAt: z.string() })),
  /**
   * Wrong passwords tried while the store was closed (sign-in, unlock), and staff sign-ins while it was locked: the
   * audit log cannot be written without the key, so they wait here and are moved into it by the next sign-in that
   * opens it. Older keyrings have none.
   */
  pendingAudit: z
    .array(
      z.object({
        at: z.string(),
        door: z.string(),
        client: z.string().nullable().optional(),
        command: z.string(),
        recordIds: z.array(z.string()),
        /** `ok`: a member of staff signed in (or changed their password) while the records were locked (decision 0022). */
        outcome: z.enum(['denied', 'ok', 'forbidden']),
        userId: z.string().optional(),
        role: z.string().optional(),
      }),
    )
    .default([]),
  /**
   * Unlock at start (decision 0027): the data key wrapped under a secret kept in the operating system's protected
   * storage, under `account`. Present only while a DSL has it turned on; neither half opens anything alone.
   */
  machine: z
    .object({ account: z.string(), salt: z.string(), wrapped: wrappedKeySchema, turnedOnAt: z.string(), turnedOnBy: z.string() })
    .optional(),
  /** Why the last start could not open the records from protected storage; kept until it is turned on again. */
  machineFailure: z.object({ at: z.string(), reason: z.string(), toldTo: z.string().nullable() }).optional(),
});
export type Keyring = z.infer<typeof keyringSchema>;
export type KeyringUser = Keyring['users'][number];

export const KEYRING_FILE = 'keyring.json';

export function keyringPath(dataDir: string): string {
  return path.join(dataDir, KEYRING_FILE);
}

export function usernameLookup(keyring: Pick<Keyring, 'lookupSalt'>, username: string): string {
  return crypto.createHmac('sha256', Buffer.from(keyring.lookupSalt, 'base64')).update(username.trim().toLowerCase()).digest('hex');
}

const userAssociatedData = (keyring: Keyring, userId: string, lookup: string) => `user:${keyring.installId}:${userId}:${lookup}`;
const recoveryAssociatedData = (keyring: Keyring) => `recovery:${keyring.installId}`;
const machineAssociatedData = (keyring: Keyring, account: string) => `machine:${keyring.installId}:${account}`;
/** The secret in protected storage is 256 random bits: like the recovery key, it needs HKDF, not a slow derivation. */
const machineKeyEncryptionKey = (secret: Buffer, salt: Buffer) => Buffer.from(crypto.hkdfSync('sha256', secret, salt, 'safeguarding-records machine wrap v1', 32));
export const MACHINE_SECRET_BYTES = 32;

export class KeyringError extends Error {}

export function readKeyring(dataDir: string): Keyring | null {
  return readKeyringFile(keyringPath(dataDir));
}

/** A keyring from any file: a data folder's `keyring.json`, or a backup's `FILE.keyring.json` left where it is. */
export function readKeyringFile(file: string): Keyring | null {
  if (!fs.existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new KeyringError(`The keyring file ${file} is damaged (not valid JSON). Restore it from a backup (keyring.json.bak is the previous version).`);
  }
  const parsed = keyringSchema.safeParse(json);
  if (!parsed.success) {
    throw new KeyringError(`The keyring file ${file} is not in the expected format (${parsed.error.issues[0]?.path.join('.')}). Restore it from a backup.`);
  }
  return parsed.data;
}

/**
 * Written to a temporary file, flushed and renamed, keeping the previous version as keyring.json.bak; then the folder
 * is flushed so the rename survives a power cut. Writes a keyring whole: to change the one on disk, use updateKeyring.
 */
export function writeKeyring(dataDir: string, keyring: Keyring): void {
  const file = keyringPath(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  const descriptor = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(descriptor, JSON.stringify(keyring, null, 2));
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  if (fs.existsSync(file)) fs.copyFileSync(file, `${file}.bak`);
  fs.renameSync(temporary, file);
  syncFolder(dataDir);
}

/**
 * Changes the keyring on disk: read, `change`, write, all under keyring.json.lock, which every process (the app, the
 * admin CLI) takes. The app and the CLI each hold a copy in memory; writing back a copy read earlier would undo
 * whatever the other wrote since — an account created meanwhile would lose its key and could never sign in.
 * `change` must be quick and synchronous: derive keys before, never inside. Returns the keyring as written.
 */
export function updateKeyring(dataDir: string, change: (keyring: Keyring) => void): Keyring {
  return withExclusiveLock(`${keyringPath(dataDir)}.lock`, () => {
    const keyring = readKeyring(dataDir);
    if (!keyring) throw new KeyringError(`There is no keyring in ${dataDir} to change.`);
    change(keyring);
    writeKeyring(dataDir, keyring);
    return keyring;
  });
}

export function newKeyring(school: { name: string; urn: string }, dataKey: Buffer, recoveryKey: Buffer, now: Date): Keyring {
  const recoverySalt = crypto.randomBytes(16);
  const keyring: Keyring = {
    format: 'safeguarding-records-keyring',
    version: 1,
    installId: crypto.randomUUID(),
    createdAt: now.toISOString(),
    school,
    lookupSalt: crypto.randomBytes(16).toString('base64'),
    users: [],
    recovery: { salt: recoverySalt.toString('base64'), wrapped: { iv: '', tag: '', ciphertext: '' } },
    throttle: {},
    pendingAudit: [],
  };
  keyring.recovery.wrapped = wrapDataKey(dataKey, recoveryKeyEncryptionKey(recoveryKey, recoverySalt), recoveryAssociatedData(keyring));
  return keyring;
}

/** The wrap for an account (new account, changed or reset password), ready for putUserWrap; derives the key. */
export async function wrapForUser(keyring: Keyring, user: { userId: string; username: string }, password: string, dataKey: Buffer, kdf: KdfParams): Promise<KeyringUser> {
  const lookup = usernameLookup(keyring, user.username);
  const keyEncryptionKey = await deriveKeyFromPassword(password, kdf);
  const wrapped: WrappedKey = wrapDataKey(dataKey, keyEncryptionKey, userAssociatedData(keyring, user.userId, lookup));
  keyEncryptionKey.fill(0);
  return { lookup, userId: user.userId, kdf, wrapped };
}

/** Adds or replaces an account's wrap in `keyring`. */
export function putUserWrap(keyring: Keyring, entry: KeyringUser): void {
  keyring.users = keyring.users.filter((existing) => existing.userId !== entry.userId && existing.lookup !== entry.lookup);
  keyring.users.push(entry);
}

/** Adds or replaces the wrap for an account in a keyring held in memory (a new school's, before it is written). */
export async function setUserWrap(keyring: Keyring, user: { userId: string; username: string }, password: string, dataKey: Buffer, kdf: KdfParams): Promise<void> {
  putUserWrap(keyring, await wrapForUser(keyring, user, password, dataKey, kdf));
}

export function removeUserWrap(keyring: Keyring, userId: string): void {
  keyring.users = keyring.users.filter((entry) => entry.userId !== userId);
}

/** The data key and the account it belongs to, or null for a wrong password or an unknown username. */
export async function unwrapWithPassword(keyring: Keyring, username: string, password: string, decoyKdf: KdfParams): Promise<{ dataKey: Buffer; userId: string } | null> {
  const lookup = usernameLookup(keyring, username);
  const entry = keyring.users.find((candidate) => candidate.lookup === lookup);
  // An unknown username costs the same derivation as a known one, so timing does not reveal who has an account.
  const keyEncryptionKey = await deriveKeyFromPassword(password, entry?.kdf ?? decoyKdf);
  if (!entry) {
    keyEncryptionKey.fill(0);
    return null;
  }
  const dataKey = unwrapDataKey(entry.wrapped, keyEncryptionKey, userAssociatedData(keyring, entry.userId, lookup));
  keyEncryptionKey.fill(0);
  return dataKey ? { dataKey, userId: entry.userId } : null;
}

export function unwrapWithRecoveryKey(keyring: Keyring, recoveryKey: Buffer): Buffer | null {
  const keyEncryptionKey = recoveryKeyEncryptionKey(recoveryKey, Buffer.from(keyring.recovery.salt, 'base64'));
  const dataKey = unwrapDataKey(keyring.recovery.wrapped, keyEncryptionKey, recoveryAssociatedData(keyring));
  keyEncryptionKey.fill(0);
  return dataKey;
}

/** The machine slot for unlock at start: the data key wrapped under `secret`, which lives only in protected storage. */
export function wrapForMachine(keyring: Keyring, account: string, secret: Buffer, dataKey: Buffer, turnedOn: { at: Date; by: string }): NonNullable<Keyring['machine']> {
  const salt = crypto.randomBytes(16);
  const keyEncryptionKey = machineKeyEncryptionKey(secret, salt);
  const wrapped = wrapDataKey(dataKey, keyEncryptionKey, machineAssociatedData(keyring, account));
  keyEncryptionKey.fill(0);
  return { account, salt: salt.toString('base64'), wrapped, turnedOnAt: turnedOn.at.toISOString(), turnedOnBy: turnedOn.by };
}

/** The data key from the machine slot and the secret protected storage gave back; null if there is no slot or the secret is not its own. */
export function unwrapWithMachineSecret(keyring: Keyring, secret: Buffer): Buffer | null {
  if (!keyring.machine || secret.length !== MACHINE_SECRET_BYTES) return null;
  const keyEncryptionKey = machineKeyEncryptionKey(secret, Buffer.from(keyring.machine.salt, 'base64'));
  const dataKey = unwrapDataKey(keyring.machine.wrapped, keyEncryptionKey, machineAssociatedData(keyring, keyring.machine.account));
  keyEncryptionKey.fill(0);
  return dataKey;
}
