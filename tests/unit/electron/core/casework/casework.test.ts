import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/core';
import { DSL_PASSWORD, addAccount, call, newApp, setUpSchool, signInFirstTime, tempDataDir, daysPassWhileSignedIn, versionNow } from '../testSchool';
import { personAt } from '../../../../fixtures/doors/callers';

async function school(start: string) {
  let now = new Date(start);
  const app = newApp(tempDataDir(), { clock: () => now, ...daysPassWhileSignedIn });
  const { user: dsl } = await setUpSchool(app);
  const amy = await call(app, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H' });
  const { id: concernId } = await call(app, 'concerns.submit', {
    pupils: [{ pupilId: amy.id, part: 'subject' }],
    occurredDate: start.slice(0, 10),
    occurredTime: '08:00',
    whatHappened: 'Bruise on left forearm.',
    childWords: 'Dad grabbed me.',
    categories: ['physical-abuse'],
  });
  return { app, dsl, amy, concernId, setNow: (next: string) => (now = new Date(next)) };
}

describe('the concern lifecycle', () => {
  it('needs an outcome and a reason to close, and never reopens a closed concern', async () => {
    const { app, concernId } = await school('2026-11-23T10:00:00Z');
    const noReason = await dispatch(app, 'concerns.close', { concernId: concernId, version: versionNow(app, 'concern', concernId), outcome: 'no_further_action', reason: '  ' }, personAt(app));
    expect(noReason).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { reason: [expect.any(String)] } } });
    await call(app, 'concerns.close', { concernId: concernId, version: versionNow(app, 'concern', concernId), outcome: 'monitored_resolved', reason: 'Explained by a PE accident, confirmed by the PE teacher.' });
    expect(await dispatch(app, 'concerns.open', { concernId }, personAt(app))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await dispatch(app, 'concerns.close', { concernId: concernId, version: versionNow(app, 'concern', concernId), outcome: 'other', reason: 'again' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(() => app.store!.prepare("UPDATE concerns SET status = 'open' WHERE id = ?").run(concernId)).toThrow(/cannot be reopened/);
    const closed = await call(app, 'queue.concerns', { tab: 'closed' });
    expect(closed.rows.map((row) => row.id)).toEqual([concernId]);
  });

  it('puts immediate danger first, then the longest waiting, and counts each tab', async () => {
    const { app, amy, concernId, setNow } = await school('2026-11-23T10:00:00Z');
    setNow('2026-11-23T11:00:00Z');
    const { id: danger } = await call(app, 'concerns.submit', { pupils: [{ pupilId: amy.id, part: 'subject' }], occurredDate: '2026-11-23', occurredTime: '10:55', whatHappened: 'Says she is scared to go home tonight.', immediateDanger: true, spokenToDslInPerson: 'yes' });
    const page = await call(app, 'queue.concerns', { tab: 'new' });
    expect(page.rows.map((row) => row.id)).toEqual([danger, concernId]);
    expect(page.total).toBe(2);
    expect(await call(app, 'queue.counts', {})).toMatchObject({ new: 2, open: 0 });
    expect((await call(app, 'queue.concerns', { tab: 'new', filters: { category: 'physical-abuse' } })).rows.map((row) => row.id)).toEqual([concernId]);
    expect((await call(app, 'queue.concerns', { tab: 'new', filters: { yearGroup: '7' } })).total).toBe(0);
  });
});

describe('the queue’s filters', () => {
  /** Concerns logged at these UTC instants; the first one's London date is 1 July (BST), not 30 June. */
  const LOGGED = [
    { at: '2026-06-30T23:30:00Z', pupil: 'amy', categories: ['neglect'] },
    { at: '2026-06-30T12:00:00Z', pupil: 'amy', categories: ['neglect', 'mental-health'] },
    { at: '2026-07-02T09:00:00Z', pupil: 'ben', categories: ['neglect'], immediateDanger: true },
    { at: '2026-07-03T09:00:00Z', pupil: 'both', categories: ['online-safety'] },
    { at: '2026-07-06T09:00:00Z', pupil: 'cal', categories: ['neglect'] },
    { at: '2026-07-07T09:00:00Z', pupil: 'ben', categories: [] },
    { at: '2026-07-08T09:00:00Z', pupil: 'cal', categories: ['neglect'], urgent: true },
    { at: '2026-07-09T09:00:00Z', pupil: 'amy', categories: ['mental-health'] },
  ] as const;

  it('combines category, year group and London dates, in every order and across pages, as the counts say', async () => {
    let now = new Date(LOGGED[0].at);
    const app = newApp(tempDataDir(), { clock: () => now, ...daysPassWhileSignedIn });
    await setUpSchool(app);
    const pupil = async (first: string, yearGroup: string) => (await call(app, 'pupils.create', { legalFirstName: first, legalLastName: 'Test', dateOfBirth: '2014-01-01', yearGroup })).id;
    const ids = { amy: await pupil('Amy', '7'), ben: await pupil('Ben', '7'), cal: await pupil('Cal', '9') };
    const years: Record<string, string[]> = { amy: ['7'], ben: ['7'], cal: ['9'], both: ['7', '9'] };
    const model: Array<{ id: string; at: string; londonDate: string; categories: readonly string[]; years: string[]; danger: boolean; urgent: boolean; status: string }> = [];
    for (const entry of LOGGED) {
      now = new Date(entry.at);
      const londonDate = now.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
      const pupils = entry.pupil === 'both' ? [ids.amy, ids.cal] : [ids[entry.pupil]];
      const { id } = await call(app, 'concerns.submit', {
        pupils: pupils.map((pupilId) => ({ pupilId, part: 'subject' as const })),
        occurredDate: londonDate,
        occurredTime: '00:01',
        whatHappened: `Logged at ${entry.at}.`,
        categories: [...entry.categories],
        immediateDanger: 'immediateDanger' in entry,
        urgent: 'urgent' in entry,
        ...('immediateDanger' in entry || 'urgent' in entry ? { spokenToDslInPerson: 'yes' as const } : {}),
      });
      model.push({ id, at: now.toISOString(), londonDate, categories: entry.categories, years: years[entry.pupil]!, danger: 'immediateDanger' in entry, urgent: 'urgent' in entry, status: 'new' });
    }
    // Two are opened as part of a case: the 'open' tab, no longer 'new'.
    for (const index of [1, 4]) {
      await call(app, 'concerns.open', { concernId: model[index]!.id });
      model[index]!.status = 'open';
    }
    const filterSets = [
      { category: 'neglect' },
      { category: 'neglect', yearGroup: '7' },
      { yearGroup: '9' },
      { from: '2026-07-01', to: '2026-07-06' },
      { category: 'neglect', from: '2026-07-01', to: '2026-07-07' },
      { category: 'neglect', yearGroup: '7', to: '2026-06-30' },
      { yearGroup: '7', from: '2026-07-03' },
    ];
    const order = {
      newest: (a: (typeof model)[number], b: (typeof model)[number]) => b.at.localeCompare(a.at),
      oldest: (a: (typeof model)[number], b: (typeof model)[number]) => a.at.localeCompare(b.at),
      priority: (a: (typeof model)[number], b: (typeof model)[number]) => Number(b.danger) - Number(a.danger) || Number(b.urgent) - Number(a.urgent) || a.at.localeCompare(b.at),
    };
    for (const filters of filterSets) {
      const matches = model.filter(
        (row) =>
          (!filters.category || row.categories.includes(filters.category)) &&
          (!filters.yearGroup || row.years.includes(filters.yearGroup)) &&
          (!filters.from || row.londonDate >= filters.from) &&
          (!filters.to || row.londonDate <= filters.to),
      );
      for (const tab of ['all', 'new', 'open'] as const) {
        const inTab = matches.filter((row) => tab === 'all' || (tab === 'new' ? row.status === 'new' : row.status === 'open'));
        for (const sort of ['newest', 'oldest', 'priority'] as const) {
          const pages: string[] = [];
          for (let offset = 0; offset < 8; offset += 2) {
            const page = await call(app, 'queue.concerns', { tab, filters, sort, offset, limit: 2 });
            expect(page.total, `${JSON.stringify(filters)} ${tab}`).toBe(inTab.length);
            pages.push(...page.rows.map((row) => row.id));
          }
          expect(pages, `${JSON.stringify(filters)} ${tab} ${sort}`).toEqual([...inTab].sort(order[sort]).map((row) => row.id));
        }
      }
      expect(await call(app, 'queue.counts', { filters })).toMatchObject({
        new: matches.filter((row) => row.status === 'new').length,
        open: matches.filter((row) => row.status === 'open').length,
      });
    }

    // The year group is the pupil's on the roster now: when Cal moves from Year 9 to Year 10, his concerns follow.
    const cal = await call(app, 'pupils.get', { pupilId: ids.cal });
    await call(app, 'pupils.update', { pupilId: ids.cal, version: versionNow(app, 'pupil', ids.cal), details: { ...cal.details, yearGroup: '10' } });
    const calsConcerns = model.filter((row) => row.years.includes('9')).map((row) => row.id);
    for (const filters of [{ yearGroup: '10' }, { yearGroup: '10', category: 'neglect' }]) {
      const page = await call(app, 'queue.concerns', { tab: 'all', filters, sort: 'oldest', limit: 50 });
      const expected = model.filter((row) => calsConcerns.includes(row.id) && (!filters.category || row.categories.includes(filters.category)));
      expect(page.rows.map((row) => row.id)).toEqual(expected.map((row) => row.id));
    }
    expect((await call(app, 'queue.concerns', { tab: 'all', filters: { yearGroup: '9' } })).total).toBe(0);
  });
});

describe('decisions and information sharing', () => {
  it('records the reasons for a decision not to refer, and logs that nothing was shared', async () => {
    const { app, amy, concernId } = await school('2026-11-23T10:00:00Z');
    const missingReason = await dispatch(app, 'decisions.record', { pupilId: amy.id, concernId, decision: 'monitor', reasons: '', consent: 'not_sought', consentReason: '' }, personAt(app));
    expect(missingReason.ok).toBe(false);
    if (!missingReason.ok) expect(Object.keys(missingReason.error.fields ?? {})).toEqual(expect.arrayContaining(['reasons', 'consentReason']));
    await call(app, 'decisions.record', { pupilId: amy.id, concernId, decision: 'monitor', reasons: 'First concern; explanation plausible; monitor for 4 weeks.', consent: 'not_sought', consentReason: 'No information shared outside school.' });
    const log = await call(app, 'sharing.log', { pupilId: amy.id });
    expect(log).toEqual([expect.objectContaining({ shared: false, withWhom: 'No one' })]);
    expect((await call(app, 'queue.concerns', { tab: 'open' })).rows.map((row) => row.id)).toEqual([concernId]);
  });

  it('refuses a sharing decision that does not say what was shared, and a concern about another child', async () => {
    const { app, amy, concernId } = await school('2026-11-23T10:00:00Z');
    const other = await call(app, 'pupils.create', { upn: 'B123456789003', legalFirstName: 'Ben', legalLastName: 'Cole', dateOfBirth: '2015-01-01' });
    expect(await dispatch(app, 'decisions.record', { pupilId: amy.id, decision: 'mash_referral', reasons: 'Disclosure of physical harm.', consent: 'given' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(app, 'decisions.record', { pupilId: other.id, concernId, decision: 'monitor', reasons: 'x', consent: 'given' }, personAt(app))).toMatchObject({ ok: false, error: { fields: { concernId: [expect.any(String)] } } });
    void amy;
  });
});

describe('one act of sharing', () => {
  it('writes one entry in the information-sharing log for a decision to refer and the referral that carries it out, linked from both', async () => {
    const { app, amy, concernId } = await school('2026-11-23T10:00:00Z');
    const { id: decisionId } = await call(app, 'decisions.record', { pupilId: amy.id, concernId, decision: 'mash_referral', reasons: 'Disclosure of harm.', consent: 'not_sought', consentReason: 'Risk of harm.', sharing: { what: 'Concern and disclosure', withWhom: 'Front door', lawfulBasis: 'safeguarding_children' } });
    const { id: referralId } = await call(app, 'referrals.create', { pupilId: amy.id, decisionId, agency: 'mash', contact: { name: 'Front door' }, method: 'phone', referredOn: '2026-11-23', referredAtTime: '10:00', whatShared: 'Concern and disclosure', consent: 'not_sought', consentReason: 'Risk of harm.' });
    expect(await call(app, 'sharing.log', { pupilId: amy.id })).toEqual([expect.objectContaining({ shared: true, decisionId, referralId, what: 'Concern and disclosure' })]);
    expect((await call(app, 'children.chronology', { pupilId: amy.id })).filter((entry) => entry.kind === 'sharing')).toHaveLength(1);
    // A second referral on the same decision is a second act of sharing.
    await call(app, 'referrals.create', { pupilId: amy.id, decisionId, agency: 'police', contact: { name: 'Police' }, method: 'phone', referredOn: '2026-11-23', referredAtTime: '10:00', whatShared: 'Disclosure', consent: 'not_sought', consentReason: 'Risk of harm.' });
    expect(await call(app, 'sharing.log', { pupilId: amy.id })).toHaveLength(2);
  });
});

describe('referrals against the clock', () => {
  it('makes the acknowledgement due at the end of the next working day, across a bank-holiday weekend', async () => {
    // Friday 28/08/2026, before the August bank holiday (Monday 31/08/2026).
    const { app, amy, setNow } = await school('2026-08-28T13:00:00Z');
    const referral = await call(app, 'referrals.create', {
      pupilId: amy.id,
      agency: 'mash',
      contact: { name: 'Worcestershire Family Front Door', phone: '01905 822666' },
      method: 'phone',
      referredOn: '2026-08-28',
      referredAtTime: '14:00',
      whatShared: 'The concern of 28/08/2026 and Amy’s words.',
      consent: 'not_sought',
      consentReason: 'Seeking consent could place Amy at further risk.',
    });
    expect(referral.acknowledgementDue).toBe('2026-09-01T22:59:59.999Z'); // end of Tuesday 01/09/2026, BST
    setNow('2026-09-01T20:00:00Z');
    expect((await call(app, 'queue.referrals', {}))[0]).toMatchObject({ clock: 'awaiting_acknowledgement', workingDaysOverdue: 0 });
    setNow('2026-09-02T08:00:00Z');
    expect((await call(app, 'queue.referrals', {}))[0]).toMatchObject({ clock: 'acknowledgement_overdue', workingDaysOverdue: 1 });
    expect((await call(app, 'queue.counts', {})).referralsOverdue).toBe(1);
    await call(app, 'referrals.chase', { referralId: referral.id, method: 'phone', note: 'Called the front door; told it is with a social worker.' });
    await call(app, 'referrals.acknowledge', { referralId: referral.id, version: versionNow(app, 'referral', referral.id), acknowledgedOn: '2026-09-02', acknowledgedAtTime: '10:00', reference: 'FFD-12345' });
    expect((await call(app, 'queue.referrals', {}))[0]).toMatchObject({ clock: 'awaiting_outcome', chases: 1, reference: 'FFD-12345' });
    const sharing = await call(app, 'sharing.log', { pupilId: amy.id });
    expect(sharing).toEqual([expect.objectContaining({ shared: true, withWhom: 'Worcestershire Family Front Door', consent: 'not_sought' })]);
  });

  it('follows the escalation stages to a resolve-by date in working days', async () => {
    const { app, amy } = await school('2026-11-23T10:00:00Z');
    const referral = await call(app, 'referrals.create', { pupilId: amy.id, agency: 'mash', contact: { name: 'MASH' }, method: 'online_form', referredOn: '2026-11-23', referredAtTime: '09:00', whatShared: 'Concern.', consent: 'given' });
    await call(app, 'referrals.recordOutcome', { referralId: referral.id, version: versionNow(app, 'referral', referral.id), outcome: 'no_further_action', summary: 'NFA: threshold not met.', outcomeOn: '2026-11-23' });
    const stages = [1, 2, 2, 2, 2, 1].map((workingDays, index) => ({ title: `Stage ${index + 1}`, workingDays }));
    const escalation = await call(app, 'referrals.escalate', { referralId: referral.id, disagreement: 'Four concerns in a month; we disagree with NFA.', stages });
    expect(escalation.resolveBy).toBe('2026-12-07T23:59:59.999Z'); // 10 working days after Monday 23/11/2026
    await call(app, 'escalations.step', { escalationId: escalation.id, stage: 1, note: 'Spoke to the team manager.' });
    expect(await dispatch(app, 'escalations.step', { escalationId: escalation.id, stage: 7, note: 'x' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('the child’s file', () => {
  it('is for DSLs only: a staff or head session cannot read it by any id', async () => {
    const { app, amy } = await school('2026-11-23T10:00:00Z');
    await addAccount(app, 'teacher.one', 'staff', 'teaching', 'temporary password 1');
    await addAccount(app, 'the.head', 'head', 'leadership', 'temporary password 2');
    for (const [username, temporary] of [['teacher.one', 'temporary password 1'], ['the.head', 'temporary password 2']] as const) {
      await call(app, 'session.signOut', {});
      await signInFirstTime(app, username, temporary, `${username} own password`);
      for (const name of ['children.file', 'children.chronology', 'sharing.log'] as const) {
        expect(await dispatch(app, name, { pupilId: amy.id }, personAt(app)), `${username} ${name}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      expect(await dispatch(app, 'queue.concerns', { tab: 'new' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await call(app, 'session.signOut', {});
    await call(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
  });

  it('shows everything in date order in the chronology, and audits the view', async () => {
    const { app, dsl, amy, concernId, setNow } = await school('2026-11-23T10:00:00Z');
    await call(app, 'children.addEvent', { pupilId: amy.id, kind: 'operation_encompass', occurredOn: '2026-11-22', occurredAtTime: '23:10', summary: 'Police attended a domestic incident at home; Amy present.' });
    await call(app, 'decisions.record', { pupilId: amy.id, concernId, decision: 'mash_referral', reasons: 'Disclosure plus Operation Encompass.', consent: 'not_sought', consentReason: 'Risk of harm.', sharing: { what: 'Concern and disclosure', withWhom: 'Front door', lawfulBasis: 'safeguarding_children' } });
    await call(app, 'children.addFlag', { pupilId: amy.id, flag: 'child_in_need', startDate: '2026-11-20', source: 'CIN plan letter' });
    setNow('2026-11-24T10:00:00Z');
    await call(app, 'actions.create', { pupilId: amy.id, title: 'Check in with Amy each morning', ownerId: dsl.id, dueOn: '2026-11-25' });
    const entries = await call(app, 'children.chronology', { pupilId: amy.id });
    expect(entries.map((entry) => entry.kind)).toEqual(['flag', 'event', 'concern', 'decision', 'sharing', 'action']);
    expect(entries.map((entry) => entry.at)).toEqual([...entries.map((entry) => entry.at)].sort());
    const significant = await call(app, 'children.chronology', { pupilId: amy.id, significantOnly: true });
    expect(significant.map((entry) => entry.kind)).toEqual(['flag', 'event', 'decision']);
    const file = await call(app, 'children.file', { pupilId: amy.id });
    expect(file.flags).toEqual([expect.objectContaining({ flag: 'child_in_need', current: true })]);
    expect(file.openActions).toEqual([expect.objectContaining({ title: 'Check in with Amy each morning', overdue: false })]);
    const views = app.store!.prepare("SELECT record_ids FROM audit_log WHERE command IN ('children.file', 'children.chronology')").pluck().all() as string[];
    expect(views).toEqual([JSON.stringify([amy.id]), JSON.stringify([amy.id]), JSON.stringify([amy.id])]);
  });

  it('keeps a decision’s reasons whole in the chronology, however long', async () => {
    const { app, amy, concernId } = await school('2026-11-23T10:00:00Z');
    const reasons = `Not safe to speak to parents first. ${'Amy described being locked in the cellar overnight, more than once this term. '.repeat(12)}Closing words: strategy discussion requested.`;
    await call(app, 'decisions.record', { pupilId: amy.id, concernId, decision: 'mash_referral', reasons, consent: 'not_sought', consentReason: 'Risk of harm.', sharing: { what: 'Concern and disclosure', withWhom: 'Front door', lawfulBasis: 'safeguarding_children' } });
    const decision = (await call(app, 'children.chronology', { pupilId: amy.id })).find((entry) => entry.kind === 'decision')!;
    expect(reasons.length).toBeGreaterThan(1000);
    expect(decision.detail).toContain(reasons);
    expect(decision.detail).not.toContain('…');
  });

  it('puts a decision before the referral that followed it in the same minute', async () => {
    const { app, amy, concernId, setNow } = await school('2026-11-23T10:00:00Z');
    setNow('2026-11-23T10:15:42.123Z');
    const { id: decisionId } = await call(app, 'decisions.record', { pupilId: amy.id, concernId, decision: 'mash_referral', reasons: 'Disclosure of harm.', consent: 'not_sought', consentReason: 'Risk of harm.', sharing: { what: 'Concern and disclosure', withWhom: 'Front door', lawfulBasis: 'safeguarding_children' } });
    // The DSL phones the front door at once and types the time to the minute, as people do.
    setNow('2026-11-23T10:15:58.000Z');
    await call(app, 'referrals.create', { pupilId: amy.id, decisionId, agency: 'mash', contact: { name: 'Front door' }, method: 'phone', referredOn: '2026-11-23', referredAtTime: '10:15', whatShared: 'Concern and disclosure', consent: 'not_sought', consentReason: 'Risk of harm.' });
    const kinds = (await call(app, 'children.chronology', { pupilId: amy.id })).map((entry) => entry.kind);
    expect(kinds.indexOf('decision')).toBeLessThan(kinds.indexOf('referral'));
    // With a clock that does not move at all, the order of entry still decides.
    const still = await school('2026-11-23T10:00:00Z');
    const { id: stillDecision } = await call(still.app, 'decisions.record', { pupilId: still.amy.id, concernId: still.concernId, decision: 'police', reasons: 'Crime in progress.', consent: 'not_sought', consentReason: 'Risk of harm.', sharing: { what: 'Disclosure', withWhom: 'Police', lawfulBasis: 'safeguarding_children' } });
    await call(still.app, 'referrals.create', { pupilId: still.amy.id, decisionId: stillDecision, agency: 'police', contact: { name: 'Police' }, method: 'phone', referredOn: '2026-11-23', referredAtTime: '10:00', whatShared: 'Disclosure', consent: 'not_sought', consentReason: 'Risk of harm.' });
    const stillKinds = (await call(still.app, 'children.chronology', { pupilId: still.amy.id })).map((entry) => entry.kind);
    expect(stillKinds.indexOf('decision')).toBeLessThan(stillKinds.indexOf('referral'));
  });

    it('makes a review recur at its interval', async () => {
    const { app, dsl, amy } = await school('2026-11-23T10:00:00Z');
    const review = await call(app, 'reviews.create', { pupilId: amy.id, title: 'Early help review', intervalDays: 28, firstDueOn: '2026-11-23', ownerId: dsl.id });
    expect((await call(app, 'queue.reviews', {})).map((row) => row.id)).toEqual([review.id]);
    expect(await call(app, 'reviews.record', { reviewId: review.id, version: versionNow(app, 'review', review.id), notes: 'Attendance improving.' })).toEqual({ nextDueOn: '2026-12-21' });
    expect(await call(app, 'queue.reviews', {})).toEqual([]);
  });
});
