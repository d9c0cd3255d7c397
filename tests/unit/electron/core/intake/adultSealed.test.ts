// A concern about an adult while the records are locked (decision 0020, addendum): at 08:00, before any reader has
// signed in, a teaching assistant records a worry about the DSL by typing her name. It is sealed and queued; the DSL's
// sign-in opens the records and stores it in the adults' register, at the assistant's time, once — and the DSL, who
// is its subject, is told nothing and can find nothing. The headteacher finds it unread.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/core';
import { verifyAuditChain } from '../../../../../electron/core/audit';
import { intakeQueue, readIntakePublicKey, sealEnvelope } from '../../../../../electron/core/intake';
import type { CommandInput } from '../../../../../shared/api';
import { as } from '../../../../fixtures/doors/as';
import { newCaller } from '../../../../fixtures/doors/callers';
import { DSL_PASSWORD, addAccount, call, newApp, setUpSchool, signInFirstTime, tempDataDir } from '../testSchool';

const TA_PASSWORD = 'reading corner beanbag';
const HEAD_PASSWORD = 'head office window seat';
const words = 'Priya kept a Year 2 pupil alone in her office at lunchtime with the blind down';

const aboutTheDsl = (extra: Partial<CommandInput<'adults.log'>> = {}): CommandInput<'adults.log'> => ({
  // Typed, not chosen: the staff list is inside the locked store. The name matches the DSL's account exactly.
  subject: { userId: null, name: 'Priya Jones', role: 'Designated safeguarding lead', relationship: 'staff' },
  occurredDate: '2026-11-20',
  occurredTime: '12:30',
  location: 'DSL office',
  whatHappened: words,
  childHarm: 'not_sure',
  ...extra,
});

/** A school whose head receives concerns about adults, restarted: nobody signed in, the records locked. */
async function lockedHubBeforeSchool() {
  const dataDir = tempDataDir();
  let now = new Date('2026-11-23T07:30:00Z');
  const first = newApp(dataDir, { clock: () => now });
  await setUpSchool(first);
  const ta = await addAccount(first, 'ta.brown', 'staff');
  const head = await addAccount(first, 'head.green', 'head');
  await call(first, 'session.signOut', {});
  await signInFirstTime(first, 'ta.brown', 'temporary password 1', TA_PASSWORD);
  await call(first, 'session.signOut', {});
  await signInFirstTime(first, 'head.green', 'temporary password 1', HEAD_PASSWORD);
  await call(first, 'adults.setRoleHolders', { headteacherUserId: head.id, chairOfGovernorsUserId: null, dslUserId: null, lowLevelTo: 'headteacher', headIsProprietor: false });
  await call(first, 'session.signOut', {});
  first.close();
  const hub = newApp(dataDir, { clock: () => now });
  return { hub, dataDir, ta, head, setNow: (next: Date) => (now = next) };
}

describe('a concern about an adult while the records are locked', () => {
  it('is sealed, then stored once in the adults’ register at its author’s time; the DSL it is about is told nothing', async () => {
    const { hub, dataDir, ta, setNow } = await lockedHubBeforeSchool();
    setNow(new Date('2026-11-23T08:00:00Z'));
    const assistant = newCaller('test', '192.0.2.41');
    await as(hub, assistant, 'session.signIn', { username: 'ta.brown', password: TA_PASSWORD });
    expect(hub.store, 'a staff password opens nothing').toBeNull();

    // The staff list is in the store: refused, so the page offers the typed name instead.
    expect(await dispatch(hub, 'adults.staffList', {}, assistant)).toMatchObject({ ok: false, error: { code: 'locked' } });
    // A date in the future is refused now, while the words are on the screen, and nothing is sealed.
    expect(await dispatch(hub, 'adults.log', aboutTheDsl({ occurredDate: '2026-11-24' }), assistant)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(intakeQueue(dataDir).read().records).toHaveLength(0);

    const reply = await as(hub, assistant, 'adults.log', aboutTheDsl());
    expect(reply).toEqual({ id: expect.any(String), recordedAt: '2026-11-23T08:00:00.000Z', delivery: 'sealed', kind: 'low_level', sentTo: null, nobodyToReceive: false, ladoDirectly: false, ladoContact: null });
    const [queued] = intakeQueue(dataDir).read().records;
    expect(queued!.payload.includes(Buffer.from('Priya')), 'the words are sealed, not written in the clear').toBe(false);
    // Her own list of adults' concerns waits for the records: the envelope's header cannot say what it is about.
    expect(await dispatch(hub, 'adults.mine', {}, assistant)).toMatchObject({ ok: false, error: { code: 'locked' } });

    // 08:40: the DSL — the adult it is about — signs in and opens the records. Her notice says nothing arrived.
    setNow(new Date('2026-11-23T08:40:00Z'));
    const dsl = newCaller('test', '192.0.2.7');
    await as(hub, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect(hub.status(dsl).records).toBe('open');
    expect(hub.status(dsl).intakeNotice ?? null).toBeNull();
    const stored = hub.store!.prepare('SELECT id, author_id, recorded_at, subject_user_id, kind FROM adult_concerns').all() as Array<{ id: string } & Record<string, string>>;
    const dslId = hub.store!.prepare("SELECT id FROM users WHERE username = 'dsl.jones'").pluck().get() as string;
    expect(stored).toEqual([{ id: expect.any(String), author_id: ta.id, recorded_at: '2026-11-23T08:00:00.000Z', subject_user_id: dslId, kind: 'low_level' }]);
    const recordId = stored[0]!.id;
    // Nothing the DSL can call finds it.
    expect(await dispatch(hub, 'adults.get', { id: recordId }, dsl)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await as(hub, dsl, 'adults.alerts', {})).toEqual({ unread: 0 });
    for (const kind of ['low_level', 'allegation'] as const) expect(JSON.stringify(await as(hub, dsl, 'adults.register', { kind }))).not.toContain(recordId);
    expect(await as(hub, dsl, 'concerns.listNew', {})).toEqual([]);

    // Stored by the intake door in the assistant's name, as adults.log; the audit chain holds.
    const audit = hub.store!.prepare("SELECT user_id AS userId, role, door, record_ids AS recordIds FROM audit_log WHERE command = 'adults.log'").all() as Array<Record<string, string>>;
    expect(audit).toEqual([{ userId: ta.id, role: 'staff', door: 'intake', recordIds: JSON.stringify([recordId, reply.id]) }]);
    expect(verifyAuditChain(hub.store!).ok).toBe(true);

    // The same envelope again (a copy delivered twice) stores nothing.
    intakeQueue(dataDir).append(queued!.payload);
    expect(hub.intake.ingest(hub.store!, new Date('2026-11-23T08:45:00Z'))).toMatchObject({ stored: [], duplicates: 1, setAside: [] });
    expect(hub.store!.prepare('SELECT count(*) FROM adult_concerns').pluck().get()).toBe(1);

    // The head: one unread, in the low-level register, at the assistant's time; the assistant now sees hers as not read.
    const office = newCaller('test', '192.0.2.9');
    await as(hub, office, 'session.signIn', { username: 'head.green', password: HEAD_PASSWORD });
    expect(await as(hub, office, 'adults.alerts', {})).toEqual({ unread: 1 });
    const register = await as(hub, office, 'adults.register', { kind: 'low_level' });
    expect(register.rows).toMatchObject([{ id: recordId, recordedAt: '2026-11-23T08:00:00.000Z', subjectName: 'Priya Jones', read: false }]);
    expect((await as(hub, office, 'adults.get', { id: recordId })).whatHappened).toBe(words);
    expect(await as(hub, assistant, 'adults.mine', {})).toMatchObject([{ id: recordId, status: 'read', whatHappened: words }]);
  });

  it('sets aside an adult concern whose contents do not parse, with the reason and without the words', async () => {
    const { hub, dataDir, ta, setNow } = await lockedHubBeforeSchool();
    const malformed = sealEnvelope(readIntakePublicKey(dataDir)!.publicKey, {
      recordedAt: new Date('2026-11-23T08:00:00Z'),
      accountId: ta.id,
      body: { aboutAdult: { ...aboutTheDsl(), childHarm: 'perhaps', location: 'secret staffroom corner' } },
    });
    intakeQueue(dataDir).append(malformed.bytes);
    setNow(new Date('2026-11-23T08:40:00Z'));
    const dsl = newCaller();
    await as(hub, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect(hub.status(dsl).intakeNotice).toMatchObject({ arrived: 0, setAside: 1 });
    const setAside = hub.store!.prepare('SELECT envelope_id AS envelopeId, reason, detail FROM intake_set_aside').all() as Array<Record<string, string>>;
    expect(setAside).toEqual([{ envelopeId: malformed.id, reason: 'unreadable', detail: expect.stringContaining('Not a concern about an adult this app can store (childHarm') }]);
    expect(setAside[0]!.detail).not.toContain('staffroom');
    expect(hub.store!.prepare('SELECT count(*) FROM adult_concerns').pluck().get()).toBe(0);
    // Kept (sealed) in the set-aside file, never dropped.
    expect(intakeQueue(dataDir).readSetAside().map((record) => record.reason)).toEqual(['unreadable']);
  });

  it('is stored at once, with where it went, while a reader holds the records open', async () => {
    const { hub, dataDir, ta } = await lockedHubBeforeSchool();
    await as(hub, newCaller(), 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    const assistant = newCaller('test', '192.0.2.41');
    await as(hub, assistant, 'session.signIn', { username: 'ta.brown', password: TA_PASSWORD });
    const reply = await as(hub, assistant, 'adults.log', aboutTheDsl({ childHarm: 'yes' }));
    expect(reply).toMatchObject({ delivery: 'stored', kind: 'allegation', sentTo: 'headteacher', nobodyToReceive: false });
    expect(intakeQueue(dataDir).read().records).toHaveLength(0);
    const audit = hub.store!.prepare("SELECT user_id AS userId, door, record_ids AS recordIds FROM audit_log WHERE command = 'adults.log'").all();
    expect(audit).toEqual([{ userId: ta.id, door: 'test', recordIds: JSON.stringify([reply.id]) }]);
  });
});
