// The second factor's rows: one authenticator per account and its recovery codes (migration 0012). All SQL for them
// is here.
import type { Store } from '../store';

export interface Authenticator {
  secret: string;
  confirmedAt: string | null;
  lastUsedStep: number | null;
}

interface AuthenticatorRow {
  secret: string;
  confirmed_at: string | null;
  last_used_step: number | null;
}

export function findAuthenticator(db: Store, userId: string): Authenticator | null {
  const row = db.prepare('SELECT secret, confirmed_at, last_used_step FROM account_second_factor WHERE user_id = ?').get(userId) as AuthenticatorRow | undefined;
  return row ? { secret: row.secret, confirmedAt: row.confirmed_at, lastUsedStep: row.last_used_step } : null;
}

/** Whether the account has a confirmed authenticator (one started but never confirmed does not count). */
export function hasConfirmedAuthenticator(db: Store, userId: string): boolean {
  return Boolean(db.prepare('SELECT 1 FROM account_second_factor WHERE user_id = ? AND confirmed_at IS NOT NULL').get(userId));
}

/** A new, unconfirmed secret; replaces one started earlier and never confirmed. */
export function putUnconfirmedAuthenticator(db: Store, userId: string, secret: string, at: string): void {
  db.prepare('DELETE FROM account_second_factor WHERE user_id = ? AND confirmed_at IS NULL').run(userId);
  db.prepare('INSERT INTO account_second_factor (user_id, secret, created_at) VALUES (?, ?, ?)').run(userId, secret, at);
}

export function confirmAuthenticator(db: Store, userId: string, step: number, at: string): void {
  db.prepare('UPDATE account_second_factor SET confirmed_at = ?, last_used_step = ? WHERE user_id = ?').run(at, step, userId);
}

/** Records a code as used; false if a code of this step or a later one was used first (a replay, or a race). */
export function useTimeStep(db: Store, userId: string, step: number): boolean {
  const changed = db
    .prepare('UPDATE account_second_factor SET last_used_step = ? WHERE user_id = ? AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < ?)')
    .run(step, userId, step).changes;
  return changed === 1;
}

export function replaceRecoveryCodes(db: Store, userId: string, hashed: Array<{ salt: Buffer; hash: Buffer }>, at: string): void {
  db.prepare('DELETE FROM second_factor_recovery_codes WHERE user_id = ?').run(userId);
  const insert = db.prepare('INSERT INTO second_factor_recovery_codes (user_id, salt, hash, created_at) VALUES (?, ?, ?, ?)');
  for (const code of hashed) insert.run(userId, code.salt, code.hash, at);
}

export function unusedRecoveryCodes(db: Store, userId: string): Array<{ id: number; salt: Buffer; hash: Buffer }> {
  return db.prepare('SELECT id, salt, hash FROM second_factor_recovery_codes WHERE user_id = ? AND used_at IS NULL ORDER BY id').all(userId) as Array<{ id: number; salt: Buffer; hash: Buffer }>;
}

/** Spends a recovery code; false if it was spent already (two tries at once). */
export function spendRecoveryCode(db: Store, id: number, at: string): boolean {
  return db.prepare('UPDATE second_factor_recovery_codes SET used_at = ? WHERE id = ? AND used_at IS NULL').run(at, id).changes === 1;
}

export function countUnusedRecoveryCodes(db: Store, userId: string): number {
  return (db.prepare('SELECT count(*) FROM second_factor_recovery_codes WHERE user_id = ? AND used_at IS NULL').pluck().get(userId) as number) ?? 0;
}

/** Clears the account's authenticator and recovery codes: it enrols again at its next sign-in. */
export function clearSecondFactor(db: Store, userId: string): boolean {
  const removed = db.prepare('DELETE FROM account_second_factor WHERE user_id = ?').run(userId).changes;
  db.prepare('DELETE FROM second_factor_recovery_codes WHERE user_id = ?').run(userId);
  return removed > 0;
}
