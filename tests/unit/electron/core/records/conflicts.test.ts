// Two DSLs on one record at once, from two computers: both read it, both save, and the second save is refused with a
// conflict that says so — the record keeps the first person's change, nothing is overwritten silently. One row per
// kind of record a person can change; versions are read the way the pages read them, through the commands.
import { describe, expect, it } from 'vitest';
import { dispatch, type Caller } from '../../../../../electron/core';
import { STALE_SAVE_MESSAGE } from '../../../../../shared/api';
import { newCaller } from '../../../../fixtures/doors/callers';
import { DSL_PASSWORD, addAccount, call, daysPassWhileSignedIn, newApp, setUpSchool, signInFirstTime, tempDataDir } from '../testSchool';
import { as } from '../../../../fixtures/doors/as';


/** A school with a DSL and a deputy signed in on their own computers, a child, and one of every record they change. */
async function schoolWithTwoDsls() {
  const app = newApp(tempDataDir(), { clock: () => new Date('2026-11-23T10:00:00Z'), ...daysPassWhileSignedIn });
  await setUpSchool(app);
  const deputyAccount = await addAccount(app, 'dsl.ahmed', 'dsl', 'leadership', 'temporary password 2');
  const leaver = await addAccount(app, 'ta.left', 'staff', 'support', 'temporary password 3');
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'dsl.ahmed', 'temporary password 2', 'deputy own password');
  await call(app, 'session.signOut', {});
  const dsl = newCaller('https', '10.0.0.21');
  const deputy = newCaller('https', '10.0.0.22');
  const me = await as(app, dsl, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
  await as(app, deputy, 'session.signIn', { username: 'dsl.ahmed', password: 'deputy own password' });

  const amy = await as(app, dsl, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H' });
  const concern = await as(app, dsl, 'concerns.submit', { pupils: [{ pupilId: amy.id, part: 'subject' }], occurredDate: '2026-11-23', occurredTime: '08:00', whatHappened: 'Bruise on her forearm.' });
  await as(app, dsl, 'concerns.get', { concernId: concern.id });
  const referral = await as(app, dsl, 'referrals.create', {
    pupilId: amy.id,
    agency: 'mash',
    contact: { name: 'Front door team' },
    method: 'phone',
    referredOn: '2026-11-23',
    referredAtTime: '09:00',
    whatShared: 'The bruise and what Amy said.',
    consent: 'given',
  });
  const secondReferral = await as(app, dsl, 'referrals.create', { pupilId: amy.id, agency: 'mash', contact: { name: 'Front door team' }, method: 'phone', referredOn: '2026-11-23', referredAtTime: '09:30', whatShared: 'More.', consent: 'given' });
  const escalation = await as(app, dsl, 'referrals.escalate', { referralId: secondReferral.id, disagreement: 'We think the threshold is met.', stages: [{ title: 'Team manager', workingDays: 2 }] });
  const action = await as(app, dsl, 'actions.create', { pupilId: amy.id, title: 'Ring the GP', ownerId: me.id, dueOn: '2026-11-25' });
  const review = await as(app, dsl, 'reviews.create', { pupilId: amy.id, title: 'Attendance', intervalDays: 28, firstDueOn: '2026-11-30', ownerId: me.id });
  const flag = await as(app, dsl, 'children.addFlag', { pupilId: amy.id, flag: 'child_in_need', startDate: '2026-09-01', source: 'CIN meeting 01/09/2026' });
  return { app, dsl, deputy, amy, concern, referral, escalation, action, review, flag, deputyAccount, leaver };
}
type School = Awaited<ReturnType<typeof schoolWithTwoDsls>>;

interface Case {
  kind: string;
  /** The version each person's page read. */
  read: (s: School, who: Caller) => Promise<number>;
  /** A save from that reading, by `who`; `mark` tells the two saves apart. */
  save: (s: School, who: Caller, version: number, mark: 'first' | 'second') => Promise<Awaited<ReturnType<typeof dispatch>>>;
  /** What the record holds afterwards, to show it is the first save's. */
  holds: (s: School) => unknown;
  first: unknown;
}

const file = async (s: School, who: Caller) => as(s.app, who, 'children.file', { pupilId: s.amy.id });
const one = (s: School, sql: string, ...args: unknown[]) => s.app.store!.prepare(sql).pluck().get(...args);

const cases: Case[] = [
  {
    kind: 'a concern (assigning it)',
    read: async (s, who) => (await as(s.app, who, 'queue.concerns', { tab: 'all' })).rows.find((row) => row.id === s.concern.id)!.version,
    save: (s, who, version, mark) =>
      dispatch(s.app, 'concerns.assign', { concernId: s.concern.id, version, assignTo: mark === 'first' ? s.deputyAccount.id : s.app.status(s.dsl).user!.id, handoverNote: mark }, who),
    holds: (s) => one(s, 'SELECT assigned_to FROM concerns WHERE id = ?', s.concern.id) === s.deputyAccount.id,
    first: true,
  },
  {
    kind: 'a concern (closing it)',
    read: async (s, who) => (await file(s, who)).concerns.find((row) => row.id === s.concern.id)!.version,
    save: (s, who, version, mark) => dispatch(s.app, 'concerns.close', { concernId: s.concern.id, version, outcome: 'monitored_resolved', reason: `Closed by the ${mark}` }, who),
    holds: (s) => one(s, 'SELECT closing_reason FROM concerns WHERE id = ?', s.concern.id),
    first: 'Closed by the first',
  },
  {
    kind: 'a referral (its acknowledgement)',
    read: async (s, who) => (await file(s, who)).referrals.find((row) => row.id === s.referral.id)!.version,
    save: (s, who, version, mark) => dispatch(s.app, 'referrals.acknowledge', { referralId: s.referral.id, version, acknowledgedOn: '2026-11-23', acknowledgedAtTime: '11:00', reference: `REF-${mark}` }, who),
    holds: (s) => one(s, 'SELECT reference FROM referrals WHERE id = ?', s.referral.id),
    first: 'REF-first',
  },
  {
    kind: 'a referral (its outcome)',
    read: async (s, who) => (await file(s, who)).referrals.find((row) => row.id === s.referral.id)!.version,
    save: (s, who, version, mark) => dispatch(s.app, 'referrals.recordOutcome', { referralId: s.referral.id, version, outcome: 'early_help', summary: `Outcome from the ${mark}`, outcomeOn: '2026-11-23' }, who),
    holds: (s) => one(s, 'SELECT outcome_summary FROM referrals WHERE id = ?', s.referral.id),
    first: 'Outcome from the first',
  },
  {
    kind: 'an escalation (resolving it)',
    read: async (s, who) => (await file(s, who)).referrals.find((row) => row.escalation?.id === s.escalation.id)!.escalation!.version,
    save: (s, who, version, mark) => dispatch(s.app, 'escalations.resolve', { escalationId: s.escalation.id, version, resolution: `Resolved by the ${mark}` }, who),
    holds: (s) => one(s, 'SELECT resolution FROM escalations WHERE id = ?', s.escalation.id),
    first: 'Resolved by the first',
  },
  {
    kind: 'an action (completing it)',
    read: async (s, who) => (await file(s, who)).openActions.find((row) => row.id === s.action.id)!.version,
    save: (s, who, version, mark) => dispatch(s.app, 'actions.complete', { actionId: s.action.id, version, notes: `Done by the ${mark}` }, who),
    holds: (s) => one(s, 'SELECT completion_notes FROM actions WHERE id = ?', s.action.id),
    first: 'Done by the first',
  },
  {
    kind: 'a review (recording it)',
    read: async (s, who) => (await file(s, who)).reviews.find((row) => row.id === s.review.id)!.version,
    save: (s, who, version, mark) => dispatch(s.app, 'reviews.record', { reviewId: s.review.id, version, notes: `Reviewed by the ${mark}` }, who),
    holds: (s) => s.app.store!.prepare('SELECT notes FROM review_records WHERE review_id = ?').pluck().all(s.review.id),
    first: ['Reviewed by the first'],
  },
  {
    kind: 'a child’s status flag (ending it)',
    read: async (s, who) => (await file(s, who)).flags.find((row) => row.id === s.flag.id)!.version,
    save: (s, who, version, mark) => dispatch(s.app, 'children.endFlag', { flagId: s.flag.id, version, endDate: mark === 'first' ? '2026-11-20' : '2026-11-21' }, who),
    holds: (s) => one(s, 'SELECT end_date FROM status_flags WHERE id = ?', s.flag.id),
    first: '2026-11-20',
  },
  {
    kind: 'a pupil’s details',
    read: async (s, who) => (await as(s.app, who, 'pupils.get', { pupilId: s.amy.id })).version,
    save: async (s, who, version, mark) => {
      const { details } = await as(s.app, who, 'pupils.get', { pupilId: s.amy.id });
      return dispatch(s.app, 'pupils.update', { pupilId: s.amy.id, version, details: { ...details, preferredName: `Amy ${mark}` } }, who);
    },
    holds: (s) => one(s, 'SELECT preferred_name FROM pupils WHERE id = ?', s.amy.id),
    first: 'Amy first',
  },
  {
    kind: 'an account (disabling it)',
    read: async (s, who) => (await as(s.app, who, 'accounts.list', {})).find((account) => account.id === s.leaver.id)!.version,
    save: (s, who, version, mark) => dispatch(s.app, 'accounts.disable', { userId: s.leaver.id, version, reason: `Left, says the ${mark}` }, who),
    holds: (s) => one(s, 'SELECT disabled_reason FROM users WHERE id = ?', s.leaver.id),
    first: 'Left, says the first',
  },
  {
    kind: 'the school’s settings',
    read: async (s, who) => (await as(s.app, who, 'settings.get', {})).version,
    save: (s, who, version, mark) => dispatch(s.app, 'settings.update', { version, idleLockMinutes: mark === 'first' ? 10 : 20 }, who),
    holds: (s) => JSON.parse(one(s, "SELECT value FROM settings WHERE key = 'idleLockMinutes'") as string),
    first: 10,
  },
];

describe('two people saving the same record at once', () => {
  it.each(cases)('$kind: the second save is refused with a conflict, and the record keeps the first', async (each) => {
    const s = await schoolWithTwoDsls();
    const dslRead = await each.read(s, s.dsl);
    const deputyRead = await each.read(s, s.deputy);
    expect(deputyRead).toBe(dslRead);

    const first = await each.save(s, s.deputy, deputyRead, 'first');
    expect(first).toMatchObject({ ok: true });
    const second = await each.save(s, s.dsl, dslRead, 'second');
    expect(second).toEqual({ ok: false, error: { code: 'conflict', message: STALE_SAVE_MESSAGE } });

    const held = await each.holds(s);
    expect(held).toEqual(each.first);
    // Reading again gives the newer version, so a deliberate second save (after seeing the first) can go through.
    expect(await each.read(s, s.dsl).catch(() => 'no longer listed')).not.toBe(dslRead);
  });

  it('a save from the current version goes through, and moves the version on', async () => {
    const s = await schoolWithTwoDsls();
    const before = (await file(s, s.dsl)).flags[0]!.version;
    await as(s.app, s.dsl, 'children.endFlag', { flagId: s.flag.id, version: before, endDate: '2026-11-20' });
    const after = (await file(s, s.deputy)).flags[0]!.version;
    expect(after).toBe(before + 1);
    await as(s.app, s.deputy, 'children.endFlag', { flagId: s.flag.id, version: after, endDate: '2026-11-22' });
    expect(one(s, 'SELECT end_date FROM status_flags WHERE id = ?', s.flag.id)).toBe('2026-11-22');
  });

  it('an account’s version does not move when its owner merely signs in', async () => {
    const s = await schoolWithTwoDsls();
    const before = (await as(s.app, s.dsl, 'accounts.list', {})).find((account) => account.username === 'dsl.ahmed')!.version;
    await as(s.app, newCaller('https', '10.0.0.23'), 'session.signIn', { username: 'dsl.ahmed', password: 'deputy own password' });
    expect((await as(s.app, s.dsl, 'accounts.list', {})).find((account) => account.username === 'dsl.ahmed')!.version).toBe(before);
  });
});
