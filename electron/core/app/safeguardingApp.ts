// One school's application state: the keyring, the open store (only while someone is signed in), the session
// and the idle lock. Every door (Electron IPC, the browser host, the CLI, tests) holds one of these and sends
// every command through dispatch.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import type { AppStatus, LocalAuthorityId, Role, SessionUser } from '../../../shared/api';
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
import { CommandError } from '../dispatch/commandError';
import { defaultSettings, readSettings } from '../settings';
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

  async signIn(username: string, password: string, door: string): Promise<SessionUser> {
    const keyring = this.requireKeyring();
    if (this.session || this.lockedUser) this.endSession('signed_out');
    return this.authenticate(keyring, username, password, door, 'session.signIn');
  }

  async unlock(password: string, door: string): Promise<SessionUser> {
    const keyring = this.requireKeyring();
    if (this.session) return this.session.user;
    if (!this.lockedUser) throw new CommandError('unauthenticated', 'Nobody is signed in. Sign in with your username and password.');
    return this.authenticate(keyring, this.lockedUser.username, password, door, 'session.unlock');
  }

  private async authenticate(keyring: Keyring, username: string, password: string, door: string, command: string): Promise<SessionUser> {
    const now = this.clock();
    const lookup = usernameLookup(keyring, username);
    const allowedAt = nextAttemptAllowedAt(keyring, lookup, now);
    if (allowedAt) {
      throw new CommandError('rate_limited', 'Too many wrong passwords. Wait until the time shown, then try again — or ask your DSL or IT lead to reset your password.', undefined, allowedAt.toISOString());
    }
    const unwrapped = await unwrapWithPassword(keyring, username, password, this.kdf());
    if (!unwrapped) {
      this.keyring = updateKeyring(this.dataDir, (onDisk) => recordFailure(onDisk, lookup, now));
      throw new CommandError('unauthenticated', SIGN_IN_FAILED, { password: ['Check your username and password'] });
    }
    const db = openStore(databasePath(this.dataDir), unwrapped.dataKey);
    const account = findAccount(db, unwrapped.userId);
    if (!account || account.status !== 'active') {
      db.close();
      wipe(unwrapped.dataKey);
      this.keyring = updateKeyring(this.dataDir, (onDisk) => recordFailure(onDisk, lookup, now));
      throw new CommandError('unauthenticated', SIGN_IN_FAILED, { password: ['Check your username and password'] });
    }
    if (keyring.throttle[lookup]) this.keyring = updateKeyring(this.dataDir, (onDisk) => clearFailures(onDisk, lookup));
    writeTransaction(db, () => {
      markSignedIn(db, account.id, now.toISOString());
      appendAudit(db, { at: now.toISOString(), userId: account.id, role: account.role, door, command, recordIds: [account.id], outcome: 'ok' });
    });
    this.begin(db, unwrapped.dataKey, account);
    return this.session!.user;
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
    const check = await unwrapWithPassword(keyring, session.user.username, currentPassword, this.kdf());
    if (!check || check.userId !== session.user.id) {
      wipe(check?.dataKey);
      throw new CommandError('invalid_input', 'Your current password is not right.', { currentPassword: ['Your current password is not right'] });
    }
    wipe(check.dataKey);
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
  ): Promise<string> {
    const keyring = this.requireKeyring();
    const active = this.current();
    if (!active) throw new CommandError('unauthenticated', 'Sign in first.');
    if (authority.kind === 'recovery_key') {
      const key = decodeRecoveryKey(authority.recoveryKey);
      const dataKey = key ? unwrapWithRecoveryKey(keyring, key) : null;
      wipe(key);
      const matches = dataKey !== null && this.dataKey !== null && crypto.timingSafeEqual(dataKey, this.dataKey);
      wipe(dataKey);
      if (!matches) throw new CommandError('forbidden', 'That recovery key does not belong to this school’s records.', { 'authority.recoveryKey': ['That recovery key is not right'] });
      return 'recovery key';
    }
    const vouching = findAccountByUsername(active.db, authority.username);
    if (!vouching || vouching.role !== 'dsl' || vouching.status !== 'active' || vouching.id === targetUserId) {
      throw new CommandError('forbidden', 'A password reset needs another active DSL’s username and password (not the account being reset).', { 'authority.username': ['Enter another active DSL’s username'] });
    }
    const check = await unwrapWithPassword(keyring, authority.username, authority.password, this.kdf());
    const valid = check !== null && check.userId === vouching.id;
    wipe(check?.dataKey);
    if (!valid) throw new CommandError('forbidden', 'That DSL password is not right.', { 'authority.password': ['That password is not right'] });
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
