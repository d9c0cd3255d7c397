// Everyone signed in at once, from any computer: each person's session has its own id, its own idle lock and an
// absolute lifetime. The registry holds sessions in memory only — a restart of the hub signs everyone out, which is
// the safe direction (nothing typed is lost: the page keeps it and sign-in carries on).
import crypto from 'node:crypto';
import type { SecondFactorStep, SessionUser } from '../../../shared/api';
import type { Door } from '../dispatch/handler';

/** Who is calling and through which door. The door keeps `sessionId` (a cookie, a window's memory) between calls. */
export interface Caller {
  door: Door;
  /** The session this caller holds, if any; sign-in, unlock and sign-out change it, and the door carries it back. */
  sessionId: string | null;
  /** The client's network address, for the audit log and the active sessions page. */
  address?: string | null;
  /** What the client says it is (browser or app name), for the active sessions page. */
  computer?: string | null;
}

export interface Session {
  /** Shown on the active sessions page and used to end a session there; never the secret id. */
  readonly ref: string;
  user: SessionUser;
  readonly door: Door;
  readonly address: string | null;
  readonly computer: string | null;
  readonly startedAt: Date;
  lastActivity: Date;
  state: 'active' | 'locked';
  /** Set while the password is proven but the second factor is not: dispatch lets through only that step's commands. */
  pendingSecondFactor?: SecondFactorStep | undefined;
}

export type SessionEnd = 'signed_out' | 'ended_by_admin' | 'account_disabled' | 'expired';

/** A school day and then some: after this a session ends whatever its activity, and the person signs in again. */
export const DEFAULT_SESSION_LIFETIME_HOURS = 12;

/**
 * How long a right password waits for its code before the session ends by itself (decision 0021's addendum). Long
 * enough to find a phone; short enough that a password without its phone holds the records open only briefly.
 */
export const WAITING_FOR_CODE_MINUTES = 5;

/** Signed in by password, the code not yet given: not a sign-in, not a reader, and only for a few minutes. */
export const isWaitingForCode = (session: Session): boolean => session.pendingSecondFactor === 'code';

/** The secret a door holds: 256 random bits (ASVS 7.2.3 asks for at least 128). */
function newSessionId(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Sessions are found by a hash of their id, so how long a lookup takes says nothing about the secret. */
function keyOf(id: string): string {
  return crypto.createHash('sha256').update(id).digest('hex');
}

/** How many ended sessions are remembered, so their doors can be told why; older ones just read "signed out". */
const REMEMBERED_ENDINGS = 1_000;

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  /** Why a session ended, by the hash of its id, kept until its door next calls (or pushed out by newer ones). */
  private readonly endings = new Map<string, SessionEnd>();

  constructor(
    private readonly clock: () => Date,
    private idleLockMinutes: number,
    private readonly lifetimeHours = DEFAULT_SESSION_LIFETIME_HOURS,
  ) {}

  /** A new session with a new id; any id the caller held before is ended first (no fixation). */
  start(user: SessionUser, caller: Caller): Session {
    if (caller.sessionId) this.sessions.delete(keyOf(caller.sessionId));
    const now = this.clock();
    const session: Session = {
      ref: crypto.randomUUID(),
      user,
      door: caller.door,
      address: caller.address ?? null,
      computer: caller.computer ?? null,
      startedAt: now,
      lastActivity: now,
      state: 'active',
    };
    const id = newSessionId();
    this.sessions.set(keyOf(id), session);
    caller.sessionId = id;
    return session;
  }

  /** The caller's session if it exists and has not outlived its absolute lifetime (or, waiting for its code, its few minutes). */
  find(caller: Caller): Session | null {
    if (!caller.sessionId) return null;
    const key = keyOf(caller.sessionId);
    const session = this.sessions.get(key);
    if (!session) return null;
    if (this.outlived(session, this.clock().getTime())) {
      this.sessions.delete(key);
      this.remember(key, 'expired');
      return null;
    }
    return session;
  }

  /** When a session ends whatever its activity: its absolute lifetime after it started. */
  endsAt(session: Session): Date {
    return new Date(session.startedAt.getTime() + this.lifetimeHours * 3_600_000);
  }

  private outlived(session: Session, now: number): boolean {
    const age = now - session.startedAt.getTime();
    return age >= this.lifetimeHours * 3_600_000 || (isWaitingForCode(session) && age >= WAITING_FOR_CODE_MINUTES * 60_000);
  }

  /** After unlocking, the same session continues under a new id: the old one is useless from then on. */
  renew(caller: Caller, session: Session): void {
    if (caller.sessionId) this.sessions.delete(keyOf(caller.sessionId));
    const id = newSessionId();
    this.sessions.set(keyOf(id), session);
    caller.sessionId = id;
  }

  touch(session: Session): void {
    if (session.state === 'active') session.lastActivity = this.clock();
  }

  end(caller: Caller): Session | null {
    const session = this.find(caller);
    if (caller.sessionId) this.sessions.delete(keyOf(caller.sessionId));
    caller.sessionId = null;
    return session;
  }

  /**
   * Ends every session matching `which`; returns those ended. Their doors find nothing on their next call; given a
   * `reason`, that call can say why (see `howEnded`).
   */
  endWhere(which: (session: Session) => boolean, reason?: SessionEnd): Session[] {
    const ended: Session[] = [];
    for (const [key, session] of this.sessions) {
      if (!which(session)) continue;
      this.sessions.delete(key);
      ended.push(session);
      if (reason) this.remember(key, reason);
    }
    return ended;
  }

  /** Why the caller's session was ended by someone else, once: the door's next call learns it and it is forgotten. */
  howEnded(caller: Caller): SessionEnd | null {
    if (!caller.sessionId) return null;
    const key = keyOf(caller.sessionId);
    const reason = this.endings.get(key) ?? null;
    this.endings.delete(key);
    return reason;
  }

  private remember(key: string, reason: SessionEnd): void {
    this.endings.set(key, reason);
    if (this.endings.size > REMEMBERED_ENDINGS) this.endings.delete(this.endings.keys().next().value!);
  }

  /** Whether an active session has been idle for the school's idle period (a session waiting for its code expires instead). */
  isIdlePast(session: Session, now = this.clock().getTime()): boolean {
    return session.state === 'active' && !isWaitingForCode(session) && now - session.lastActivity.getTime() >= this.idleLockMinutes * 60_000;
  }

  /** Locks every active session idle for the school's idle period; returns those locked. */
  lockIdle(): Session[] {
    const now = this.clock().getTime();
    const locked: Session[] = [];
    for (const session of this.sessions.values()) {
      if (this.isIdlePast(session, now)) {
        session.state = 'locked';
        locked.push(session);
      }
    }
    return locked;
  }

  /** Drops sessions past their absolute lifetime (a forgotten locked session), and passwords whose code never came. */
  expireOld(): Session[] {
    const now = this.clock().getTime();
    return this.endWhere((session) => this.outlived(session, now), 'expired');
  }

  setIdleLockMinutes(minutes: number): void {
    this.idleLockMinutes = minutes;
  }

  get idleMinutes(): number {
    return this.idleLockMinutes;
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  /** Whether anyone is at work: an unlocked session that has given its code. A password alone is nobody at work. */
  anyActive(): boolean {
    for (const session of this.sessions.values()) if (session.state === 'active' && !isWaitingForCode(session)) return true;
    return false;
  }

  /** Whether a right password is waiting for its code (within its few minutes): the code is checked in the open store. */
  anyWaitingForCode(): boolean {
    const now = this.clock().getTime();
    for (const session of this.sessions.values()) if (session.state === 'active' && isWaitingForCode(session) && !this.outlived(session, now)) return true;
    return false;
  }
}
