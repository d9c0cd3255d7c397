// The DSL's casework commands that had no test of their own: what each does, read back the way the DSL sees it
// (the queue, the child's file, the sharing log), and what each refuses. Real dispatch on a real encrypted store.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/core';
import { addAccount, call, newApp, setUpSchool, tempDataDir, daysPassWhileSignedIn, versionNow } from '../testSchool';
import { personAt } from '../../../../fixtures/doors/callers';

async function school(start = '2026-11-23T10:00:00Z') {
  let now = new Date(start);
  const app = newApp(tempDataDir(), { clock: () => now, ...daysPassWhileSignedIn });
  const { user: dsl } = await setUpSchool(app);
  const amy = await call(app, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H' });
  const ben = await call(app, 'pupils.create', { upn: 'P123456789013', legalFirstName: 'Benjamin', legalLastName: 'Hughes', dateOfBirth: '2018-07-21', yearGroup: '3', registrationGroup: '3K' });
  const logConcern = async (whatHappened: string) =>
    (await call(app, 'concerns.submit', { pupils: [{ pupilId: amy.id, part: 'subject' }, { pupilId: ben.id, part: 'witness' }], occurredDate: start.slice(0, 10), occurredTime: '08:00', whatHappened })).id;
  return { app, dsl, amy, ben, logConcern, setNow: (next: string) => (now = new Date(next)) };
}

describe('assigning a concern to a DSL', () => {
  it('shows the deputy on the queue row and in the assigned-to filter, and refuses a non-DSL, a disabled DSL or a closed concern', async () => {
    const { app, logConcern } = await school();
    const concernId = await logConcern('Bruise on left forearm.');
    const other = await logConcern('Late again, hungry.');
    const deputy = await addAccount(app, 'deputy.khan', 'dsl', 'leadership');
    const teacher = await addAccount(app, 'teacher.one', 'staff');
    await call(app, 'concerns.assign', { concernId: concernId, version: versionNow(app, 'concern', concernId), assignTo: deputy.id, handoverNote: 'Please speak to Mum at pick-up.' });

    const rows = (await call(app, 'queue.concerns', { tab: 'all' })).rows;
    expect(rows.find((row) => row.id === concernId)).toMatchObject({ assignedTo: deputy.id, assignedToName: 'deputy.khan' });
    expect(rows.find((row) => row.id === other)).toMatchObject({ assignedTo: null });
    expect((await call(app, 'queue.concerns', { tab: 'all', filters: { assignedTo: deputy.id } })).rows.map((row) => row.id)).toEqual([concernId]);
    const note = app.store!.prepare('SELECT handover_note FROM assignments WHERE concern_id = ?').pluck().get(concernId);
    expect(note).toBe('Please speak to Mum at pick-up.');

    expect(await dispatch(app, 'concerns.assign', { concernId: other, version: versionNow(app, 'concern', other), assignTo: teacher.id }, personAt(app))).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { assignTo: ['Choose an active DSL or deputy'] } } });
    // A deputy who has left cannot open the concern any more, so cannot be given it.
    const leaver = await addAccount(app, 'deputy.left', 'dsl', 'leadership');
    await call(app, 'accounts.disable', { userId: leaver.id, version: versionNow(app, 'account', leaver.id), reason: 'Left the school.' });
    expect(await dispatch(app, 'concerns.assign', { concernId: other, version: versionNow(app, 'concern', other), assignTo: leaver.id }, personAt(app))).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { assignTo: ['Choose an active DSL or deputy'] } } });
    await call(app, 'concerns.close', { concernId: other, version: versionNow(app, 'concern', other), outcome: 'monitored_resolved', reason: 'Breakfast club place arranged.' });
    expect(await dispatch(app, 'concerns.assign', { concernId: other, version: versionNow(app, 'concern', other), assignTo: deputy.id }, personAt(app))).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('linking concerns and refining a pupil’s part', () => {
  it('links new information to the old concern once, and never a concern to itself', async () => {
    const { app, logConcern } = await school();
    const first = await logConcern('Bruise on left forearm.');
    const later = await logConcern('Another bruise, same arm.');
    await call(app, 'concerns.link', { concernId: later, linkedConcernId: first, note: 'Same injury pattern.' });
    await call(app, 'concerns.link', { concernId: later, linkedConcernId: first, note: 'Clicked twice.' });
    const links = app.store!.prepare('SELECT concern_id AS concernId, linked_concern_id AS linkedConcernId, note FROM concern_links').all();
    expect(links).toEqual([{ concernId: later, linkedConcernId: first, note: 'Same injury pattern.' }]);
    expect(await dispatch(app, 'concerns.link', { concernId: first, linkedConcernId: first }, personAt(app))).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { linkedConcernId: ['Choose another concern'] } } });
    expect(await dispatch(app, 'concerns.link', { concernId: first, linkedConcernId: '01900000-0000-7000-8000-000000000000' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('records the DSL’s view of a pupil’s part without changing what the member of staff wrote', async () => {
    const { app, ben, amy, logConcern } = await school();
    const concernId = await logConcern('Ben saw Dad grab Amy.');
    await call(app, 'concerns.refinePart', { concernId, pupilId: ben.id, part: 'harmed' });
    const parts = app.store!.prepare('SELECT pupil_id AS pupilId, part, dsl_part AS dslPart FROM concern_pupils WHERE concern_id = ? ORDER BY part').all(concernId);
    expect(parts).toEqual(
      expect.arrayContaining([
        { pupilId: ben.id, part: 'witness', dslPart: 'harmed' },
        { pupilId: amy.id, part: 'subject', dslPart: null },
      ]),
    );
    expect(parts).toHaveLength(2);
    const stranger = await call(app, 'pupils.create', { legalFirstName: 'Cal', legalLastName: 'Test', dateOfBirth: '2015-01-01', yearGroup: '6' });
    expect(await dispatch(app, 'concerns.refinePart', { concernId, pupilId: stranger.id, part: 'harmed' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('recording information sharing', () => {
  it('keeps a decision to share and a decision not to, with the London time, the basis and who recorded it', async () => {
    const { app, amy } = await school('2026-07-01T15:00:00Z');
    await call(app, 'sharing.record', { pupilId: amy.id, shared: true, what: 'Attendance and the concern of 01/07/2026.', withWhom: 'School nurse', sharedOn: '2026-07-01', sharedAtTime: '14:30', lawfulBasis: 'safeguarding_children', consent: 'given' });
    await call(app, 'sharing.record', { pupilId: amy.id, shared: false, what: 'Home address', withWhom: 'Father (no parental responsibility)', sharedOn: '2026-07-01', sharedAtTime: '15:10', lawfulBasis: 'safeguarding_children', consent: 'not_sought', consentReason: 'Court order in place.' });
    expect(await call(app, 'sharing.log', { pupilId: amy.id })).toEqual([
      expect.objectContaining({ shared: true, withWhom: 'School nurse', sharedAt: '2026-07-01T13:30:00.000Z', lawfulBasis: 'safeguarding_children', consent: 'given', recordedBy: 'Priya Jones' }),
      expect.objectContaining({ shared: false, what: 'Home address', sharedAt: '2026-07-01T14:10:00.000Z', consent: 'not_sought', consentReason: 'Court order in place.' }),
    ]);
  });

  it('asks why consent was not sought, next to that field, and stores nothing', async () => {
    const { app, amy } = await school();
    const result = await dispatch(app, 'sharing.record', { pupilId: amy.id, shared: true, what: 'Concern', withWhom: 'MASH', sharedOn: '2026-11-23', sharedAtTime: '09:00', lawfulBasis: 'safeguarding_children', consent: 'not_sought', consentReason: ' ' }, personAt(app));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { consentReason: ['Say why consent was not sought'] } } });
    expect(await call(app, 'sharing.log', { pupilId: amy.id })).toEqual([]);
  });
});

describe('actions', () => {
  it('lists open actions due within the window, overdue first, and drops one once it is done', async () => {
    const { app, amy, dsl } = await school('2026-11-23T10:00:00Z');
    const overdue = await call(app, 'actions.create', { pupilId: amy.id, title: 'Phone the GP', ownerId: dsl.id, dueOn: '2026-11-20' });
    const soon = await call(app, 'actions.create', { pupilId: amy.id, title: 'Meet Mum', ownerId: dsl.id, dueOn: '2026-11-30' });
    const later = await call(app, 'actions.create', { pupilId: amy.id, title: 'Review attendance', ownerId: dsl.id, dueOn: '2026-12-15' });

    const dueThisWeek = await call(app, 'queue.actions', { withinDays: 7 });
    expect(dueThisWeek.map((action) => [action.id, action.overdue, action.pupilName])).toEqual([
      [overdue.id, true, 'Amy Hughes'],
      [soon.id, false, 'Amy Hughes'],
    ]);
    expect((await call(app, 'queue.actions', { withinDays: 30 })).map((action) => action.id)).toEqual([overdue.id, soon.id, later.id]);

    await call(app, 'actions.complete', { actionId: overdue.id, version: versionNow(app, 'action', overdue.id), notes: 'GP confirms the appointment on 19/11/2026.' });
    expect((await call(app, 'queue.actions', { withinDays: 7 })).map((action) => action.id)).toEqual([soon.id]);
    expect((await call(app, 'children.file', { pupilId: amy.id })).openActions.map((action) => action.id)).toEqual([soon.id, later.id]);
    expect(await dispatch(app, 'actions.complete', { actionId: overdue.id, version: versionNow(app, 'action', overdue.id), notes: 'Again' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(app, 'actions.complete', { actionId: soon.id, version: versionNow(app, 'action', soon.id), notes: '  ' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { notes: ['Say what was done'] } } });
  });
});

describe('escalations', () => {
  it('resolves once: the referral shows it resolved, and no further step or resolution is taken', async () => {
    const { app, amy, setNow } = await school();
    const referral = await call(app, 'referrals.create', { pupilId: amy.id, agency: 'mash', contact: { name: 'MASH' }, method: 'online_form', referredOn: '2026-11-23', referredAtTime: '09:00', whatShared: 'Concern.', consent: 'given' });
    await call(app, 'referrals.recordOutcome', { referralId: referral.id, version: versionNow(app, 'referral', referral.id), outcome: 'no_further_action', summary: 'NFA.', outcomeOn: '2026-11-23' });
    const escalation = await call(app, 'referrals.escalate', { referralId: referral.id, disagreement: 'We disagree with NFA.', stages: [{ title: 'Team manager', workingDays: 2 }] });
    setNow('2026-11-24T16:00:00Z');
    await call(app, 'escalations.resolve', { escalationId: escalation.id, version: versionNow(app, 'escalation', escalation.id), resolution: 'Team manager agreed to an assessment.' });

    const [clock] = (await call(app, 'children.file', { pupilId: amy.id })).referrals;
    expect(clock?.escalation).toMatchObject({ id: escalation.id, resolvedAt: '2026-11-24T16:00:00.000Z' });
    expect(await dispatch(app, 'escalations.step', { escalationId: escalation.id, stage: 1, note: 'Late note' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await dispatch(app, 'escalations.resolve', { escalationId: escalation.id, version: versionNow(app, 'escalation', escalation.id), resolution: 'Again' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await dispatch(app, 'escalations.resolve', { escalationId: '01900000-0000-7000-8000-000000000000', version: 1, resolution: 'x' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('status flags on the child’s file', () => {
  it('ends a flag so it is no longer current, and refuses an end before the start', async () => {
    const { app, amy } = await school('2026-11-23T10:00:00Z');
    const { id: flagId } = await call(app, 'children.addFlag', { pupilId: amy.id, flag: 'cp_plan', startDate: '2026-03-01', source: 'Initial child protection conference' });
    expect((await call(app, 'children.file', { pupilId: amy.id })).flags).toEqual([expect.objectContaining({ id: flagId, current: true, endDate: null })]);
    expect(await dispatch(app, 'children.endFlag', { flagId: flagId, version: versionNow(app, 'flag', flagId), endDate: '2026-02-28' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { endDate: ['The end date must be on or after the start date'] } } });
    await call(app, 'children.endFlag', { flagId: flagId, version: versionNow(app, 'flag', flagId), endDate: '2026-11-20' });
    expect((await call(app, 'children.file', { pupilId: amy.id })).flags).toEqual([expect.objectContaining({ id: flagId, current: false, endDate: '2026-11-20' })]);
  });
});
