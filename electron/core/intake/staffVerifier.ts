// Password checks for accounts that hold no wrap of the data key (staff): a salted Argon2id verifier per account in a
// small file beside the store, outside it, so a member of staff can sign in while the records are locked — and their
// password derives nothing that opens the store. Like the keyring it holds no names: an account is found by an HMAC
// of its username under this file's own salt.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { deriveKeyFromPassword, newKdfParams, type KdfParams } from '../crypto/kdf';
import { withExclusiveLock } from '../store/lockFiles';
import { syncFolder } from '../store/syncFolder';

export const STAFF_VERIFIER_FILE = 'staff-verifiers.json';

const kdfSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('argon2id'), salt: z.string(), memoryKiB: z.number().int(), passes: z.number().int(), parallelism: z.number().int() }),
  z.object({ name: z.literal('scrypt'), salt: z.string(), cost: z.number().int(), blockSize: z.number().int(), parallelism: z.number().int() }),
]);

const verifierFileSchema = z.object({
  format: z.literal('safeguarding-records-staff-verifiers'),
  version: z.literal(1),
  lookupSalt: z.string(),
  accounts: z.array(
    z.object({
      lookup: z.string(),
      userId: z.string(),
      kdf: kdfSchema,
      verifier: z.string(),
      /**
       * `hmac-v1`: the verifier below. `wrap-check-v1`: made when an old staff wrap of the data key was removed (decision
       * 0022) — the AES-CTR keystream the wrap's key produced at `iv`, which checks the password and opens nothing; it
       * becomes `hmac-v1` at the account's next sign-in.
       */
      kind: z.enum(['hmac-v1', 'wrap-check-v1']).default('hmac-v1'),
      iv: z.string().optional(),
      /** A temporary password (a new account, a reset) must be replaced before anything else: known while the store is locked. */
      mustChangePassword: z.boolean().default(false),
    }),
  ),
});
export type StaffVerifiers = z.infer<typeof verifierFileSchema>;

export class StaffVerifierError extends Error {}

function filePath(dataDir: string): string {
  return path.join(dataDir, STAFF_VERIFIER_FILE);
}

export function readStaffVerifiers(dataDir: string): StaffVerifiers | null {
  const file = filePath(dataDir);
  if (!fs.existsSync(file)) return null;
  let parsed: ReturnType<typeof verifierFileSchema.safeParse>;
  try {
    parsed = verifierFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    throw new StaffVerifierError(`The staff password file ${file} is damaged (not valid JSON). Restore it from a backup.`);
  }
  if (!parsed.success) throw new StaffVerifierError(`The staff password file ${file} is not in the expected format. Restore it from a backup.`);
  return parsed.data;
}

/** The same rule as the keyring's usernameLookup, under this file's salt: trimmed, case-folded, HMAC-SHA256. */
export function staffLookup(verifiers: Pick<StaffVerifiers, 'lookupSalt'>, username: string): string {
  return crypto.createHmac('sha256', Buffer.from(verifiers.lookupSalt, 'base64')).update(username.trim().toLowerCase()).digest('hex');
}

/**
 * The verifier binds the account id and lookup as well as the password (an HMAC keyed by the derived key), so an
 * entry copied onto another account's line in the file does not pass as that account.
 */
async function computeVerifier(password: string, kdf: KdfParams, userId: string, lookup: string): Promise<Buffer> {
  const derived = await deriveKeyFromPassword(password, kdf);
  try {
    return crypto.createHmac('sha256', derived).update(`staff-verifier:v1:${userId}:${lookup}`).digest();
  } finally {
    derived.fill(0);
  }
}

function writeVerifiers(dataDir: string, verifiers: StaffVerifiers): void {
  const file = filePath(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  const descriptor = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(descriptor, JSON.stringify(verifiers, null, 2));
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  fs.renameSync(temporary, file);
  syncFolder(dataDir);
}

/** Read, change and write under a lock shared by every process, as the keyring is (updateKeyring says why). */
function updateVerifiers(dataDir: string, change: (verifiers: StaffVerifiers) => void): void {
  fs.mkdirSync(dataDir, { recursive: true });
  withExclusiveLock(`${filePath(dataDir)}.lock`, () => {
    const verifiers = readStaffVerifiers(dataDir) ?? {
      format: 'safeguarding-records-staff-verifiers' as const,
      version: 1 as const,
      lookupSalt: crypto.randomBytes(16).toString('base64'),
      accounts: [],
    };
    change(verifiers);
    writeVerifiers(dataDir, verifiers);
  });
}

/** The salt is made with the file; an account's lookup needs it, so the file exists before the first derivation. */
function lookupSaltFor(dataDir: string): Pick<StaffVerifiers, 'lookupSalt'> {
  const existing = readStaffVerifiers(dataDir);
  if (existing) return existing;
  updateVerifiers(dataDir, () => undefined);
  return readStaffVerifiers(dataDir)!;
}

/**
 * Sets (or replaces) a staff account's password verifier. `cost` is for tests only: production uses the defaults of
 * crypto/kdf.ts (Argon2id, 64 MiB, 3 passes), and the parameters are stored with each verifier.
 */
export async function setStaffPassword(
  dataDir: string,
  user: { userId: string; username: string },
  password: string,
  cost?: { memoryKiB?: number; passes?: number },
  { mustChangePassword = false }: { mustChangePassword?: boolean } = {},
): Promise<void> {
  const lookup = staffLookup(lookupSaltFor(dataDir), user.username);
  const kdf = newKdfParams(cost);
  const verifier = (await computeVerifier(password, kdf, user.userId, lookup)).toString('base64');
  updateVerifiers(dataDir, (verifiers) => {
    // The salt was read before deriving; if the file was replaced meanwhile the lookup is stale and must not be written.
    if (staffLookup(verifiers, user.username) !== lookup) throw new StaffVerifierError('The staff password file changed while the password was being set. Try again.');
    verifiers.accounts = verifiers.accounts.filter((entry) => entry.userId !== user.userId && entry.lookup !== lookup);
    verifiers.accounts.push({ lookup, userId: user.userId, kdf, verifier, kind: 'hmac-v1', mustChangePassword });
  });
}

/**
 * GCM encrypts with AES-CTR from counter 2 of the IV: the keystream over the wrap's 32 bytes is its ciphertext XOR the
 * data key. Kept alone (ciphertext and tag dropped) it is a key-check value: a password's derived key reproduces it,
 * and it holds nothing that leads to the data key.
 */
function wrapKeystream(keyEncryptionKey: Buffer, iv: Buffer, length: number): Buffer {
  const counter = Buffer.concat([iv, Buffer.from([0, 0, 0, 2])]);
  const cipher = crypto.createCipheriv('aes-256-ctr', keyEncryptionKey, counter);
  return Buffer.concat([cipher.update(Buffer.alloc(length)), cipher.final()]);
}

/**
 * Replaces a staff account's old wrap of the data key by a check that opens nothing (decision 0022): the keystream its
 * password's key produced, computed here from the wrap and the data key, without the password. Write this before the
 * wrap is removed from the keyring, so a crash between the two leaves the person able to sign in.
 */
export function verifierFromOldWrap(
  dataDir: string,
  user: { userId: string; username: string; mustChangePassword: boolean },
  wrap: { kdf: KdfParams; wrapped: { iv: string; ciphertext: string } },
  dataKey: Buffer,
): void {
  const ciphertext = Buffer.from(wrap.wrapped.ciphertext, 'base64');
  if (ciphertext.length !== dataKey.length) throw new StaffVerifierError('An old wrap of the data key is not the data key’s length.');
  const keystream = Buffer.alloc(ciphertext.length);
  for (let index = 0; index < ciphertext.length; index += 1) keystream[index] = ciphertext[index]! ^ dataKey[index]!;
  const lookup = staffLookup(lookupSaltFor(dataDir), user.username);
  updateVerifiers(dataDir, (verifiers) => {
    verifiers.accounts = verifiers.accounts.filter((entry) => entry.userId !== user.userId && entry.lookup !== lookup);
    verifiers.accounts.push({
      lookup,
      userId: user.userId,
      kdf: wrap.kdf,
      verifier: keystream.toString('base64'),
      kind: 'wrap-check-v1',
      iv: wrap.wrapped.iv,
      mustChangePassword: user.mustChangePassword,
    });
  });
}

/** Marks (or clears) a staff account's need to replace its temporary password. */
export function setStaffMustChangePassword(dataDir: string, userId: string, mustChangePassword: boolean): void {
  if (!readStaffVerifiers(dataDir)?.accounts.some((entry) => entry.userId === userId)) return;
  updateVerifiers(dataDir, (verifiers) => {
    for (const entry of verifiers.accounts) if (entry.userId === userId) entry.mustChangePassword = mustChangePassword;
  });
}

export function removeStaffVerifier(dataDir: string, userId: string): void {
  if (!readStaffVerifiers(dataDir)) return;
  updateVerifiers(dataDir, (verifiers) => {
    verifiers.accounts = verifiers.accounts.filter((entry) => entry.userId !== userId);
  });
}

/**
 * The account id when the password is right, otherwise null. An unknown username costs the same derivation (with
 * `decoyKdf`, the parameters a real entry would have) and a comparison against random bytes, so the time taken does
 * not tell who has an account.
 */
export async function verifyStaffPassword(
  dataDir: string,
  username: string,
  password: string,
  decoyKdf: KdfParams = newKdfParams(),
): Promise<{ userId: string; mustChangePassword: boolean; fromOldWrap: boolean } | null> {
  const verifiers = readStaffVerifiers(dataDir);
  const lookup = verifiers ? staffLookup(verifiers, username) : '';
  const entry = verifiers?.accounts.find((candidate) => candidate.lookup === lookup);
  let computed: Buffer;
  if (entry?.kind === 'wrap-check-v1') {
    const derived = await deriveKeyFromPassword(password, entry.kdf);
    computed = wrapKeystream(derived, Buffer.from(entry.iv ?? '', 'base64'), Buffer.from(entry.verifier, 'base64').length);
    derived.fill(0);
  } else {
    computed = await computeVerifier(password, entry?.kdf ?? decoyKdf, entry?.userId ?? 'none', lookup);
  }
  const stored = entry ? Buffer.from(entry.verifier, 'base64') : crypto.randomBytes(computed.length);
  const matches = stored.length === computed.length && crypto.timingSafeEqual(stored, computed);
  return entry && matches ? { userId: entry.userId, mustChangePassword: entry.mustChangePassword, fromOldWrap: entry.kind === 'wrap-check-v1' } : null;
}
