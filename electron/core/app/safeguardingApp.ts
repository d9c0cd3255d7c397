// One school's application state: the keyring, the open store (only while someone is signed in), the session
// and the idle lock. Every door (Electron IPC, the browser host, the CLI, tests) holds one of these and sends
// every command through dispatch.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { mayVouchForReset, packForLocalAuthority, type AppStatus, type LocalAuthorityId, type Role, type SessionUser, type Settings } from '../../../shared/api';
import {
  findAccount,
  findAccountByUsername,
  insertAccount,
  markSignedIn,
  setMustChangePassword,
} from '../accounts';
import { appendAudit } from '../audit';
import {
  decodeRecoveryKey,
  encodeRecoveryKey,
  generateDataKey,
  generateRecoveryKey,
  newKdfParams,
  newKeyring,
  putUserWrap,
  readKeyring,
  removeUserWrap,
  setUserWrap,
  updateKeyring,
  unwrapWithPassword,
  unwrapWithRecoveryKey,
  usernameLookup,
  wipe,
  wrapForUser,
  writeKeyring,
  type Keyring,
  type KdfParams,
} from '../crypto';
import { AuditedRefusal, CommandError } from '../dispatch/commandError';
import { defaultSettings, readSettings, writeSettings } from '../settings';
import { BackgroundCheckpoints, databasePath, openStore, writeTransaction, type Store } from '../store';
import { fileLog, type Log } from './log';
import { clearFailures, nextAttemptAllowedAt, recordFailure } from './throttle';

export interface AppOptions {
  dataDir: string;
  /** The clock; tests pass a fixed one. */
  clock?: () => Date;
  /** Cheaper key derivation for tests only; production uses the defaults. */
  kdfCost?: { memoryKiB?: number; passes?: number };
  log?: Log;
}

export interface Session {
  user: SessionUser;
  startedAt: Date;
}

const SIGN_IN_FAILED = 'That username and password do not match an active account. Check them and try again, or ask your DSL or IT lead to reset your password.';
const TOO_MANY_WRONG = 'Too many wrong passwords. Wait until the time shown, then try again — or ask your DSL or IT lead to reset your password.';
/** The throttle's key for the recovery key (a username's key is a hex hash, so the two never collide). */
const RECOVERY_KEY_SUBJECT = 'recovery-key';
/** Wrong tries kept for the audit log while the store is closed; beyond this the oldest go, so the file stays small. */
const MAX_PENDING_AUDIT = 1000;

/** One try of a password or the recovery key: what the throttle counts it against and what its audit row says. */
interface SecretAttempt {
  /** A username's lookup hash, or RECOVERY_KEY_SUBJECT: wrong tries are counted per secret, whichever door. */
  subject: string;
  door: string;
  command: string;
  recordIds: string[];
  /** The signed-in person making the try, if any (a sign-in attempt is nobody's until it succeeds). */
  by: { id: string; role: Role } | null;
  /** What the person is told when the secret is wrong. */
  wrong: { code: 'unauthenticated' | 'forbidden' | 'invalid_input'; message: string; fields: Record<string, string[]> };
}

/** The lock screen asks only for the password (its owner is named on it), so its refusal speaks of the password alone. */
function unlockFailed(displayName: string): SecretAttempt['wrong'] {
  return {
    code: 'unauthenticated',
    message: `That is not ${displayName}’s password. Check it and try again, or sign out and ask your DSL or IT lead to reset it.`,
    fields: { password: ['That password is not right'] },
  };
}

export class SafeguardingApp {
  readonly dataDir: string;
  readonly clock: () => Date;
  readonly log: Log;
  private readonly kdfCost: AppOptions['kdfCost'];
  private keyring: Keyring | null;
  private store: Store | null = null;
  private dataKey: Buffer | null = null;
  private session: Session | null = null;
  private lockedUser: SessionUser | null = null;
  private lastActivity = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private idleLockMinutes = defaultSettings.idleLockMinutes;
  private checkpoints: BackgroundCheckpoints | null = null;
  private secretChecks: Promise<unknown> = Promise.resolve();

  constructor(options: AppOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? (() => new Date());
    this.kdfCost = options.kdfCost;
    this.log = options.log ?? fileLog(options.dataDir);
    fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    this.keyring = readKeyring(this.dataDir);
  }

  status(): AppStatus {
    const user = this.session?.user ?? this.lockedUser;
    const state = !this.keyring ? 'needs_setup' : this.session ? 'signed_in' : this.lockedUser ? 'locked' : 'signed_out';
    return {
      state,
      school: this.keyring?.school ?? null,
      user: user ?? null,
      idleLockMinutes: this.idleLockMinutes,
      recoveryKeyConfirmed: this.store ? this.recoveryKeyConfirmed(this.store) : true,
    };
  }

  /** The open store and session, for dispatch; null when nobody is signed in. */
  current(): { db: Store; session: Session } | null {
    return this.store && this.session ? { db: this.store, session: this.session } : null;
  }

  isLocked(): boolean {
    return this.lockedUser !== null;
  }

  private kdf(): KdfParams {
    return newKdfParams(this.kdfCost);
  }

  private recoveryKeyConfirmed(db: Store): boolean {
    const row = db.prepare('SELECT recovery_key_confirmed_at FROM school WHERE id = 1').get() as { recovery_key_confirmed_at: string | null } | undefined;
    return Boolean(row?.recovery_key_confirmed_at);
  }

  /** First run: creates the keys, the store, the school and the first DSL, and signs them in. */
  async setup(input: {
    school: { name: string; urn: string; localAuthority: LocalAuthorityId };
    dsl: { username: string; displayName: string; password: string };
    dslOnDuty?: Settings['dslOnDuty'] | undefined;
  }): Promise<{ recoveryKey: string; user: SessionUser }> {
    if (this.keyring || fs.existsSync(databasePath(this.dataDir))) {
      throw new CommandError('conflict', 'This school is already set up. Sign in instead.');
    }
    const now = this.clock();
    const dataKey = generateDataKey();
    const recoveryKey = generateRecoveryKey();
    const keyring = newKeyring({ name: input.school.name, urn: input.school.urn }, dataKey, recoveryKey, now);
    const userId = uuidv7();
    await setUserWrap(keyring, { userId, username: input.dsl.username }, input.dsl.password, dataKey, this.kdf());

    const db = openStore(databasePath(this.dataDir), dataKey);
    writeTransaction(db, () => {
      db.prepare('INSERT INTO school (id, name, urn, local_authority, created_at) VALUES (1, ?, ?, ?, ?)').run(
        input.school.name,
        input.school.urn,
        input.school.localAuthority,
        now.toISOString(),
      );
      insertAccount(db, {
        id: userId,
        username: input.dsl.username,
        displayName: input.dsl.displayName,
        role: 'dsl',
        staffGroup: 'leadership',
        mustChangePassword: false,
        createdAt: now.toISOString(),
        createdBy: null,
      });
      // The council chosen here is the school's pack from the start: thresholds and "who to call" work at once.
      const pack = packForLocalAuthority(input.school.localAuthority) ?? defaultSettings.pack;
      writeSettings(db, { ...readSettings(db), pack, dslOnDuty: input.dslOnDuty ?? defaultSettings.dslOnDuty }, userId, now.toISOString());
      markSignedIn(db, userId, now.toISOString());
      appendAudit(db, { at: now.toISOString(), userId, role: 'dsl', door: 'app', command: 'setup.create', recordIds: [userId], outcome: 'ok' });
    });
    // The keyring is written last: a failure before this point leaves no half-set-up school behind a keyring.
    writeKeyring(this.dataDir, keyring);
    this.keyring = keyring;
    this.begin(db, dataKey, findAccount(db, userId)!);
    const encoded = encodeRecoveryKey(recoveryKey);
    wipe(recoveryKey);
    return { recoveryKey: encoded, user: this.session!.user };
  }

  /** A failed sign-in leaves whoever is signed in (or locked) as they were: the check comes before anything ends. */
  async signIn(username: string, password: string, door: string): Promise<SessionUser> {
    const keyring = this.requireKeyring();
    return this.authenticate(keyring, username, password, door, 'session.signIn', { code: 'unauthenticated', message: SIGN_IN_FAILED, fields: { password: ['Check your username and password'] } });
  }

  async unlock(password: string, door: string): Promise<SessionUser> {
    const keyring = this.requireKeyring();
    if (this.session) return this.session.user;
    if (!this.lockedUser) throw new CommandError('unauthenticated', 'Nobody is signed in. Sign in with your username and password.');
    const owner = this.lockedUser;
    return this.authenticate(keyring, owner.username, password, door, 'session.unlock', unlockFailed(owner.displayName));
  }

  private async authenticate(keyring: Keyring, username: string, password: string, door: string, command: string, wrong: SecretAttempt['wrong']): Promise<SessionUser> {
    const lookup = usernameLookup(keyring, username);
    const opened = await this.checkSecret(
      {
        subject: lookup,
        door,
        command,
        recordIds: [`username-lookup:${lookup}`],
        by: null,
        wrong,
      },
      async () => {
        const unwrapped = await unwrapWithPassword(keyring, username, password, this.kdf());
        if (!unwrapped) return null;
        const db = openStore(databasePath(this.dataDir), unwrapped.dataKey);
        const account = findAccount(db, unwrapped.userId);
        if (account?.status === 'active') return { db, dataKey: unwrapped.dataKey, account };
        db.close();
        wipe(unwrapped.dataKey);
        return null;
      },
    );
    // Only now, with the new person's password proven, does the previous session end.
    if (this.session || this.lockedUser) this.endSession('signed_out');
    const { db, dataKey, account } = opened;
    const now = this.clock().toISOString();
    // Read afresh: wrong tries made while this one was being checked may have added rows.
    const pending = this.requireKeyring().pendingAudit;
    writeTransaction(db, () => {
      for (const entry of pending) appendAudit(db, { ...entry, userId: null, role: null });
      markSignedIn(db, account.id, now);
      appendAudit(db, { at: now, userId: account.id, role: account.role, door, command, recordIds: [account.id], outcome: 'ok' });
    });
    if (pending.length > 0) {
      // Only the rows just written leave the keyring: another process may have added more since it was read.
      const moved = new Set(pending.map((entry) => JSON.stringify(entry)));
      this.keyring = updateKeyring(this.dataDir, (onDisk) => {
        onDisk.pendingAudit = onDisk.pendingAudit.filter((entry) => !moved.has(JSON.stringify(entry)));
      });
    }
    this.begin(db, dataKey, account);
    return this.session!.user;
  }

  /**
   * The one way a password or the recovery key is checked: slowed after repeated wrong tries (counted per secret,
   * across every door and command) and every wrong or too-early try written to the audit log.
   */
  private checkSecret<T>(attempt: SecretAttempt, check: () => Promise<T | null> | T | null): Promise<T> {
    // One try at a time: key derivation is asynchronous, and tries sent together would otherwise all pass the
    // throttle before the first failure is counted.
    const turn = this.secretChecks.then(() => this.checkSecretNow(attempt, check));
    this.secretChecks = turn.catch(() => undefined);
    return turn;
  }

  private async checkSecretNow<T>(attempt: SecretAttempt, check: () => Promise<T | null> | T | null): Promise<T> {
    const keyring = this.requireKeyring();
    const now = this.clock();
    const allowedAt = nextAttemptAllowedAt(keyring, attempt.subject, now);
    if (allowedAt) {
      this.auditWrongSecret(attempt, now, { countsAsFailure: false });
      throw new AuditedRefusal('rate_limited', TOO_MANY_WRONG, undefined, allowedAt.toISOString());
    }
    const result = await check();
    if (result === null) {
      this.auditWrongSecret(attempt, now, { countsAsFailure: true });
      throw new AuditedRefusal(attempt.wrong.code, attempt.wrong.message, attempt.wrong.fields);
    }
    if (keyring.throttle[attempt.subject]) this.keyring = updateKeyring(this.dataDir, (onDisk) => clearFailures(onDisk, attempt.subject));
    return result;
  }

  /**
   * Into the audit log if the store is open; otherwise held in the keyring until the next sign-in moves it there.
   * The keyring is changed under its lock (re-read, changed, written): the admin CLI may be changing it too.
   */
  private auditWrongSecret(attempt: SecretAttempt, now: Date, { countsAsFailure }: { countsAsFailure: boolean }): void {
    const entry = { at: now.toISOString(), door: attempt.door, command: attempt.command, recordIds: attempt.recordIds, outcome: 'denied' as const };
    const db = this.store;
    if (db) writeTransaction(db, () => appendAudit(db, { ...entry, userId: attempt.by?.id ?? null, role: attempt.by?.role ?? null }));
    if (!countsAsFailure && db) return;
    this.keyring = updateKeyring(this.dataDir, (onDisk) => {
      if (countsAsFailure) recordFailure(onDisk, attempt.subject, now);
      if (!db) {
        onDisk.pendingAudit.push(entry);
        onDisk.pendingAudit.splice(0, Math.max(0, onDisk.pendingAudit.length - MAX_PENDING_AUDIT));
      }
    });
  }

  private begin(db: Store, dataKey: Buffer, account: { id: string; username: string; displayName: string; role: Role; mustChangePassword: boolean }): void {
    this.store = db;
    this.dataKey = dataKey;
    this.checkpoints = new BackgroundCheckpoints(databasePath(this.dataDir), dataKey, (error) => this.log.error('background checkpoint', error));
    this.lockedUser = null;
    this.session = {
      user: { id: account.id, username: account.username, displayName: account.displayName, role: account.role, mustChangePassword: account.mustChangePassword },
      startedAt: this.clock(),
    };
    this.idleLockMinutes = readSettings(db).idleLockMinutes;
    this.touch();
  }

  /** Locks: the store is closed and the data key wiped; only this user's password (or signing out) reopens it. */
  lock(): void {
    if (!this.session) return;
    this.endSession('locked');
  }

  signOut(): void {
    this.endSession('signed_out');
  }

  private endSession(next: 'locked' | 'signed_out'): void {
    const user = this.session?.user ?? this.lockedUser;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    // The worker's connection closes first, so the app's own close is the last: it folds the log in and removes it.
    this.checkpoints?.stop();
    this.checkpoints = null;
    if (this.store) {
      if (this.session) {
        const now = this.clock().toISOString();
        try {
          const { user } = this.session;
          const store = this.store;
          writeTransaction(store, () =>
            appendAudit(store, { at: now, userId: user.id, role: user.role, door: 'app', command: next === 'locked' ? 'session.lock' : 'session.signOut', recordIds: [], outcome: 'ok' }),
          );
        } catch (error) {
          this.log.error('audit on end of session', error);
        }
      }
      this.store.close();
    }
    wipe(this.dataKey);
    this.store = null;
    this.dataKey = null;
    this.session = null;
    this.lockedUser = next === 'locked' && user ? user : null;
  }

  /** Activity from the person (any command, or the page's activity report) postpones the idle lock. */
  touch(): void {
    if (!this.session) return;
    this.lastActivity = this.clock().getTime();
    this.scheduleIdleLock();
  }

  /** After every command: whatever it wrote is folded into the database file in the background. */
  afterCommand(): void {
    this.checkpoints?.afterCommand();
  }

  private scheduleIdleLock(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const idleMs = this.idleLockMinutes * 60_000;
    this.idleTimer = setTimeout(() => this.lockIfIdle(), idleMs + 250);
    this.idleTimer.unref?.();
  }

  /** Locks when nothing has happened for the idle period; exposed so tests with a fixed clock can check it. */
  lockIfIdle(): boolean {
    if (!this.session) return false;
    const idleMs = this.idleLockMinutes * 60_000;
    if (this.clock().getTime() - this.lastActivity >= idleMs) {
      this.lock();
      return true;
    }
    this.scheduleIdleLock();
    return false;
  }

  setIdleLockMinutes(minutes: number): void {
    this.idleLockMinutes = minutes;
    this.scheduleIdleLock();
  }

  async changePassword(currentPassword: string, newPassword: string, door: string): Promise<void> {
    const keyring = this.requireKeyring();
    const active = this.current();
    if (!active) throw new CommandError('unauthenticated', 'Sign in first.');
    const { db, session } = active;
    await this.checkSecret(
      {
        subject: usernameLookup(keyring, session.user.username),
        door,
        command: 'session.changePassword',
        recordIds: [session.user.id],
        by: session.user,
        wrong: { code: 'invalid_input', message: 'Your current password is not right.', fields: { currentPassword: ['Your current password is not right'] } },
      },
      async () => {
        const check = await unwrapWithPassword(keyring, session.user.username, currentPassword, this.kdf());
        const valid = check !== null && check.userId === session.user.id;
        wipe(check?.dataKey);
        return valid || null;
      },
    );
    if (currentPassword === newPassword) {
      throw new CommandError('invalid_input', 'Choose a new password that is different from the current one.', { newPassword: ['Choose a password different from the current one'] });
    }
    const wrap = await wrapForUser(keyring, { userId: session.user.id, username: session.user.username }, newPassword, this.dataKey!, this.kdf());
    const now = this.clock().toISOString();
    writeTransaction(db, () => {
      setMustChangePassword(db, session.user.id, false);
      appendAudit(db, { at: now, userId: session.user.id, role: session.user.role, door, command: 'session.changePassword', recordIds: [session.user.id], outcome: 'ok' });
    });
    this.keyring = updateKeyring(this.dataDir, (onDisk) => putUserWrap(onDisk, wrap));
    session.user = { ...session.user, mustChangePassword: false };
  }

  /** Wraps the open data key for an account (new account or reset); the caller records it in the store. */
  async wrapForAccount(account: { id: string; username: string }, password: string): Promise<void> {
    const keyring = this.requireKeyring();
    if (!this.dataKey) throw new CommandError('unauthenticated', 'Sign in first.');
    const wrap = await wrapForUser(keyring, { userId: account.id, username: account.username }, password, this.dataKey, this.kdf());
    this.keyring = updateKeyring(this.dataDir, (onDisk) => putUserWrap(onDisk, wrap));
  }

  removeAccountWrap(userId: string): void {
    this.requireKeyring();
    this.keyring = updateKeyring(this.dataDir, (onDisk) => removeUserWrap(onDisk, userId));
  }

  /** Proves authority for a password reset: the recovery key, or another active DSL's own password. */
  async checkResetAuthority(
    authority: { kind: 'recovery_key'; recoveryKey: string } | { kind: 'dsl'; username: string; password: string },
    targetUserId: string,
    door: string,
  ): Promise<string> {
    const keyring = this.requireKeyring();
    const active = this.current();
    if (!active) throw new CommandError('unauthenticated', 'Sign in first.');
    const by = active.session.user;
    if (authority.kind === 'recovery_key') {
      await this.checkSecret(
        {
          subject: RECOVERY_KEY_SUBJECT,
          door,
          command: 'accounts.resetPassword',
          recordIds: [targetUserId, 'authority:recovery key'],
          by,
          wrong: { code: 'forbidden', message: 'That recovery key does not belong to this school’s records.', fields: { 'authority.recoveryKey': ['That recovery key is not right'] } },
        },
        () => {
          const key = decodeRecoveryKey(authority.recoveryKey);
          const dataKey = key ? unwrapWithRecoveryKey(keyring, key) : null;
          wipe(key);
          const matches = dataKey !== null && this.dataKey !== null && crypto.timingSafeEqual(dataKey, this.dataKey);
          wipe(dataKey);
          return matches || null;
        },
      );
      return 'recovery key';
    }
    const vouching = findAccountByUsername(active.db, authority.username);
    if (!vouching || !mayVouchForReset(vouching.role) || vouching.status !== 'active' || vouching.id === targetUserId) {
      throw new CommandError('forbidden', 'A password reset needs another active DSL’s username and password (not the account being reset).', { 'authority.username': ['Enter another active DSL’s username'] });
    }
    await this.checkSecret(
      {
        subject: usernameLookup(keyring, authority.username),
        door,
        command: 'accounts.resetPassword',
        recordIds: [targetUserId, `authority:dsl ${vouching.id}`],
        by,
        wrong: { code: 'forbidden', message: 'That DSL password is not right.', fields: { 'authority.password': ['That password is not right'] } },
      },
      async () => {
        const check = await unwrapWithPassword(keyring, authority.username, authority.password, this.kdf());
        const valid = check !== null && check.userId === vouching.id;
        wipe(check?.dataKey);
        return valid || null;
      },
    );
    return `dsl ${vouching.id}`;
  }

  private requireKeyring(): Keyring {
    // Read afresh: the admin CLI (or a restore) may have changed the keyring on disk since this app last read it.
    this.keyring = readKeyring(this.dataDir) ?? this.keyring;
    if (!this.keyring) throw new CommandError('conflict', 'This school has not been set up yet. Complete setup first.');
    return this.keyring;
  }

  /** Closes the store and wipes the key; for shutdown and tests. */
  close(): void {
    this.endSession('signed_out');
  }
}
