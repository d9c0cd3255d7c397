// The keyring file and the one way a password or the recovery key is checked against it: slowed after repeated
// wrong tries (counted per secret, across every door, computer and command) and every wrong or too-early try
// written to the audit log — or held in the keyring until the store is next open.
import fs from 'node:fs';
import type { Role } from '../../../shared/api';
import { appendAudit } from '../audit';
import { readKeyring, updateKeyring, type Keyring } from '../crypto';
import { AuditedRefusal, CommandError } from '../dispatch/commandError';
import { writeTransaction, type Store } from '../store';
import { clearFailures, nextAttemptAllowedAt, recordFailure } from './throttle';

const TOO_MANY_WRONG = 'Too many wrong passwords. Wait until the time shown, then try again — or ask your DSL or IT lead to reset your password.';
/** Wrong tries kept for the audit log while the store is closed; beyond this the oldest go, so the file stays small. */
const MAX_PENDING_AUDIT = 1000;

/** The throttle's key for the recovery key (a username's key is a hex hash, so the two never collide). */
export const RECOVERY_KEY_SUBJECT = 'recovery-key';

/** One try of a password or the recovery key: what the throttle counts it against and what its audit row says. */
export interface SecretAttempt {
  /** A username's lookup hash, or the recovery key's subject: wrong tries are counted per secret, whichever door. */
  subject: string;
  door: string;
  /** The caller's network address, for the audit row. */
  client: string | null;
  command: string;
  recordIds: string[];
  /** The signed-in person making the try, if any (a sign-in attempt is nobody's until it succeeds). */
  by: { id: string; role: Role } | null;
  /** What the person is told when the secret is wrong. */
  wrong: { code: 'unauthenticated' | 'forbidden' | 'invalid_input'; message: string; fields: Record<string, string[]> };
}

export class KeyringHolder {
  private keyring: Keyring | null;
  private checks: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataDir: string,
    private readonly clock: () => Date,
    /** The open store, if any: wrong tries go straight into its audit log. */
    private readonly openStore: () => Store | null,
  ) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.keyring = readKeyring(dataDir);
  }

  /** The keyring as last read, without touching the disk; null before setup. */
  get cached(): Keyring | null {
    return this.keyring;
  }

  /** Read afresh: the admin CLI (or a restore) may have changed the keyring on disk since this app last read it. */
  require(): Keyring {
    this.keyring = readKeyring(this.dataDir) ?? this.keyring;
    if (!this.keyring) throw new CommandError('conflict', 'This school has not been set up yet. Complete setup first.');
    return this.keyring;
  }

  adopt(keyring: Keyring): void {
    this.keyring = keyring;
  }

  /** Changes the keyring under its lock (re-read, changed, written): the admin CLI may be changing it too. */
  update(change: (onDisk: Keyring) => void): Keyring {
    this.keyring = updateKeyring(this.dataDir, change);
    return this.keyring;
  }

  /**
   * Runs `check`, which answers null for a wrong secret. One try at a time: key derivation is asynchronous, and
   * tries sent together from many computers would otherwise all pass the throttle before the first failure counts.
   */
  checkSecret<T>(attempt: SecretAttempt, check: () => Promise<T | null> | T | null): Promise<T> {
    const turn = this.checks.then(() => this.checkNow(attempt, check));
    this.checks = turn.catch(() => undefined);
    return turn;
  }

  private async checkNow<T>(attempt: SecretAttempt, check: () => Promise<T | null> | T | null): Promise<T> {
    const keyring = this.require();
    const now = this.clock();
    const allowedAt = nextAttemptAllowedAt(keyring, attempt.subject, now);
    if (allowedAt) {
      this.auditWrong(attempt, now, { countsAsFailure: false });
      throw new AuditedRefusal('rate_limited', TOO_MANY_WRONG, undefined, allowedAt.toISOString());
    }
    const result = await check();
    if (result === null) {
      this.auditWrong(attempt, now, { countsAsFailure: true });
      throw new AuditedRefusal(attempt.wrong.code, attempt.wrong.message, attempt.wrong.fields);
    }
    if (keyring.throttle[attempt.subject]) this.update((onDisk) => clearFailures(onDisk, attempt.subject));
    return result;
  }

  private auditWrong(attempt: SecretAttempt, now: Date, { countsAsFailure }: { countsAsFailure: boolean }): void {
    const entry = { at: now.toISOString(), door: attempt.door, client: attempt.client, command: attempt.command, recordIds: attempt.recordIds, outcome: 'denied' as const };
    const db = this.openStore();
    if (db) writeTransaction(db, () => appendAudit(db, { ...entry, userId: attempt.by?.id ?? null, role: attempt.by?.role ?? null }));
    if (!countsAsFailure && db) return;
    this.update((onDisk) => {
      if (countsAsFailure) recordFailure(onDisk, attempt.subject, now);
      if (!db) {
        onDisk.pendingAudit.push(entry);
        onDisk.pendingAudit.splice(0, Math.max(0, onDisk.pendingAudit.length - MAX_PENDING_AUDIT));
      }
    });
  }

  /** Holds an audit row written while the store was closed (a staff sign-in, a refusal), until it next opens. */
  holdAudit(entry: Keyring['pendingAudit'][number]): void {
    this.update((onDisk) => {
      onDisk.pendingAudit.push(entry);
      onDisk.pendingAudit.splice(0, Math.max(0, onDisk.pendingAudit.length - MAX_PENDING_AUDIT));
    });
  }

  /**
   * Moves wrong tries held while the store was closed into its audit log, inside `db`'s current transaction. Only
   * the rows written leave the keyring afterwards (call `forgetMoved`): another process may have added more since.
   */
  movePendingInto(db: Store): Keyring['pendingAudit'] {
    const pending = this.require().pendingAudit;
    for (const { userId, role, ...entry } of pending) appendAudit(db, { ...entry, client: entry.client ?? null, userId: userId ?? null, role: role ?? null });
    return pending;
  }

  forgetMoved(moved: Keyring['pendingAudit']): void {
    if (moved.length === 0) return;
    const written = new Set(moved.map((entry) => JSON.stringify(entry)));
    this.update((onDisk) => {
      onDisk.pendingAudit = onDisk.pendingAudit.filter((entry) => !written.has(JSON.stringify(entry)));
    });
  }
}
