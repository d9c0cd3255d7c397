// One school's application: the keyring, the open store and everyone signed in at once (decision 0016). Every
// door (Electron IPC, the browser host, the hub's network door, the CLI, tests) holds one of these and sends every
// command through dispatch with its caller; nothing here asks who "the" user is — each call names its session.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { holdsDataKey, mayChangeUnlockAtStart, mayVouchForReset, packForLocalAuthority, type AppStatus, type LocalAuthorityId, type Role, type SessionUser, type Settings } from '../../../shared/api';
import { findAccount, findAccountByUsername, insertAccount, markSignedIn, setMustChangePassword } from '../accounts';
import { AlertBus, REMINDER_INTERVAL_MS, unreadImmediateDanger } from '../alerts';
import { appendAudit } from '../audit';
import {
  decodeRecoveryKey,
  encodeRecoveryKey,
  generateDataKey,
  generateRecoveryKey,
  newKdfParams,
  newKeyring,
  putUserWrap,
  setUserWrap,
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
import { defaultSettings, readSettings, writeSettings } from '../settings';
import { databasePath, openStore, writeTransaction, type Store } from '../store';
import { ensureIntakeKey, setStaffPassword, verifyStaffPassword } from '../intake';
import type { LongWorkPool } from '../longWork';
import { AccountKeys, type AccountForPassword } from './accountKeys';
import { IntakeDesk, type IntakeNotice } from './intakeDesk';
import { KeyringHolder, RECOVERY_KEY_SUBJECT, type SecretAttempt } from './keyringHolder';
import { fileLog, type Log } from './log';
import { SessionRegistry, isWaitingForCode, type Caller, type Session, type SessionEnd } from './sessionRegistry';
import { StoreHolder } from './storeHolder';
import { OPENED_AT_START, UnlockAtStart, type UnlockAtStartState } from './unlockAtStart';
import { secondFactorStepFor } from '../secondFactor';

export interface AppOptions {
  dataDir: string;
  /** The clock; tests pass a fixed one. */
  clock?: () => Date;
  /** Cheaper key derivation for tests only; production uses the defaults. */
  kdfCost?: { memoryKiB?: number; passes?: number };
  log?: Log;
  /** How long a session lives however active it is (the hub's `--session-hours`); 12 hours unless set. */
  sessionLifetimeHours?: number;
  /**
   * Whether idle sessions lock by themselves (the default): a timer looks for them every 15 s, and a session is
   * checked when it is next used. Only a test that moves the clock by hand turns it off: a real-time timer would race
   * the test's jumps and lock a session at a random step; such a test locks with `lockIdleSessions()` when it means to.
   */
  idleSweep?: boolean;
  /**
   * This app is the school's hub (`--hub`): it may open the records at start from the operating system's protected
   * storage when a DSL has turned that on (decision 0027), and keeps them open while it runs.
   */
  hub?: boolean;
  /** How long without a command before new concerns are folded into the tallies and copies (storeHolder.ts); tests shorten it. */
  quietFoldMs?: number;
}

/** What the hub's start did about unlock at start, for its console. */
export type StartOutcome = { opened: true; arrived: number; immediateDanger: number } | { opened: false; reason: string | null };

const SIGN_IN_FAILED = 'That username and password do not match an active account. Check them and try again, or ask your DSL or IT lead to reset your password.';
/** How often idle sessions are looked for; a session locks within this of its idle period ending. */
const IDLE_SWEEP_MS = 15_000;

/** The lock screen asks only for the password (its owner is named on it), so its refusal speaks of the password alone. */
function unlockFailed(displayName: string): SecretAttempt['wrong'] {
  return {
    code: 'unauthenticated',
    message: `That is not ${displayName}’s password. Check it and try again, or sign out and ask your DSL or IT lead to reset it.`,
    fields: { password: ['That password is not right'] },
  };
}

/**
 * What wrong tries are counted against: the secret, and — over the network — the computer trying it. A guesser on
 * one computer slows only themselves; a DSL signing in from their own desk is never delayed by an attacker's tries
 * elsewhere (ASVS 6.3.1: no lock-out an attacker can use against a user). The door also limits each computer overall.
 */
function throttleSubject(secret: string, caller: Pick<Caller, 'address'>): string {
  return caller.address ? `${secret}@${caller.address}` : secret;
}

type AccountForSession = { id: string; username: string; displayName: string; role: Role; mustChangePassword: boolean };
/** A password that checked: readers bring the store (opened with their key, or the one already open); staff may not. */
type Authenticated = { db: Store | null; dataKey: Buffer | null; account: AccountForSession };

/** The start's waiting concerns and those a reader's own opening found, told as one. */
function mergeNotices(first: IntakeNotice | null, second: IntakeNotice | null): IntakeNotice | null {
  if (!first || !second) return first ?? second;
  return {
    arrived: first.arrived + second.arrived,
    immediateDanger: first.immediateDanger + second.immediateDanger,
    setAside: first.setAside + second.setAside,
    concernIds: [...first.concernIds, ...second.concernIds],
  };
}

export class SafeguardingApp {
  readonly dataDir: string;
  readonly clock: () => Date;
  readonly log: Log;
  readonly sessions: SessionRegistry;
  /** New concerns announced to every door that listens (the hub's pushed events); details never travel with them. */
  readonly alerts = new AlertBus();
  /** Submitted concerns, sealed and queued, and ingested whenever the store is open (decision 0022). */
  readonly intake: IntakeDesk;
  /** What was waiting when a reader opened the records, kept for that reader's session until they sign out. */
  private readonly intakeNotices = new WeakMap<Session, IntakeNotice>();
  /** What was waiting when the hub opened the records at start, for the first reader who signs in. */
  private startNotice: IntakeNotice | null = null;
  /** For the first DSL after a start that could not open the records from protected storage. */
  private readonly unlockAtStartNotices = new WeakMap<Session, { at: string; reason: string }>();
  private readonly unlockAtStart: UnlockAtStart;
  readonly isHub: boolean;
  /**
   * Staff display names as they were when the store last closed, in memory only (never on disk: decision 0022), so a
   * member of staff signing in to locked records is greeted by name; after a restart, by their username.
   */
  private staffNames = new Map<string, string>();
  /**
   * True while the store is open only because a right password is waiting for its code: nobody has given a second
   * factor since it opened, so a member of staff at work does not keep it open once that wait ends.
   */
  private openedForCodeOnly = false;
  private readonly kdfCost: AppOptions['kdfCost'];
  private readonly keyring: KeyringHolder;
  private readonly accountKeys: AccountKeys;
  private readonly held: StoreHolder;
  private readonly sweepsIdleSessions: boolean;
  private idleSweep: NodeJS.Timeout | null = null;
  private reminders: NodeJS.Timeout | null = null;

  constructor(options: AppOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? (() => new Date());
    this.kdfCost = options.kdfCost;
    this.log = options.log ?? fileLog(options.dataDir);
    fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    this.held = new StoreHolder(this.dataDir, this.log, options.quietFoldMs);
    this.keyring = new KeyringHolder(this.dataDir, this.clock, () => this.held.db);
    this.accountKeys = new AccountKeys(this.dataDir, this.keyring, this.kdfCost);
    this.unlockAtStart = new UnlockAtStart(this.keyring, this.clock, this.log);
    this.isHub = options.hub ?? false;
    this.intake = new IntakeDesk(this.dataDir, () => this.held.db, this.alerts, this.log);
    this.sessions = new SessionRegistry(this.clock, defaultSettings.idleLockMinutes, options.sessionLifetimeHours);
    this.sweepsIdleSessions = options.idleSweep ?? true;
  }

  /** The open store, or null while nobody has an unlocked session; for the CLI's own work and for tests. */
  get store(): Store | null {
    return this.held.db;
  }

  /** Long work off the thread that serves requests (decision 0026); null while the store is closed. */
  get longWork(): LongWorkPool | null {
    return this.held.longWork;
  }

  status(caller: Caller): AppStatus {
    const session = this.sessions.find(caller);
    const state = !this.keyring.cached ? 'needs_setup' : !session ? 'signed_out' : session.state === 'locked' ? 'locked' : session.pendingSecondFactor === 'code' ? 'needs_code' : 'signed_in';
    const db = this.held.db;
    return {
      state,
      school: this.keyring.cached?.school ?? null,
      user: session?.user ?? null,
      idleLockMinutes: this.sessions.idleMinutes,
      recoveryKeyConfirmed: db ? this.recoveryKeyConfirmed(db) : true,
      mustEnrolSecondFactor: session?.pendingSecondFactor === 'enrol',
      records: db ? 'open' : 'locked',
      intakeNotice: (session && this.intakeNotices.get(session)) ?? null,
      unlockAtStartFailed: session ? this.unlockAtStartNoticeFor(session) : null,
    };
  }

  /**
   * A start that could not open the records from protected storage is told to the first DSL to reach their home — with
   * their second factor given, so a password alone learns nothing — and then to no one else (decision 0027).
   */
  private unlockAtStartNoticeFor(session: Session): { at: string; reason: string } | null {
    const told = this.unlockAtStartNotices.get(session);
    if (told || session.state !== 'active' || session.pendingSecondFactor || !mayChangeUnlockAtStart(session.user.role)) return told ?? null;
    const failure = this.unlockAtStart.takeFailureFor(session.user.id);
    if (failure) this.unlockAtStartNotices.set(session, failure);
    return failure;
  }

  /** The caller's session, whether active or locked; null if they hold none. */
  sessionOf(caller: Caller): Session | null {
    const session = this.sessions.find(caller);
    // The sweep runs every 15 s: a session idle past the school's period is locked when it is next used, not up to
    // 15 s later (with its audit row, and the store closed if nobody else needs it). Tests that move the clock by hand
    // turn both off (`idleSweep: false`) and lock idle sessions when they choose.
    if (session && this.sweepsIdleSessions && this.sessions.isIdlePast(session)) this.lockIdleSessions();
    return session;
  }

  /** The open store and the caller's unlocked session, for dispatch; null when the caller may not act. */
  current(caller: Caller): { db: Store; session: Session } | null {
    const session = this.sessions.find(caller);
    const db = this.held.db;
    return db && session?.state === 'active' ? { db, session } : null;
  }

  private kdf(): KdfParams {
    return newKdfParams(this.kdfCost);
  }

  private recoveryKeyConfirmed(db: Store): boolean {
    const row = db.prepare('SELECT recovery_key_confirmed_at FROM school WHERE id = 1').get() as { recovery_key_confirmed_at: string | null } | undefined;
    return Boolean(row?.recovery_key_confirmed_at);
  }

  /** First run: creates the keys, the store, the school and the first DSL, and signs them in. */
  async setup(
    input: {
      school: { name: string; urn: string; localAuthority: LocalAuthorityId };
      dsl: { username: string; displayName: string; password: string };
      dslOnDuty?: Settings['dslOnDuty'] | undefined;
    },
    caller: Caller,
  ): Promise<{ recoveryKey: string; user: SessionUser }> {
    if (this.keyring.cached || fs.existsSync(databasePath(this.dataDir))) {
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
      appendAudit(db, { at: now.toISOString(), userId, role: 'dsl', door: caller.door, client: caller.address ?? null, command: 'setup.create', recordIds: [userId], outcome: 'ok' });
      // The intake key from the first day: concerns can be sealed to it however the hub is started later.
      ensureIntakeKey(db, this.dataDir, now);
    });
    // The keyring is written last: a failure before this point leaves no half-set-up school behind a keyring.
    writeKeyring(this.dataDir, keyring);
    this.keyring.adopt(keyring);
    const session = this.begin(caller, db, dataKey, findAccount(db, userId)!);
    const encoded = encodeRecoveryKey(recoveryKey);
    wipe(recoveryKey);
    return { recoveryKey: encoded, user: session.user };
  }

  /** A failed sign-in leaves whatever the caller held as it was: the check comes before anything ends. */
  async signIn(username: string, password: string, caller: Caller): Promise<SessionUser> {
    const keyring = this.keyring.require();
    const wrong = { code: 'unauthenticated' as const, message: SIGN_IN_FAILED, fields: { password: ['Check your username and password'] } };
    const { db, dataKey, account } = await this.authenticate(keyring, username, password, caller, 'session.signIn', wrong);
    // Only now, with the new person's password proven, does whatever this caller held end.
    if (this.sessions.find(caller)) this.finish(caller);
    return this.begin(caller, db, dataKey, account).user;
  }

  /** The locked session's owner proves it is still them; the session carries on under a new id. */
  async unlock(password: string, caller: Caller): Promise<SessionUser> {
    const keyring = this.keyring.require();
    const session = this.sessions.find(caller);
    if (!session) throw new CommandError('unauthenticated', 'Nobody is signed in. Sign in with your username and password.');
    if (session.state === 'active') return session.user;
    const { db, dataKey, account } = await this.authenticate(keyring, session.user.username, password, caller, 'session.unlock', unlockFailed(session.user.displayName));
    if (account.id !== session.user.id) throw new Error('unlock authenticated a different account');
    const opensTheStore = db !== null && this.held.db !== db;
    if (db) this.ensureOpen(db, dataKey);
    if (db) this.noteReader(session, opensTheStore);
    session.state = 'active';
    if (db) this.ingestForReader(session, db);
    this.sessions.touch(session);
    this.sessions.renew(caller, session);
    return session.user;
  }

  /**
   * Checks the password through the one throttled, audited check and finds the account; on success writes the
   * sign-in's audit row (with any wrong tries held while the store was closed) and returns the open store.
   */
  private async authenticate(keyring: Keyring, username: string, password: string, caller: Caller, command: string, wrong: SecretAttempt['wrong']): Promise<Authenticated> {
    const lookup = usernameLookup(keyring, username);
    const opened = await this.keyring.checkSecret(
      { subject: throttleSubject(lookup, caller), door: caller.door, client: caller.address ?? null, command, recordIds: [`username-lookup:${lookup}`], by: null, wrong },
      () => (keyring.users.some((entry) => entry.lookup === lookup) ? this.checkWrappedPassword(keyring, username, password) : this.checkStaffPassword(username, password)),
    );
    const { db, account } = opened;
    const now = this.clock().toISOString();
    const row = { at: now, door: caller.door, client: caller.address ?? null, command, recordIds: [account.id] };
    if (!db) {
      // Staff signing in to locked records: the row waits in the keyring until a reader opens the store.
      this.keyring.holdAudit({ ...row, userId: account.id, role: account.role, outcome: 'ok' });
      return opened;
    }
    let moved: Keyring['pendingAudit'] = [];
    writeTransaction(db, () => {
      moved = this.keyring.movePendingInto(db);
      markSignedIn(db, account.id, now);
      appendAudit(db, { ...row, userId: account.id, role: account.role, outcome: 'ok' });
    });
    this.keyring.forgetMoved(moved);
    return opened;
  }

  /** An account with a wrap of the data key: the password unwraps it, and the store (if not open already) opens with it. */
  private async checkWrappedPassword(keyring: Keyring, username: string, password: string): Promise<Authenticated | null> {
    const unwrapped = await unwrapWithPassword(keyring, username, password, this.kdf());
    if (!unwrapped) return null;
    // Another person may already have the store open: theirs is used, and this copy of the key wiped.
    const alreadyOpen = this.held.db;
    const db = alreadyOpen ?? openStore(databasePath(this.dataDir), unwrapped.dataKey, undefined, { onConversionFailed: (error) => this.log.error('store conversion to AEGIS-256 (decision 0028)', error) });
    const account = findAccount(db, unwrapped.userId);
    if (account?.status === 'active') return { db, dataKey: unwrapped.dataKey, account };
    if (!alreadyOpen) db.close();
    wipe(unwrapped.dataKey);
    return null;
  }

  /**
   * A staff account: the verifier beside the store says whether the password is right, whether or not the store is
   * open. With the store locked, all that is known of the person is their account id and the username they typed.
   */
  private async checkStaffPassword(username: string, password: string): Promise<Authenticated | null> {
    const verified = await verifyStaffPassword(this.dataDir, username, password, this.kdf());
    if (!verified) return null;
    // A check made from an old wrap (decision 0022) becomes an ordinary verifier now that the password is known.
    if (verified.fromOldWrap) await setStaffPassword(this.dataDir, { userId: verified.userId, username }, password, this.kdfCost, { mustChangePassword: verified.mustChangePassword });
    const db = this.held.db;
    if (!db) {
      const name = username.trim();
      const displayName = this.staffNames.get(verified.userId) ?? name;
      return { db: null, dataKey: null, account: { id: verified.userId, username: name, displayName, role: 'staff', mustChangePassword: verified.mustChangePassword } };
    }
    const account = findAccount(db, verified.userId);
    if (account?.status !== 'active' || holdsDataKey(account.role)) return null;
    return { db, dataKey: null, account: { ...account, mustChangePassword: verified.mustChangePassword } };
  }

  /** Keeps `db` as the open store unless one is open already, in which case `db` is that one and any key is spare. */
  private ensureOpen(db: Store, dataKey: Buffer | null): void {
    if (this.held.db === db) {
      if (dataKey && this.held.dataKey !== dataKey) wipe(dataKey);
      return;
    }
    if (!dataKey) throw new Error('a store was opened without its key');
    this.held.adopt(db, dataKey);
    this.sessions.setIdleLockMinutes(readSettings(db).idleLockMinutes);
    writeTransaction(db, () => ensureIntakeKey(db, this.dataDir, this.clock()));
    // A store from before decision 0022 loses its staff wraps at its first open, whoever opens it.
    const removed = this.accountKeys.removeWrapsOfStaff(db, dataKey);
    if (removed > 0) this.log.error('key model', new Error(`${removed} wrap(s) of the data key held by accounts that may only log concerns were replaced by password verifiers (decision 0022).`));
  }

  private begin(caller: Caller, db: Store | null, dataKey: Buffer | null, account: AccountForSession): Session {
    const opensTheStore = db !== null && this.held.db !== db;
    if (db) this.ensureOpen(db, dataKey);
    const session = this.sessions.start(
      { id: account.id, username: account.username, displayName: account.displayName, role: account.role, mustChangePassword: account.mustChangePassword },
      caller,
    );
    // The password is proven; an account that reads records still owes its second factor (decision 0021).
    // Staff sessions (no store: they hold no key) never owe one.
    if (db) session.pendingSecondFactor = secondFactorStepFor(db, account, caller.door);
    if (db) this.noteReader(session, opensTheStore);
    this.startIdleSweep();
    // A password alone is not a reader yet: what waits in the intake queue is stored once the second factor is given.
    if (db && !session.pendingSecondFactor) this.ingestForReader(session, db);
    // A member of staff whose old wrap opened the store (before decision 0022) does not keep it open.
    this.closeStoreIfUnused();
    return session;
  }

  /** Whether the open store is open only for a password waiting for its code (see `openedForCodeOnly`). */
  private noteReader(session: Session, openedTheStore: boolean): void {
    if (openedTheStore) this.openedForCodeOnly = isWaitingForCode(session);
    else if (!session.pendingSecondFactor) this.openedForCodeOnly = false;
  }

  /**
   * The session's second factor is given (a right code, or an authenticator just enrolled): it carries on under a new
   * id (ASVS 7.2.4: an id seen before the code is useless after), and is now a reader like any other.
   */
  secondFactorGiven(session: Session, caller: Caller): void {
    session.pendingSecondFactor = undefined;
    this.openedForCodeOnly = false;
    this.sessions.renew(caller, session);
    const db = this.held.db;
    if (db) this.ingestForReader(session, db);
  }

  /**
   * A reader signing in (or unlocking) finds every concern sealed while the records were locked already stored, before
   * their first page loads, and is told how many arrived (immediate danger first) and whether any were set aside.
   */
  private ingestForReader(session: Session, db: Store): void {
    if (!holdsDataKey(session.user.role)) return;
    try {
      const notice = mergeNotices(this.takeStartNotice(), this.intake.ingestOnOpening(db, this.clock()));
      if (notice) this.intakeNotices.set(session, notice);
    } catch (error) {
      // The envelopes stay queued (ingestion is all or nothing per hundred): signing in must not fail because of them.
      this.log.error('ingesting waiting concerns at sign-in', error);
    }
  }

  /** Locks the caller's session: their next command needs their password. The store closes if nobody else is active. */
  lock(caller: Caller): void {
    const session = this.sessions.find(caller);
    if (!session || session.state === 'locked') return;
    this.auditSessionEvent(session, 'session.lock', caller);
    session.state = 'locked';
    this.closeStoreIfUnused();
  }

  signOut(caller: Caller): void {
    if (!this.sessions.find(caller)) {
      caller.sessionId = null;
      return;
    }
    this.finish(caller);
    this.closeStoreIfUnused();
  }

  private finish(caller: Caller): void {
    const session = this.sessions.find(caller);
    if (session) this.auditSessionEvent(session, 'session.signOut', caller);
    this.sessions.end(caller);
  }

  /** Records a session's lock or end while the store is still open (a locked session's end needs no row of its own). */
  private auditSessionEvent(session: Session, command: 'session.lock' | 'session.signOut', caller: Pick<Caller, 'door' | 'address'>): void {
    const db = this.held.db;
    if (!db || session.state === 'locked') return;
    try {
      const at = this.clock().toISOString();
      writeTransaction(db, () =>
        appendAudit(db, { at, userId: session.user.id, role: session.user.role, door: caller.door, client: caller.address ?? null, command, recordIds: [], outcome: 'ok' }),
      );
    } catch (error) {
      this.log.error('audit on end of session', error);
    }
  }

  /** The store stays open only while someone who holds its key is active: otherwise the key leaves memory (decision 0022). */
  private closeStoreIfUnused({ evenIfKeptOpen = false } = {}): void {
    // Open while anyone is at work (decision 0016): a member of staff logging at 12:40 needs the pupil list even when
    // the DSL's own session has locked. Staff can never open it (they hold no key, decision 0022); they only keep
    // open what a reader opened. A password waiting for its code is nobody at work, but its code is checked in the
    // open store: it keeps the store open for its few minutes at most (WAITING_FOR_CODE_MINUTES), then ends — and
    // records that only such a password opened are not kept open by staff at work either.
    const atWork = !this.openedForCodeOnly && this.sessions.anyActive();
    if (atWork || this.sessions.anyWaitingForCode()) return;
    // A hub that opens itself at start keeps the records open while it runs (decision 0027): closing them would not
    // take the key out of its reach, only delay the next concern's arrival in the records.
    if (!evenIfKeptOpen && this.keepsStoreOpen()) return;
    this.openedForCodeOnly = false;
    const db = this.held.db;
    if (db) {
      const rows = db.prepare("SELECT id, display_name FROM users WHERE status = 'active'").all() as Array<{ id: string; display_name: string }>;
      this.staffNames = new Map(rows.map((row) => [row.id, row.display_name]));
    }
    this.held.close();
    if (this.sessions.all().length === 0) this.stopIdleSweep();
  }

  /**
   * Ends sessions from inside a command's transaction (an account disabled, a session ended from the active
   * sessions page): the command's own audit row records it, and the store stays open for the caller.
   */
  endSessionsWhere(which: (session: Session) => boolean, reason?: SessionEnd): Session[] {
    return this.sessions.endWhere(which, reason);
  }

  /** An audit row for something done while the store is closed; it is written into the log when the store next opens. */
  auditWhileLocked(entry: { at: string; userId: string; role: Role; door: string; client: string | null; command: string; recordIds: string[]; outcome: 'ok' | 'forbidden' }): void {
    this.keyring.holdAudit(entry);
  }

  /** Activity from the person (any command, or the page's activity report) postpones their idle lock. */
  touch(session: Session): void {
    this.sessions.touch(session);
  }

  /** After every command: whatever it wrote is folded into the database file in the background. */
  afterCommand(): void {
    this.held.afterCommand();
  }

  private startIdleSweep(): void {
    if (this.reminders) return;
    if (this.sweepsIdleSessions) {
      this.idleSweep = setInterval(() => this.lockIdleSessions(), IDLE_SWEEP_MS);
      this.idleSweep.unref?.();
    }
    this.reminders = setInterval(() => this.remindOfImmediateDanger(), REMINDER_INTERVAL_MS);
    this.reminders.unref?.();
  }

  private stopIdleSweep(): void {
    if (this.idleSweep) clearInterval(this.idleSweep);
    if (this.reminders) clearInterval(this.reminders);
    this.idleSweep = null;
    this.reminders = null;
  }

  /** Unread immediate-danger concerns keep alerting every DSL's page until someone opens them. */
  remindOfImmediateDanger(): boolean {
    const db = this.held.db;
    if (!db || this.alerts.listenerCount === 0 || unreadImmediateDanger(db) === 0) return false;
    this.alerts.publish({ kind: 'concern.reminder', immediateDanger: true, at: this.clock().toISOString() });
    return true;
  }

  /** Locks every session idle for the school's idle period, and ends those past their lifetime; for the sweep and tests. */
  lockIdleSessions(): number {
    const locked = this.sessions.lockIdle();
    for (const session of locked) {
      // Marked locked already, so audit it as the active session it just was.
      session.state = 'active';
      this.auditSessionEvent(session, 'session.lock', { door: session.door, address: session.address });
      session.state = 'locked';
    }
    this.sessions.expireOld();
    // Also after a password's wait for its code ran out while others were at work (see closeStoreIfUnused).
    this.closeStoreIfUnused();
    return locked.length;
  }

  /** Locks every session at once (the hub's console, or shutting the records for the night); nobody's work is lost. */
  lockEverySession(): void {
    for (const session of this.sessions.all()) {
      this.auditSessionEvent(session, 'session.lock', { door: session.door, address: session.address });
      session.state = 'locked';
    }
    // Someone chose to shut the records: they close even on a hub that opened itself at start (decision 0027).
    this.closeStoreIfUnused({ evenIfKeptOpen: true });
  }

  private keepsStoreOpen(): boolean {
    return this.isHub && this.unlockAtStart.state().on;
  }

  /**
   * The hub's start (decision 0027): when a DSL has turned unlock at start on, opens the records with the key from
   * protected storage exactly as a reader's sign-in would — migrations, the intake key, the waiting concerns (immediate
   * danger first) — and writes an audit row that names no person. When it cannot, the hub starts locked as always.
   */
  openAtStart(): StartOutcome {
    if (!this.isHub || this.held.db) return { opened: false, reason: null };
    const unlocked = this.unlockAtStart.open();
    if (unlocked.kind === 'off') return { opened: false, reason: null };
    if (unlocked.kind === 'failed') return { opened: false, reason: unlocked.reason };
    const { dataKey } = unlocked;
    let db: Store;
    try {
      db = openStore(databasePath(this.dataDir), dataKey);
    } catch (error) {
      // Not protected storage's fault (a damaged or newer file): left on, and a DSL's sign-in would meet the same.
      wipe(dataKey);
      this.log.error('unlock at start', error);
      return { opened: false, reason: `the records could not be opened (${error instanceof Error ? error.message : String(error)})` };
    }
    this.ensureOpen(db, dataKey);
    const now = this.clock();
    let moved: Keyring['pendingAudit'] = [];
    writeTransaction(db, () => {
      moved = this.keyring.movePendingInto(db);
      appendAudit(db, { at: now.toISOString(), userId: null, role: null, door: 'hub', client: null, command: OPENED_AT_START, recordIds: [], outcome: 'ok' });
    });
    this.keyring.forgetMoved(moved);
    let notice: IntakeNotice | null = null;
    try {
      notice = this.intake.ingestOnOpening(db, now);
    } catch (error) {
      // They stay queued; the first reader's sign-in tries again.
      this.log.error('ingesting waiting concerns at start', error);
    }
    this.startNotice = notice;
    this.log.info?.('unlock at start', `Opened the records at start from this computer's protected storage; ${notice?.arrived ?? 0} waiting concern(s) stored.`);
    return { opened: true, arrived: notice?.arrived ?? 0, immediateDanger: notice?.immediateDanger ?? 0 };
  }

  private takeStartNotice(): IntakeNotice | null {
    const notice = this.startNotice;
    this.startNotice = null;
    return notice;
  }

  unlockAtStartState(): UnlockAtStartState & { hub: boolean } {
    this.keyring.require();
    return { ...this.unlockAtStart.state(), hub: this.isHub };
  }

  /** Turns unlock at start on (a DSL, second factor given: dispatch has checked) with the open store's key. */
  turnOnUnlockAtStart(by: string): void {
    if (!this.isHub) {
      throw new CommandError('conflict', 'Unlock at start is for the school’s hub: turn it on from a browser signed in to the hub, not from this computer’s own app.');
    }
    this.unlockAtStart.turnOn(this.requireDataKey(), by);
  }

  /** Turns it off: the keyring's machine slot and the secret in protected storage go; answers a warning if the secret could not. */
  turnOffUnlockAtStart(): string | null {
    this.keyring.require();
    return this.unlockAtStart.turnOff();
  }

  setIdleLockMinutes(minutes: number): void {
    this.sessions.setIdleLockMinutes(minutes);
  }

  async changePassword(session: Session, caller: Caller, currentPassword: string, newPassword: string): Promise<void> {
    const keyring = this.keyring.require();
    const holdsKey = holdsDataKey(session.user.role);
    await this.keyring.checkSecret(
      {
        subject: throttleSubject(usernameLookup(keyring, session.user.username), caller),
        door: caller.door,
        client: caller.address ?? null,
        command: 'session.changePassword',
        recordIds: [session.user.id],
        by: session.user,
        wrong: { code: 'invalid_input', message: 'Your current password is not right.', fields: { currentPassword: ['Your current password is not right'] } },
      },
      async () => {
        if (!holdsKey) return (await verifyStaffPassword(this.dataDir, session.user.username, currentPassword, this.kdf()))?.userId === session.user.id || null;
        const check = await unwrapWithPassword(keyring, session.user.username, currentPassword, this.kdf());
        const valid = check !== null && check.userId === session.user.id;
        wipe(check?.dataKey);
        return valid || null;
      },
    );
    if (currentPassword === newPassword) {
      throw new CommandError('invalid_input', 'Choose a new password that is different from the current one.', { newPassword: ['Choose a password different from the current one'] });
    }
    const db = this.held.db;
    const wrap = holdsKey ? await wrapForUser(keyring, { userId: session.user.id, username: session.user.username }, newPassword, this.requireDataKey(), this.kdf()) : null;
    const now = this.clock().toISOString();
    const row = { at: now, door: caller.door, client: caller.address ?? null, command: 'session.changePassword', recordIds: [session.user.id] };
    if (db) {
      writeTransaction(db, () => {
        setMustChangePassword(db, session.user.id, false);
        appendAudit(db, { ...row, userId: session.user.id, role: session.user.role, outcome: 'ok' });
      });
    } else {
      this.keyring.holdAudit({ ...row, userId: session.user.id, role: session.user.role, outcome: 'ok' });
    }
    if (wrap) this.keyring.update((onDisk) => putUserWrap(onDisk, wrap));
    else await setStaffPassword(this.dataDir, { userId: session.user.id, username: session.user.username }, newPassword, this.kdfCost, { mustChangePassword: false });
    session.user = { ...session.user, mustChangePassword: false };
  }

  private requireDataKey(): Buffer {
    const key = this.held.dataKey;
    if (!key) throw new CommandError('unauthenticated', 'Sign in first.');
    return key;
  }

  /** The one throttled, audited check, for secrets other than passwords (the second factor's codes). */
  checkSecret<T>(attempt: SecretAttempt, check: () => Promise<T | null> | T | null): Promise<T> {
    return this.keyring.checkSecret(attempt, check);
  }

  /** Sets a password for an account (new account or reset): a wrap for a role that holds the key, else a verifier. */
  async setAccountPassword(account: AccountForPassword, password: string, { mustChangePassword }: { mustChangePassword: boolean }): Promise<void> {
    this.keyring.require();
    await this.accountKeys.setPassword(account, password, this.held.dataKey, { mustChangePassword });
  }

  /** A disabled account keeps nothing a password could pass. */
  removeAccountKeys(userId: string): void {
    this.keyring.require();
    this.accountKeys.remove(userId);
  }

  /** Proves authority for a password reset: the recovery key, or another active DSL's own password. */
  async checkResetAuthority(
    session: Session,
    caller: Caller,
    authority: { kind: 'recovery_key'; recoveryKey: string } | { kind: 'dsl'; username: string; password: string },
    targetUserId: string,
  ): Promise<string> {
    const keyring = this.keyring.require();
    const db = this.held.db;
    if (!db) throw new CommandError('unauthenticated', 'Sign in first.');
    const by = session.user;
    const client = caller.address ?? null;
    if (authority.kind === 'recovery_key') {
      await this.keyring.checkSecret(
        {
          subject: throttleSubject(RECOVERY_KEY_SUBJECT, caller),
          door: caller.door,
          client,
          command: 'accounts.resetPassword',
          recordIds: [targetUserId, 'authority:recovery key'],
          by,
          wrong: { code: 'forbidden', message: 'That recovery key does not belong to this school’s records.', fields: { 'authority.recoveryKey': ['That recovery key is not right'] } },
        },
        () => {
          const key = decodeRecoveryKey(authority.recoveryKey);
          const dataKey = key ? unwrapWithRecoveryKey(keyring, key) : null;
          wipe(key);
          const open = this.held.dataKey;
          const matches = dataKey !== null && open !== null && crypto.timingSafeEqual(dataKey, open);
          wipe(dataKey);
          return matches || null;
        },
      );
      return 'recovery key';
    }
    const vouching = findAccountByUsername(db, authority.username);
    if (!vouching || !mayVouchForReset(vouching.role) || vouching.status !== 'active' || vouching.id === targetUserId) {
      throw new CommandError('forbidden', 'A password reset needs another active DSL’s username and password (not the account being reset).', { 'authority.username': ['Enter another active DSL’s username'] });
    }
    await this.keyring.checkSecret(
      {
        subject: throttleSubject(usernameLookup(keyring, authority.username), caller),
        door: caller.door,
        client,
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

  /** Ends every session, closes the store and wipes the key; for shutdown and tests. */
  close(): void {
    for (const session of this.sessions.endWhere(() => true)) this.auditSessionEvent(session, 'session.signOut', { door: session.door, address: session.address });
    this.stopIdleSweep();
    this.held.close();
  }
}
