// The locked hub through dispatch (decision 0022): after a restart nobody who holds the data key is signed in, yet a
// member of staff signs in and submits; the concern waits sealed, and the first DSL to sign in finds it stored once,
// in the author's name and at the author's time, and is told it was waiting.
import { describe, expect, it } from 'vitest';
import { dispatch, type SafeguardingApp } from '../../../../../electron/core';
import { verifyAuditChain } from '../../../../../electron/core/audit';
import { SEALED_WAITING, SENT_TO_DSL } from '../../../../../electron/core/app/intakeDesk';
import { intakeQueue, readIntakePublicKey, sealEnvelope } from '../../../../../electron/core/intake';
import type { CommandInput } from '../../../../../shared/api';
import { newCaller, personAt } from '../../../../fixtures/doors/callers';
import { DSL_PASSWORD, addAccount, call, newApp, setUpSchool, signInFirstTime, tempDataDir } from '../testSchool';
import { as } from '../../../../fixtures/doors/as';

const STAFF_PASSWORD = 'dinner hall rota seven';


const concernAbout = (pupilId: string, extra: Partial<CommandInput<'concerns.submit'>> = {}): CommandInput<'concerns.submit'> => ({
  pupils: [{ pupilId, part: 'subject' }],
  occurredDate: '2026-11-23',
  occurredTime: '12:30',
  location: 'Dinner hall',
  whatHappened: 'Amy flinched when I reached past her for a tray and said she was scared of getting told off at home.',
  childWords: 'Dad gets really angry.',
  categories: ['physical-abuse'],
  ...extra,
});

/** A school whose hub has been restarted: a new app on the same folder, nobody signed in, the records locked. */
async function restartedLockedHub() {
  const dataDir = tempDataDir();
  let now = new Date('2026-11-23T08:00:00Z');
  const clock = () => now;
  const first = newApp(dataDir, { clock });
  await setUpSchool(first);
  const amy = await call(first, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H' });
  const supervisor = await addAccount(first, 'm.lunchtime', 'staff', 'midday', 'temporary password 1');
  await call(first, 'session.signOut', {});
  await signInFirstTime(first, 'm.lunchtime', 'temporary password 1', STAFF_PASSWORD);
  await call(first, 'session.signOut', {});
  first.close();
  const logged: string[] = [];
  const log = {
    error: (context: string, error: unknown) => {
      logged.push(`${context}: ${error instanceof Error ? error.message : String(error)}`);
      return 'ref';
    },
  };
  const hub = newApp(dataDir, { clock, log });
  return { hub, dataDir, amy, supervisor, logged, setNow: (next: Date) => (now = next) };
}

const auditRows = (app: SafeguardingApp) =>
  app.store!.prepare('SELECT user_id AS userId, role, door, command, record_ids AS recordIds, outcome, at FROM audit_log ORDER BY seq').all() as Array<{
    userId: string | null;
    role: string | null;
    door: string;
    command: string;
    recordIds: string;
    outcome: string;
    at: string;
  }>;

describe('a hub restarted locked', () => {
  it('takes a member of staff’s concern sealed, and the first DSL to sign in finds it once, in their name and at their time', async () => {
    const { hub, amy, supervisor, setNow } = await restartedLockedHub();
    const staff = newCaller('test', '192.0.2.41');
    setNow(new Date('2026-11-23T12:40:00Z'));
    await as(hub, staff, 'session.signIn', { username: 'm.lunchtime', password: STAFF_PASSWORD });
    expect(hub.store, 'a staff password opens nothing').toBeNull();
    expect(hub.status(staff)).toMatchObject({ state: 'signed_in', records: 'locked', user: { id: supervisor.id, role: 'staff', mustChangePassword: false } });

    const reply = await as(hub, staff, 'concerns.submit', concernAbout(amy.id, { immediateDanger: true, spokenToDslInPerson: 'yes' }));
    expect(reply).toMatchObject({ delivery: 'sealed', message: SEALED_WAITING, recordedAt: '2026-11-23T12:40:00.000Z' });
    expect(await as(hub, staff, 'concerns.mine', {})).toEqual([{ id: reply.id, recordedAt: '2026-11-23T12:40:00.000Z', occurredAt: null, pupilNames: [], childDescribed: '', status: 'waiting', immediateDanger: false }]);
    // Nothing that reads records works while they are locked, and the answer says why.
    expect(await dispatch(hub, 'pupils.pick', { query: 'hughes' }, staff)).toMatchObject({ ok: false, error: { code: 'locked', message: 'The records are locked until a DSL signs in.' } });

    setNow(new Date('2026-11-23T13:15:00Z'));
    const dsl = newCaller('test', '192.0.2.7');
    await as(hub, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect(hub.status(dsl)).toMatchObject({ records: 'open', intakeNotice: { arrived: 1, immediateDanger: 1, setAside: 0 } });
    // Only the reader whose sign-in opened the records is told; the member of staff is not.
    expect(hub.status(staff).intakeNotice ?? null).toBeNull();

    const waiting = await as(hub, dsl, 'concerns.listNew', {});
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ recordedAt: '2026-11-23T12:40:00.000Z', immediateDanger: true });
    const concernId = waiting[0]!.id;
    expect(hub.status(dsl).intakeNotice?.concernIds).toEqual([concernId]);

    const rows = auditRows(hub);
    const stored = rows.filter((row) => row.command === 'concerns.submit');
    expect(stored).toEqual([expect.objectContaining({ userId: supervisor.id, role: 'staff', door: 'intake', outcome: 'ok' })]);
    expect(JSON.parse(stored[0]!.recordIds)).toContain(concernId);
    // The staff sign-in, made while nothing could be written, reached the audit log when the records opened.
    expect(rows.some((row) => row.command === 'session.signIn' && row.userId === supervisor.id && row.at === '2026-11-23T12:40:00.000Z')).toBe(true);
    expect(verifyAuditChain(hub.store!).ok).toBe(true);

    // The author now sees it as submitted, by its concern id; another sign-in stores nothing twice.
    expect(await as(hub, staff, 'concerns.mine', {})).toMatchObject([{ id: concernId, status: 'submitted' }]);
    await as(hub, dsl, 'session.signOut', {});
    await as(hub, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect(hub.store!.prepare('SELECT count(*) FROM concerns').pluck().get()).toBe(1);
    expect(hub.status(dsl).intakeNotice ?? null).toBeNull();
  });

  it('takes a concern that names the child in words while the roster is locked, and the DSL matches it to the pupil', async () => {
    const { hub, amy, setNow } = await restartedLockedHub();
    const staff = newCaller();
    setNow(new Date('2026-11-23T12:40:00Z'));
    await as(hub, staff, 'session.signIn', { username: 'm.lunchtime', password: STAFF_PASSWORD });
    const reply = await as(hub, staff, 'concerns.submit', concernAbout(amy.id, { pupils: [], childDescribed: 'Amy, Year 5, class 5H' }));
    expect(reply).toMatchObject({ delivery: 'sealed' });

    setNow(new Date('2026-11-23T13:15:00Z'));
    const dsl = newCaller();
    await as(hub, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    const [waiting] = await as(hub, dsl, 'concerns.listNew', {});
    expect(waiting).toMatchObject({ pupilNames: [], childDescribed: 'Amy, Year 5, class 5H' });
    await as(hub, dsl, 'concerns.matchPupil', { concernId: waiting!.id, pupilId: amy.id });
    expect((await as(hub, dsl, 'children.chronology', { pupilId: amy.id })).map((entry) => entry.recordId)).toContain(waiting!.id);
    expect(await as(hub, dsl, 'concerns.get', { concernId: waiting!.id })).toMatchObject({ childDescribed: 'Amy, Year 5, class 5H', pupils: [{ pupilId: amy.id, name: 'Amy Hughes' }] });
  });

  it('stores at once, with the DSL’s alert, when a DSL is signed in', async () => {
    const { hub, amy, setNow } = await restartedLockedHub();
    setNow(new Date('2026-11-23T12:40:00Z'));
    const dsl = newCaller();
    await as(hub, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    const staff = newCaller('test', '192.0.2.55');
    await as(hub, staff, 'session.signIn', { username: 'm.lunchtime', password: STAFF_PASSWORD });
    const alerts: unknown[] = [];
    hub.alerts.subscribe((alert) => alerts.push(alert));
    const reply = await as(hub, staff, 'concerns.submit', concernAbout(amy.id));
    expect(reply).toMatchObject({ delivery: 'stored', message: SENT_TO_DSL });
    expect(alerts).toHaveLength(1);
    expect((await as(hub, dsl, 'concerns.get', { concernId: reply.id })).whatHappened).toContain('flinched');
    // Stored directly, in one transaction: nothing was sealed into the queue on the way.
    expect(intakeQueue(hub.dataDir).isEmpty()).toBe(true);
    // Its audit row says where it came from: this member of staff's session, on their computer.
    expect(hub.store!.prepare("SELECT user_id AS userId, door, client FROM audit_log WHERE command = 'concerns.submit' AND record_ids LIKE ?").all(`%${reply.id}%`)).toEqual([
      { userId: expect.any(String), door: 'test', client: '192.0.2.55' },
    ]);
    // The records still refuse what they would refuse, before anything is sealed: the words stay on screen to correct.
    expect(await dispatch(hub, 'concerns.submit', concernAbout(amy.id, { occurredTime: '23:59' }), staff)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(intakeQueue(hub.dataDir).read().records).toHaveLength(0);
  });

  it('seals a concern the open records cannot take (a store that will not write), and stores it once they can', async () => {
    const { hub, amy, logged, setNow } = await restartedLockedHub();
    setNow(new Date('2026-11-23T12:40:00Z'));
    const dsl = newCaller();
    await as(hub, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    const staff = newCaller();
    await as(hub, staff, 'session.signIn', { username: 'm.lunchtime', password: STAFF_PASSWORD });
    // A store that refuses every write, as a full or failing disk would: nothing the person typed may be lost.
    hub.store!.pragma('query_only = ON');
    const reply = await as(hub, staff, 'concerns.submit', concernAbout(amy.id));
    expect(reply).toMatchObject({ delivery: 'sealed', message: SEALED_WAITING });
    expect(intakeQueue(hub.dataDir).read().records).toHaveLength(1);
    expect(logged.some((line) => line.startsWith('storing a submitted concern'))).toBe(true);
    hub.store!.pragma('query_only = OFF');
    const summary = hub.intake.ingest(hub.store!, new Date('2026-11-23T12:45:00Z'));
    expect(summary.stored).toEqual([expect.objectContaining({ envelopeId: reply.id, about: 'child' })]);
    expect(hub.store!.prepare('SELECT count(*) FROM concerns WHERE what_happened LIKE ?').pluck().get('Amy flinched%')).toBe(1);
    expect(intakeQueue(hub.dataDir).read().records).toHaveLength(0);
  });

  it('records a staff member’s refused command while locked, and writes it into the log when the records open', async () => {
    const { hub, supervisor } = await restartedLockedHub();
    const staff = newCaller();
    await as(hub, staff, 'session.signIn', { username: 'm.lunchtime', password: STAFF_PASSWORD });
    expect(await dispatch(hub, 'accounts.list', {}, staff)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await as(hub, personAt(hub), 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect(auditRows(hub).filter((row) => row.outcome === 'forbidden')).toEqual([expect.objectContaining({ userId: supervisor.id, command: 'accounts.list' })]);
  });

  it('sets aside an altered envelope, tells the DSL, logs the reason, and still stores the rest', async () => {
    const { hub, dataDir, amy, logged, setNow } = await restartedLockedHub();
    setNow(new Date('2026-11-23T12:40:00Z'));
    const staff = newCaller();
    await as(hub, staff, 'session.signIn', { username: 'm.lunchtime', password: STAFF_PASSWORD });
    await as(hub, staff, 'concerns.submit', concernAbout(amy.id));
    const altered = sealEnvelope(readIntakePublicKey(dataDir)!.publicKey, { recordedAt: new Date('2026-11-23T12:41:00Z'), accountId: 'someone', body: concernAbout(amy.id) });
    altered.bytes[altered.bytes.length - 1]! ^= 0x01;
    intakeQueue(dataDir).append(altered.bytes);

    const dsl = newCaller();
    await as(hub, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect(hub.status(dsl).intakeNotice).toMatchObject({ arrived: 1, setAside: 1 });
    expect(logged.some((line) => line.includes(altered.id) && line.includes('altered'))).toBe(true);
  });
});
