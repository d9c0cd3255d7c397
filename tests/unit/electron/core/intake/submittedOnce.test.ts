// A submission sent again because its answer was lost on the way back (a dropped connection, a hub that stored it and
// then went away) is stored once (decision 0024): the page chooses the envelope's id and sends it with every try, and
// the connect-mode outbox seals with the same id. Tried with the records open and locked, through the outbox's
// delivery, and by another account reusing someone's id.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { dispatch, type SafeguardingApp } from '../../../../../electron/core';
import { verifyAuditChain } from '../../../../../electron/core/audit';
import { intakeQueue, readIntakePublicKey, sealEnvelope } from '../../../../../electron/core/intake';
import type { CommandInput } from '../../../../../shared/api';
import { as } from '../../../../fixtures/doors/as';
import { newCaller } from '../../../../fixtures/doors/callers';
import { DSL_PASSWORD, addAccount, call, newApp, setUpSchool, signInFirstTime, tempDataDir } from '../testSchool';

const TOM_PASSWORD = 'cloakroom duty on tuesdays';
const BEA_PASSWORD = 'reading corner beanbags';

const concern = (submissionId: string, whatHappened: string): CommandInput<'concerns.submit'> => ({
  pupils: [],
  childDescribed: 'Amy in 5H',
  occurredDate: '2026-11-23',
  occurredTime: '12:30',
  location: 'Dinner hall',
  whatHappened,
  submissionId,
});

/** A hub restarted after setting up: nobody signed in, the records locked; two members of staff. */
async function lockedHub() {
  const dataDir = tempDataDir();
  let now = new Date('2026-11-23T13:00:00Z');
  const clock = () => now;
  const first = newApp(dataDir, { clock });
  await setUpSchool(first);
  const tom = await addAccount(first, 'ta.smith', 'staff', 'support', 'temporary password 1');
  const bea = await addAccount(first, 'tb.jones', 'staff', 'teaching', 'temporary password 2');
  await call(first, 'session.signOut', {});
  await signInFirstTime(first, 'ta.smith', 'temporary password 1', TOM_PASSWORD);
  await call(first, 'session.signOut', {});
  await signInFirstTime(first, 'tb.jones', 'temporary password 2', BEA_PASSWORD);
  await call(first, 'session.signOut', {});
  first.close();
  const hub = newApp(dataDir, { clock });
  const tomAt = newCaller('test', '192.0.2.41');
  const beaAt = newCaller('test', '192.0.2.42');
  await as(hub, tomAt, 'session.signIn', { username: 'ta.smith', password: TOM_PASSWORD });
  await as(hub, beaAt, 'session.signIn', { username: 'tb.jones', password: BEA_PASSWORD });
  return { hub, dataDir, tom, bea, tomAt, beaAt, setNow: (next: Date) => (now = next) };
}

const storedWith = (hub: SafeguardingApp, words: string) => hub.store!.prepare('SELECT count(*) FROM concerns WHERE what_happened = ?').pluck().get(words) as number;

async function openRecords(hub: SafeguardingApp) {
  const dsl = newCaller('test', '192.0.2.7');
  await as(hub, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
  return dsl;
}

describe('a submission sent again', () => {
  it('is stored once with the records open, and the second try is answered with the first try’s concern', async () => {
    const { hub, tomAt } = await lockedHub();
    await openRecords(hub);
    const id = uuidv7();
    const words = 'Amy had a bruise on her cheek and said she walked into a door.';
    const first = await as(hub, tomAt, 'concerns.submit', concern(id, words));
    const again = await as(hub, tomAt, 'concerns.submit', concern(id, words));
    expect(first).toMatchObject({ delivery: 'stored' });
    expect(again).toEqual(first);
    expect(storedWith(hub, words)).toBe(1);
    expect(await as(hub, tomAt, 'concerns.mine', {})).toHaveLength(1);
    // A new concern from the same page (a new id) is a new concern, even with the same words.
    await as(hub, tomAt, 'concerns.submit', concern(uuidv7(), words));
    expect(storedWith(hub, words)).toBe(2);
  });

  it('waits once while the records are locked, shows once in My concerns, and is stored once when a DSL signs in', async () => {
    const { hub, dataDir, tomAt } = await lockedHub();
    const id = uuidv7();
    const words = 'Amy asked whether she could stay late because nobody would be home.';
    const first = await as(hub, tomAt, 'concerns.submit', concern(id, words));
    const again = await as(hub, tomAt, 'concerns.submit', concern(id, words));
    expect(first).toMatchObject({ id, delivery: 'sealed' });
    expect(again).toEqual(first);
    expect(intakeQueue(dataDir).read().records).toHaveLength(1);
    expect(await as(hub, tomAt, 'concerns.mine', {})).toEqual([expect.objectContaining({ id, status: 'waiting' })]);

    await openRecords(hub);
    expect(storedWith(hub, words)).toBe(1);
    // Sent once more after the records opened (the page had retried all along): the stored concern, no second one.
    const afterOpening = await as(hub, tomAt, 'concerns.submit', concern(id, words));
    expect(afterOpening).toMatchObject({ delivery: 'stored' });
    expect(afterOpening.id).not.toBe(id);
    expect(storedWith(hub, words)).toBe(1);
    expect(verifyAuditChain(hub.store!).ok).toBe(true);
  });

  it('is stored once when the hub took the first try and the outbox later delivers its own sealing of the same concern', async () => {
    const { hub, dataDir, tom, tomAt } = await lockedHub();
    const id = uuidv7();
    const words = 'Amy said she had not had breakfast for three days.';
    // The hub stored the first try, but the answer never reached the computer, which sealed the concern again into its
    // outbox with the same id (connectModeOutbox does) and delivers that later: different bytes, the same envelope id.
    await as(hub, tomAt, 'concerns.submit', concern(id, words));
    const { submissionId: _unused, ...body } = concern(id, words);
    const resealed = sealEnvelope(readIntakePublicKey(dataDir)!.publicKey, { id, recordedAt: new Date('2026-11-23T13:01:00Z'), accountId: tom.id, body });
    const delivered = hub.intake.receiveSealed({ id: tom.id }, resealed.bytes, new Date('2026-11-23T13:05:00Z'));
    expect(delivered.outcome).toBe('waiting');

    await openRecords(hub);
    expect(storedWith(hub, words)).toBe(1);
    // Delivered once more with the records open: a receipt, and still one concern.
    expect(hub.intake.receiveSealed({ id: tom.id }, resealed.bytes, new Date('2026-11-23T13:10:00Z')).outcome).toBe('stored');
    expect(storedWith(hub, words)).toBe(1);
    expect(await as(hub, tomAt, 'concerns.mine', {})).toHaveLength(1);
  });

  it('is refused when another account sends a submission id someone else used, locked or open, and nothing of theirs is replaced', async () => {
    const { hub, tomAt, beaAt } = await lockedHub();
    const id = uuidv7();
    const toms = 'Amy said her brother hits her when their mum is at work.';
    await as(hub, tomAt, 'concerns.submit', concern(id, toms));
    const whileLocked = await dispatch(hub, 'concerns.submit', concern(id, 'Bea’s own words'), beaAt);
    expect(whileLocked).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await as(hub, beaAt, 'concerns.mine', {})).toEqual([]);

    await openRecords(hub);
    const whileOpen = await dispatch(hub, 'concerns.submit', concern(id, 'Bea’s own words'), beaAt);
    expect(whileOpen).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // Nothing about Tom's concern came back to Bea, and his concern is his alone.
    expect(JSON.stringify(whileOpen)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(storedWith(hub, toms)).toBe(1);
    expect(storedWith(hub, 'Bea’s own words')).toBe(0);
  });

  it('refuses an id the app would never make, naming the field', async () => {
    const { hub, tomAt } = await lockedHub();
    const result = await dispatch(hub, 'concerns.submit', concern('00000000-0000-4000-8000-000000000000', 'A note.'), tomAt);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { submissionId: [expect.stringContaining('reload the page')] } } });
  });
});
