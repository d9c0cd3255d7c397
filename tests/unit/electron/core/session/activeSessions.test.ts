// The active sessions page, through the real dispatch with several people signed in from different computers: who
// sees the list, what it shows (and never shows), and ending someone's session from it — a lost laptop.
import { describe, expect, it } from 'vitest';
import { dispatch, type Caller } from '../../../../../electron/core';
import { newCaller } from '../../../../fixtures/doors/callers';
import { DSL_PASSWORD, addAccount, call, newApp, setUpSchool, signInFirstTime, tempDataDir } from '../testSchool';
import { as } from '../../../../fixtures/doors/as';


/** The DSL on the office PC, an administrator on theirs, and a teaching assistant on a classroom laptop. */
async function schoolAtWork() {
  let now = new Date('2026-11-23T08:30:00Z');
  const app = newApp(tempDataDir(), { clock: () => now });
  await setUpSchool(app);
  await addAccount(app, 'it.lead', 'admin', 'office', 'temporary password 2');
  await addAccount(app, 'ta.smith', 'staff', 'support', 'temporary password 1');
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'it.lead', 'temporary password 2', 'admin own password');
  await signInFirstTime(app, 'ta.smith', 'temporary password 1', 'assistant own password');
  await call(app, 'session.signOut', {});
  const dsl: Caller = { ...newCaller('https', '10.0.0.21'), computer: 'Firefox 133 on Windows' };
  const admin: Caller = { ...newCaller('https', '10.0.0.30'), computer: 'Safeguarding Records app' };
  const laptop: Caller = { ...newCaller('https', '10.0.0.40'), computer: 'Chrome 131 on ChromeOS' };
  await as(app, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
  now = new Date('2026-11-23T08:45:00Z');
  await as(app, admin, 'session.signIn', { username: 'it.lead', password: 'admin own password' });
  await as(app, laptop, 'session.signIn', { username: 'ta.smith', password: 'assistant own password' });
  now = new Date('2026-11-23T09:10:00Z');
  await as(app, laptop, 'system.noop', {});
  return { app, dsl, admin, laptop, setNow: (at: string) => (now = new Date(at)) };
}

describe('the active sessions page', () => {
  it('lists who is signed in, from which computer, since when and when last active — without any secret id', async () => {
    const { app, dsl, laptop } = await schoolAtWork();
    const list = await as(app, dsl, 'sessions.list', {});
    // By name: it.lead, Priya Jones (the DSL), ta.smith.
    expect(list.map((row) => row.username)).toEqual(['it.lead', 'dsl.jones', 'ta.smith']);
    const assistant = list.find((row) => row.username === 'ta.smith')!;
    expect(assistant).toMatchObject({
      displayName: 'ta.smith',
      role: 'staff',
      door: 'https',
      address: '10.0.0.40',
      computer: 'Chrome 131 on ChromeOS',
      startedAt: '2026-11-23T08:45:00.000Z',
      lastActivity: '2026-11-23T09:10:00.000Z',
      state: 'active',
      yours: false,
    });
    expect(list.find((row) => row.username === 'dsl.jones')!.yours).toBe(true);
    // The secret each door holds appears nowhere in the answer.
    const text = JSON.stringify(list);
    for (const caller of [dsl, laptop]) expect(text).not.toContain(caller.sessionId!);
  });

  it('shows a locked session as locked', async () => {
    const { app, dsl, laptop } = await schoolAtWork();
    await as(app, laptop, 'session.lock', {});
    const list = await as(app, dsl, 'sessions.list', {});
    expect(list.find((row) => row.username === 'ta.smith')!.state).toBe('locked');
  });

  it('ends the lost laptop’s session: its next call is signed out and says why, and the ending is audited', async () => {
    const { app, admin, laptop, dsl } = await schoolAtWork();
    const ref = (await as(app, admin, 'sessions.list', {})).find((row) => row.username === 'ta.smith')!.ref;
    await as(app, admin, 'sessions.end', { ref });

    const next = await dispatch(app, 'concerns.mine', {}, laptop);
    expect(next).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    if (!next.ok) expect(next.error.message).toMatch(/signed out.*ended this session/);
    expect(app.status(laptop).state).toBe('signed_out');
    // Everyone else carries on.
    await as(app, dsl, 'system.noop', {});
    expect((await as(app, admin, 'sessions.list', {})).map((row) => row.username).sort()).toEqual(['dsl.jones', 'it.lead']);

    const row = app.store!.prepare("SELECT u.username AS by, a.client, a.record_ids AS records, a.outcome FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.command = 'sessions.end'").get() as Record<string, string>;
    expect(row).toMatchObject({ by: 'it.lead', client: '10.0.0.30', outcome: 'ok' });
    const assistantId = app.store!.prepare("SELECT id FROM users WHERE username = 'ta.smith'").pluck().get() as string;
    expect(row.records).toContain(assistantId);
    expect(row.records).toContain(`session:${ref}`);
  });

  it('ends a locked session too, so a laptop left locked cannot be unlocked with the password later', async () => {
    const { app, admin, laptop } = await schoolAtWork();
    await as(app, laptop, 'session.lock', {});
    const ref = (await as(app, admin, 'sessions.list', {})).find((row) => row.username === 'ta.smith')!.ref;
    await as(app, admin, 'sessions.end', { ref });
    expect(await dispatch(app, 'session.unlock', { password: 'assistant own password' }, laptop)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('will not end the caller’s own session: they sign out instead', async () => {
    const { app, dsl } = await schoolAtWork();
    const mine = (await as(app, dsl, 'sessions.list', {})).find((row) => row.yours)!;
    const result = await dispatch(app, 'sessions.end', { ref: mine.ref }, dsl);
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!result.ok) expect(result.error.message).toMatch(/Sign out/);
    await as(app, dsl, 'system.noop', {});
  });

  it('refuses a member of staff, who can neither list nor end anyone’s session (and the attempt is recorded)', async () => {
    const { app, laptop, dsl } = await schoolAtWork();
    const dslRef = (await as(app, dsl, 'sessions.list', {})).find((row) => row.yours)!.ref;
    expect(await dispatch(app, 'sessions.list', {}, laptop)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(app, 'sessions.end', { ref: dslRef }, laptop)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await as(app, dsl, 'system.noop', {});
    const refused = app.store!.prepare("SELECT count(*) FROM audit_log WHERE command LIKE 'sessions.%' AND outcome = 'forbidden' AND client = '10.0.0.40'").pluck().get();
    expect(refused).toBe(2);
  });

  it('says plainly when the session has already gone, and a guessed ref ends nothing', async () => {
    const { app, admin, laptop } = await schoolAtWork();
    const result = await dispatch(app, 'sessions.end', { ref: '01900000-0000-7000-8000-000000000001' }, admin);
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await as(app, laptop, 'system.noop', {});
  });
});
