// Growing delay after wrong passwords, kept in the keyring so restarting the app does not reset it. Counted by
// the hashed username whether or not an account exists, so the delay reveals nothing about who has an account.
import type { Keyring } from '../crypto';

const FREE_ATTEMPTS = 3;
const FIRST_DELAY_MS = 15_000;
const MAX_DELAY_MS = 15 * 60_000;
const FORGET_AFTER_MS = 24 * 60 * 60_000;

/** When the next attempt for this username is allowed, or null if it is allowed now. */
export function nextAttemptAllowedAt(keyring: Keyring, lookup: string, now: Date): Date | null {
  const entry = keyring.throttle[lookup];
  if (!entry || entry.failures < FREE_ATTEMPTS) return null;
  const delay = Math.min(FIRST_DELAY_MS * 2 ** (entry.failures - FREE_ATTEMPTS), MAX_DELAY_MS);
  const allowedAt = new Date(Date.parse(entry.lastFailureAt) + delay);
  return allowedAt > now ? allowedAt : null;
}

export function recordFailure(keyring: Keyring, lookup: string, now: Date): void {
  for (const [key, entry] of Object.entries(keyring.throttle)) {
    if (now.getTime() - Date.parse(entry.lastFailureAt) > FORGET_AFTER_MS) delete keyring.throttle[key];
  }
  const failures = (keyring.throttle[lookup]?.failures ?? 0) + 1;
  keyring.throttle[lookup] = { failures, lastFailureAt: now.toISOString() };
}

export function clearFailures(keyring: Keyring, lookup: string): boolean {
  if (!keyring.throttle[lookup]) return false;
  delete keyring.throttle[lookup];
  return true;
}
