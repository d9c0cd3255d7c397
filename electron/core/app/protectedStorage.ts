// The operating system's protected storage, through `@napi-rs/keyring` (keyring-rs): the Credential Manager (DPAPI)
// on Windows, the Keychain on macOS, the Secret Service (gnome-keyring, KWallet) on Linux. It holds one secret per
// store for unlock at start (decision 0027) and nothing else.
import { createRequire } from 'node:module';
import type * as KeyringBinding from '@napi-rs/keyring';
import type { EntryOptions } from '@napi-rs/keyring';

type Binding = typeof KeyringBinding;
let binding: Binding | null = null;
/**
 * Loaded on first use, not at import: only a hub with unlock at start on needs it, and a platform whose prebuilt
 * binary is missing then fails at that feature (with a message) instead of failing to start the app at all.
 */
function loadBinding(): Binding {
  binding ??= createRequire(import.meta.url)('@napi-rs/keyring') as Binding;
  return binding;
}

/** The service every entry is filed under; the account is the store's id, never a person's name. */
export const PROTECTED_STORAGE_SERVICE = 'Safeguarding Records hub';

/**
 * On Linux the binding would fall back silently from the Secret Service to the kernel's keyutils, which keeps keys in
 * memory only and loses them at every reboot — the very restart unlock at start is for. Pinned, a missing Secret
 * Service is an error the DSL is told about, not a setting that quietly stops working after the next power cut.
 */
const entryOptions: EntryOptions = { linux: { store: 'secret-service' } };

/** Thrown when the protected storage cannot be reached or refuses; the message says what the operating system said. */
export class ProtectedStorageError extends Error {}

function entry(account: string): InstanceType<Binding['Entry']> {
  try {
    return new (loadBinding().Entry)(PROTECTED_STORAGE_SERVICE, account, entryOptions);
  } catch (error) {
    throw new ProtectedStorageError(reasonOf(error));
  }
}

function attempt<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw error instanceof ProtectedStorageError ? error : new ProtectedStorageError(reasonOf(error));
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The secret kept for `account`, or null when there is none. */
export function readProtectedSecret(account: string): Buffer | null {
  return attempt(() => {
    const secret = entry(account).getSecret();
    return secret ? Buffer.from(secret) : null;
  });
}

/** Keeps `secret` for `account`, replacing any there. */
export function writeProtectedSecret(account: string, secret: Buffer): void {
  attempt(() => entry(account).setSecret(secret));
}

/** Removes `account`'s secret; false when there was none. */
export function deleteProtectedSecret(account: string): boolean {
  return attempt(() => entry(account).deleteCredential());
}
