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
  accounts: z.array(z.object({ lookup: z.string(), userId: z.string(), kdf: kdfSchema, verifier: z.string() })),
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
export async function setStaffPassword(dataDir: string, user: { userId: string; username: string }, password: string, cost?: { memoryKiB?: number; passes?: number }): Promise<void> {
  const lookup = staffLookup(lookupSaltFor(dataDir), user.username);
  const kdf = newKdfParams(cost);
  const verifier = (await computeVerifier(password, kdf, user.userId, lookup)).toString('base64');
  updateVerifiers(dataDir, (verifiers) => {
    // The salt was read before deriving; if the file was replaced meanwhile the lookup is stale and must not be written.
    if (staffLookup(verifiers, user.username) !== lookup) throw new StaffVerifierError('The staff password file changed while the password was being set. Try again.');
    verifiers.accounts = verifiers.accounts.filter((entry) => entry.userId !== user.userId && entry.lookup !== lookup);
    verifiers.accounts.push({ lookup, userId: user.userId, kdf, verifier });
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
export async function verifyStaffPassword(dataDir: string, username: string, password: string, decoyKdf: KdfParams = newKdfParams()): Promise<{ userId: string } | null> {
  const verifiers = readStaffVerifiers(dataDir);
  const lookup = verifiers ? staffLookup(verifiers, username) : '';
  const entry = verifiers?.accounts.find((candidate) => candidate.lookup === lookup);
  const computed = await computeVerifier(password, entry?.kdf ?? decoyKdf, entry?.userId ?? 'none', lookup);
  const stored = entry ? Buffer.from(entry.verifier, 'base64') : crypto.randomBytes(computed.length);
  const matches = stored.length === computed.length && crypto.timingSafeEqual(stored, computed);
  return entry && matches ? { userId: entry.userId } : null;
}
