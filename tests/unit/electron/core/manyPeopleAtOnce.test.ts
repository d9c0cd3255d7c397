// Several people signed in to one school at once, each from their own computer: every one of them a caller with
// its own session, through the real dispatch and the real encrypted store.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../electron/core';
import { verifyAuditChain } from '../../../../electron/core/audit';
import { newCaller, personAt } from '../../../fixtures/doors/callers';
import { DSL_PASSWORD, addAccount, call, newApp, setUpSchool, signInFirstTime, tempDataDir, versionNow } from './testSchool';
import { as } from '../../../fixtures/doors/as';


/** A school with a DSL (signed in as `personAt(app)`), a second DSL and a teaching assistant, each with their own password. */
async function schoolOfThree(clock?: () => Date, options: { idleSweep?: boolean } = {}) {
  const app = newApp(tempDataDir(), clock ? { clock, ...options } : {});
  await setUpSchool(app);
  await addAccount(app, 'dsl.ahmed', 'dsl', 'leadership', 'temporary password 2');
  await addAccount(app, 'ta.smith', 'staff', 'support', 'temporary password 1');
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'dsl.ahmed', 'temporary password 2', 'deputy own password');
  await signInFirstTime(app, 'ta.smith', 'temporary password 1', 'assistant own password');
  await call(app, 'session.signOut', {});
  const dsl = newCaller('https', '10.0.0.21');
  const deputy = newCaller('https', '10.0.0.22');
  const assistant = newCaller('https', '10.0.0.40');
  await as(app, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
  await as(app, deputy, 'session.signIn', { username: 'dsl.ahmed', password: 'deputy own password' });
  await as(app, assistant, 'session.signIn', { username: 'ta.smith', password: 'assistant own password' });
  return { app, dsl, deputy, assistant };
}

describe('many people signed in at once', () => {
  it('acts as each caller’s own person: the assistant’s call cannot use the DSL’s rights', async () => {
    const { app, dsl, assistant } = await schoolOfThree();
    expect(app.status(dsl).user?.username).toBe('dsl.jones');
    expect(app.status(assistant).user?.username).toBe('ta.smith');
    expect(await dispatch(app, 'concerns.listNew', {}, assistant)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await as(app, dsl, 'concerns.listNew', {});
    // The refusal is recorded against the assistant, from the assistant's computer.
    const row = app.store!.prepare("SELECT door, client, outcome FROM audit_log WHERE command = 'concerns.listNew' AND outcome = 'forbidden'").get();
    expect(row).toEqual({ door: 'https', client: '10.0.0.40', outcome: 'forbidden' });
  });

  it('locks one person after their idle period while the others carry on, and keeps the store open for them', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const { app, dsl, deputy, assistant } = await schoolOfThree(() => now);
    now = new Date('2026-11-23T09:03:00Z');
    await as(app, deputy, 'system.noop', {});
    await as(app, assistant, 'system.noop', {});
    now = new Date('2026-11-23T09:05:30Z');
    expect(app.lockIdleSessions()).toBe(1);
    expect(app.status(dsl).state).toBe('locked');
    expect(await dispatch(app, 'concerns.listNew', {}, dsl)).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(app.store).not.toBeNull();
    await as(app, deputy, 'concerns.listNew', {});
    await as(app, dsl, 'session.unlock', { password: DSL_PASSWORD });
    await as(app, dsl, 'concerns.listNew', {});
  });

  it('locks an idle session the moment it is next used, without waiting for the sweep', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const { app, dsl, deputy, assistant } = await schoolOfThree(() => now, { idleSweep: true });
    now = new Date('2026-11-23T09:03:00Z');
    await as(app, deputy, 'system.noop', {});
    await as(app, assistant, 'system.noop', {});
    // The DSL walked away at 09:00; the sweep has not run. Their next request, even a touch, finds the screen locked.
    now = new Date('2026-11-23T09:05:01Z');
    expect(await dispatch(app, 'session.touch', {}, dsl)).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await dispatch(app, 'concerns.listNew', {}, dsl)).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(app.status(dsl).state).toBe('locked');
    await as(app, deputy, 'concerns.listNew', {});
    const locks = app.store!.prepare("SELECT client FROM audit_log WHERE command = 'session.lock'").pluck().all();
    expect(locks).toEqual(['10.0.0.21']);
  });

  it('closes the store, wiping the key, only when the last unlocked session locks or ends', async () => {
    const { app, dsl, deputy, assistant } = await schoolOfThree();
    await as(app, dsl, 'session.lock', {});
    await as(app, assistant, 'session.signOut', {});
    expect(app.store).not.toBeNull();
    await as(app, deputy, 'session.lock', {});
    expect(app.store).toBeNull();
    // The locked DSL unlocks: the store opens again for them with their own password.
    await as(app, dsl, 'session.unlock', { password: DSL_PASSWORD });
    expect(app.store).not.toBeNull();
  });

  it('ends every session of an account when it is disabled, on every computer, and leaves others signed in', async () => {
    const { app, dsl, assistant } = await schoolOfThree();
    const assistantOnAnotherComputer = newCaller('https', '10.0.0.41');
    await as(app, assistantOnAnotherComputer, 'session.signIn', { username: 'ta.smith', password: 'assistant own password' });
    const accounts = await as(app, dsl, 'accounts.list', {});
    const ta = accounts.find((account) => account.username === 'ta.smith')!;
    await as(app, dsl, 'accounts.disable', { userId: ta.id, version: versionNow(app, 'account', ta.id), reason: 'Left the school' });
    for (const caller of [assistant, assistantOnAnotherComputer]) {
      expect(await dispatch(app, 'system.noop', {}, caller)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(app.status(caller).state).toBe('signed_out');
    }
    await as(app, dsl, 'system.noop', {});
  });

  it('gives a new session id at every sign-in, so an id planted or stolen before sign-in is useless after it', async () => {
    const app = newApp();
    await setUpSchool(app);
    await call(app, 'session.signOut', {});
    const victim = newCaller('https', '10.0.0.30');
    const attacker = newCaller('https', '10.0.0.99');
    // Fixation: the attacker plants an id in the victim's browser, then hopes it becomes a signed-in session.
    victim.sessionId = 'planted-by-attacker';
    attacker.sessionId = 'planted-by-attacker';
    await as(app, victim, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect(victim.sessionId).not.toBe('planted-by-attacker');
    expect(await dispatch(app, 'concerns.listNew', {}, attacker)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // An id copied from a signed-in browser stops working the moment its owner signs out.
    const copied = newCaller('https', '10.0.0.99');
    copied.sessionId = victim.sessionId;
    await as(app, copied, 'system.noop', {});
    await as(app, victim, 'session.signOut', {});
    expect(await dispatch(app, 'system.noop', {}, copied)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('renews the id on unlock: the id from before the lock no longer works', async () => {
    const { app, dsl } = await schoolOfThree();
    await as(app, dsl, 'session.lock', {});
    const beforeUnlock = newCaller('https', '10.0.0.99');
    beforeUnlock.sessionId = dsl.sessionId;
    await as(app, dsl, 'session.unlock', { password: DSL_PASSWORD });
    expect(dsl.sessionId).not.toBe(beforeUnlock.sessionId);
    expect(await dispatch(app, 'system.noop', {}, beforeUnlock)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('ends a session after its absolute lifetime however busy it is', async () => {
    let now = new Date('2026-11-23T07:30:00Z');
    const app = newApp(tempDataDir(), { clock: () => now });
    await setUpSchool(app);
    for (const hour of ['09', '12', '15', '18']) {
      now = new Date(`2026-11-23T${hour}:00:00Z`);
      await call(app, 'system.noop', {});
    }
    now = new Date('2026-11-23T19:30:00Z');
    expect(await dispatch(app, 'system.noop', {}, personAt(app))).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('does not let a wrong password on one computer sign out or lock the person on another', async () => {
    const { app, dsl } = await schoolOfThree();
    const elsewhere = newCaller('https', '10.0.0.77');
    expect(await dispatch(app, 'session.signIn', { username: 'dsl.jones', password: 'not the password' }, elsewhere)).toMatchObject({ ok: false });
    await as(app, dsl, 'concerns.listNew', {});
    const denied = app.store!.prepare("SELECT client FROM audit_log WHERE command = 'session.signIn' AND outcome = 'denied'").pluck().all();
    expect(denied).toEqual(['10.0.0.77']);
  });

  it('covers the client address with the audit chain: changing which computer a row came from breaks it', async () => {
    const { app, assistant } = await schoolOfThree();
    await as(app, assistant, 'system.noop', {});
    const db = app.store!;
    expect(verifyAuditChain(db).ok).toBe(true);
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
    const seq = db.prepare("SELECT max(seq) FROM audit_log WHERE client = '10.0.0.40'").pluck().get() as number;
    db.prepare("UPDATE audit_log SET client = '10.0.0.21' WHERE seq = ?").run(seq);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenRow: seq });
  });

  it('slows the computer guessing a DSL’s password, never the DSL at their own desk, and lets the right one in after the wait', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const { app } = await schoolOfThree(() => now);
    const guesser = newCaller('https', '10.0.0.99');
    for (let attempt = 0; attempt < 3; attempt += 1) await dispatch(app, 'session.signIn', { username: 'dsl.jones', password: `guess ${attempt}` }, guesser);
    const slowed = await dispatch(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, guesser);
    expect(slowed).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    const atHerDesk = newCaller('https', '10.0.0.21');
    await as(app, atHerDesk, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    if (!slowed.ok) now = new Date(Date.parse(slowed.error.retryAt!) + 1_000);
    await as(app, guesser, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
  });
});
