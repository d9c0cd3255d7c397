// A concern that names its child in the author's own words (typed while the records were locked and the roster could
// not be searched, decision 0023): stored and listed like any other, then matched to a pupil by a DSL, which puts it
// in that child's chronology and file without losing a word of what the author typed.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/core';
import type { CommandInput } from '../../../../../shared/api';
import { personAt } from '../../../../fixtures/doors/callers';
import { addAccount, call, DSL_PASSWORD, keepRecordsOpen, newApp, setUpSchool, signInFirstTime, tempDataDir } from '../testSchool';

const DESCRIBED = 'Amy in 5H, the girl with the red coat who sits by the window';

async function school() {
  const app = newApp(tempDataDir(), { clock: () => new Date('2026-11-23T15:00:00Z') });
  await setUpSchool(app);
  await keepRecordsOpen(app);
  const amy = await call(app, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H' });
  const ben = await call(app, 'pupils.create', { upn: 'B123456789003', legalFirstName: 'Benjamin', legalLastName: 'Hughes', dateOfBirth: '2018-07-21', yearGroup: '3', registrationGroup: '3K' });
  await addAccount(app, 'ta.smith', 'staff', 'support', 'temporary password 1');
  await addAccount(app, 'head.teacher', 'head', 'leadership', 'temporary password 2');
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'head.teacher', 'temporary password 2', 'head own long password');
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'ta.smith', 'temporary password 1', 'smith own password');
  return { app, amy, ben };
}

type School = Awaited<ReturnType<typeof school>>;

const describedConcern = (extra: Partial<CommandInput<'concerns.submit'>> = {}): CommandInput<'concerns.submit'> => ({
  pupils: [],
  childDescribed: DESCRIBED,
  occurredDate: '2026-11-23',
  occurredTime: '12:30',
  location: 'Dinner hall',
  whatHappened: 'She flinched when I reached past her for a tray.',
  childWords: 'Dad gets really angry.',
  ...extra,
});

async function signInAs(app: School['app'], username: string, password: string) {
  await call(app, 'session.signOut', {});
  await call(app, 'session.signIn', { username, password });
}

const asDsl = (app: School['app']) => signInAs(app, 'dsl.jones', DSL_PASSWORD);

describe('a concern that names the child in words', () => {
  it('is stored with the words exactly as typed and no pupil', async () => {
    const { app } = await school();
    const { id } = await call(app, 'concerns.submit', describedConcern());
    const mine = await call(app, 'concerns.get', { concernId: id });
    expect(mine).toMatchObject({ pupils: [], childDescribed: DESCRIBED, matches: [] });
    expect(await call(app, 'concerns.mine', {})).toEqual([expect.objectContaining({ id, pupilNames: [], childDescribed: DESCRIBED, status: 'submitted' })]);
  });

  it('refuses a concern that neither chooses a pupil nor names the child, on the pupil field, and stores nothing', async () => {
    const { app } = await school();
    const result = await dispatch(app, 'concerns.submit', describedConcern({ childDescribed: '   ' }), personAt(app));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { pupils: ['Choose a pupil, or type the child’s name and class'] } } });
    expect(await call(app, 'concerns.mine', {})).toEqual([]);
  });

  it('is listed for the DSL — the new concerns, the queue, the counts, the alert — as waiting to be matched', async () => {
    const { app, amy } = await school();
    const { id } = await call(app, 'concerns.submit', describedConcern());
    // One concern chosen from the list beside it, so an inner join that drops the other would show.
    const chosen = (await call(app, 'concerns.submit', describedConcern({ pupils: [{ pupilId: amy.id, part: 'subject' }], childDescribed: '' }))).id;
    await asDsl(app);
    expect(await call(app, 'concerns.alerts', {})).toMatchObject({ newCount: 2 });
    expect(await call(app, 'concerns.listNew', {})).toEqual([
      expect.objectContaining({ id, pupilNames: [], childDescribed: DESCRIBED }),
      expect.objectContaining({ id: chosen, pupilNames: ['Amy Hughes'], childDescribed: '' }),
    ]);
    expect((await call(app, 'queue.counts', {})).new).toBe(2);
    for (const tab of ['new', 'all'] as const) {
      const page = await call(app, 'queue.concerns', { tab });
      expect(page.total).toBe(2);
      expect(page.rows.find((row) => row.id === id)).toMatchObject({ pupilNames: [], pupils: [], yearGroups: [], childDescribed: DESCRIBED });
    }
    // Filters that go through the pupils' links leave it out (it has none yet); filters that do not, keep it.
    expect((await call(app, 'queue.concerns', { tab: 'all', filters: { yearGroup: '5' } })).rows.map((row) => row.id)).toEqual([chosen]);
    expect((await call(app, 'queue.concerns', { tab: 'all', filters: { from: '2026-11-23', to: '2026-11-23' } })).total).toBe(2);
    expect((await call(app, 'queue.concerns', { tab: 'all', filters: { assignedTo: 'unassigned' } })).total).toBe(2);
  });

  it('is counted in the culture report, which does not need a pupil to count a concern', async () => {
    const { app } = await school();
    await call(app, 'concerns.submit', describedConcern());
    await signInAs(app, 'head.teacher', 'head own long password');
    const view = await call(app, 'reports.dashboard', { period: { kind: 'custom', from: '2026-11-01', to: '2026-11-30' }, audience: 'head' });
    expect(view.concernsLogged.total.current.value).toBe(1);
  });
});

describe('a DSL matching it to a pupil', () => {
  async function matched() {
    const found = await school();
    const { id } = await call(found.app, 'concerns.submit', describedConcern());
    await asDsl(found.app);
    return { ...found, concernId: id };
  }

  it('puts the concern in the child’s chronology and file, keeps the words, and says who matched it', async () => {
    const { app, amy, concernId } = await matched();
    expect((await call(app, 'children.chronology', { pupilId: amy.id })).map((entry) => entry.recordId)).not.toContain(concernId);

    expect(await call(app, 'concerns.matchPupil', { concernId, pupilId: amy.id })).toEqual({ pupilName: 'Amy Hughes' });

    expect((await call(app, 'children.chronology', { pupilId: amy.id })).filter((entry) => entry.kind === 'concern').map((entry) => entry.recordId)).toEqual([concernId]);
    const file = await call(app, 'children.file', { pupilId: amy.id });
    expect(file.concerns.map((concern) => concern.id)).toEqual([concernId]);
    expect(file.concernCount).toBe(1);
    const view = await call(app, 'concerns.get', { concernId });
    expect(view.pupils).toEqual([{ pupilId: amy.id, name: 'Amy Hughes', yearGroup: '5', part: 'subject' }]);
    expect(view.childDescribed).toBe(DESCRIBED);
    expect(view.matches).toEqual([{ pupilId: amy.id, matchedBy: 'Priya Jones', matchedAt: '2026-11-23T15:00:00.000Z' }]);
    // Now the year group's filter finds it too, through the new link.
    expect((await call(app, 'queue.concerns', { tab: 'all', filters: { yearGroup: '5' } })).rows.map((row) => row.id)).toEqual([concernId]);
  });

  it('writes an audit row naming the DSL, the concern and the pupil', async () => {
    const { app, amy, concernId } = await matched();
    await call(app, 'concerns.matchPupil', { concernId, pupilId: amy.id });
    const rows = app.store!.prepare("SELECT user_id AS userId, role, record_ids AS recordIds, outcome FROM audit_log WHERE command = 'concerns.matchPupil'").all() as Array<{ userId: string; role: string; recordIds: string; outcome: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: 'dsl', outcome: 'ok' });
    expect(JSON.parse(rows[0]!.recordIds)).toEqual([concernId, amy.id]);
  });

  it('lets a DSL match a second child the words named, but not the same child twice', async () => {
    const { app, amy, ben, concernId } = await matched();
    await call(app, 'concerns.matchPupil', { concernId, pupilId: amy.id });
    const again = await dispatch(app, 'concerns.matchPupil', { concernId, pupilId: amy.id }, personAt(app));
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: 'This concern is already matched to Amy Hughes.' } });
    await call(app, 'concerns.matchPupil', { concernId, pupilId: ben.id, part: 'involved' });
    expect((await call(app, 'concerns.get', { concernId })).pupils.map((pupil) => [pupil.name, pupil.part])).toEqual([
      ['Amy Hughes', 'subject'],
      ['Benjamin Hughes', 'involved'],
    ]);
  });

  it('refuses a pupil id that is not on the roster, and links nothing', async () => {
    const { app, concernId } = await matched();
    const forged = await dispatch(app, 'concerns.matchPupil', { concernId, pupilId: '0192f5a0-7c1e-7000-8000-00000000dead' }, personAt(app));
    expect(forged).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(app.store!.prepare('SELECT count(*) FROM concern_pupils WHERE concern_id = ?').pluck().get(concernId)).toBe(0);
  });

  it('refuses a concern id that does not exist, and one whose author chose the pupils from the list', async () => {
    const { app, amy, ben } = await school();
    const chosen = (await call(app, 'concerns.submit', describedConcern({ pupils: [{ pupilId: amy.id, part: 'subject' }], childDescribed: '' }))).id;
    await asDsl(app);
    expect(await dispatch(app, 'concerns.matchPupil', { concernId: '0192f5a0-7c1e-7000-8000-00000000beef', pupilId: amy.id }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Matching is for words waiting to be matched, not a way to add a child to what someone else recorded.
    expect(await dispatch(app, 'concerns.matchPupil', { concernId: chosen, pupilId: ben.id }, personAt(app))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await call(app, 'concerns.get', { concernId: chosen })).pupils.map((pupil) => pupil.name)).toEqual(['Amy Hughes']);
  });

  it('is refused to the author and to the headteacher, who do not keep children’s files', async () => {
    const { app, amy } = await school();
    const { id } = await call(app, 'concerns.submit', describedConcern());
    expect(await dispatch(app, 'concerns.matchPupil', { concernId: id, pupilId: amy.id }, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await signInAs(app, 'head.teacher', 'head own long password');
    expect(await dispatch(app, 'concerns.matchPupil', { concernId: id, pupilId: amy.id }, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(app.store!.prepare('SELECT count(*) FROM concern_pupils').pluck().get()).toBe(0);
  });

  it('shows the author their own words, not the DSL’s match', async () => {
    const { app, amy, concernId } = await matched();
    await call(app, 'concerns.matchPupil', { concernId, pupilId: amy.id });
    await signInAs(app, 'ta.smith', 'smith own password');
    expect(await call(app, 'concerns.get', { concernId })).toMatchObject({ pupils: [], childDescribed: DESCRIBED, matches: [] });
    expect(await call(app, 'concerns.mine', {})).toEqual([expect.objectContaining({ pupilNames: [], childDescribed: DESCRIBED })]);
  });

  it('never lets the words, or who matched, be changed afterwards', async () => {
    const { app, amy, concernId } = await matched();
    await call(app, 'concerns.matchPupil', { concernId, pupilId: amy.id });
    const db = app.store!;
    expect(() => db.prepare("UPDATE concerns SET child_described = 'someone else' WHERE id = ?").run(concernId)).toThrow(/cannot be edited/);
    expect(() => db.prepare('UPDATE concern_pupils SET matched_by = NULL WHERE concern_id = ?').run(concernId)).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM concern_pupils WHERE concern_id = ?').run(concernId)).toThrow(/cannot lose a pupil/);
  });
});
