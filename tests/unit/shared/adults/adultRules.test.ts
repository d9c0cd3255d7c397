// The pure rules behind concerns about adults: routing, who may read, retention by outcome and the LADO clock.
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../../shared/calendar';
import { adultConcernRetention, ladoClock, ladoConsultationDue, mayChangeAdultRoleHolders, mayReadAdultConcern, normalPensionAge, routeAdultConcern, type AdultRoleHolders } from '../../../../shared/api';

const holders: AdultRoleHolders = { headteacherUserId: 'head', chairOfGovernorsUserId: 'chair', dslUserId: 'dsl', lowLevelTo: 'headteacher', headIsProprietor: false };

describe('routing a concern about an adult', () => {
  it('sends a low-level concern to the head, or to the named DSL where the policy says so, unless it is about them', () => {
    expect(routeAdultConcern({ kind: 'low_level', subjectUserId: 'ta' }, holders)).toEqual({ to: 'headteacher', userId: 'head', ladoDirectly: false });
    const dslPolicy = { ...holders, lowLevelTo: 'dsl' as const };
    expect(routeAdultConcern({ kind: 'low_level', subjectUserId: 'ta' }, dslPolicy)).toEqual({ to: 'dsl', userId: 'dsl', ladoDirectly: false });
    expect(routeAdultConcern({ kind: 'low_level', subjectUserId: 'dsl' }, dslPolicy)).toEqual({ to: 'headteacher', userId: 'head', ladoDirectly: false });
    expect(routeAdultConcern({ kind: 'allegation', subjectUserId: 'ta' }, dslPolicy).to).toBe('headteacher');
  });

  it('sends anything about the head to the chair, and an allegation straight to the LADO where the head is the proprietor', () => {
    expect(routeAdultConcern({ kind: 'low_level', subjectUserId: 'head' }, holders)).toEqual({ to: 'chair_of_governors', userId: 'chair', ladoDirectly: false });
    expect(routeAdultConcern({ kind: 'allegation', subjectUserId: 'head' }, { ...holders, headIsProprietor: true })).toEqual({ to: 'chair_of_governors', userId: 'chair', ladoDirectly: true });
    expect(routeAdultConcern({ kind: 'low_level', subjectUserId: 'head' }, { ...holders, headIsProprietor: true }).ladoDirectly).toBe(false);
  });

  it('never routes a record to the person it is about, even when they hold the receiving role', () => {
    expect(routeAdultConcern({ kind: 'low_level', subjectUserId: 'chair' }, { ...holders, headteacherUserId: 'chair' }).userId).toBeNull();
    expect(mayReadAdultConcern({ id: 'head', role: 'head' }, { kind: 'low_level', subjectUserId: 'head' }, holders)).toBe(false);
    expect(mayReadAdultConcern({ id: 'chair', role: 'governor' }, { kind: 'low_level', subjectUserId: 'head' }, holders)).toBe(true);
  });

  it('lets only the recipient read, and only while their role may receive', () => {
    const record = { kind: 'low_level' as const, subjectUserId: 'ta' };
    expect(mayReadAdultConcern({ id: 'head', role: 'head' }, record, holders)).toBe(true);
    expect(mayReadAdultConcern({ id: 'dsl', role: 'dsl' }, record, holders)).toBe(false);
    expect(mayReadAdultConcern({ id: 'head', role: 'staff' }, record, holders)).toBe(false);
    expect(mayReadAdultConcern({ id: 'admin', role: 'admin' }, record, { ...holders, headteacherUserId: 'admin' })).toBe(false);
  });

  it('lets a DSL or head name the holders first, then only the named head or chair change them', () => {
    const unset = { ...holders, headteacherUserId: null };
    expect(mayChangeAdultRoleHolders({ id: 'x', role: 'dsl' }, unset)).toBe(true);
    expect(mayChangeAdultRoleHolders({ id: 'x', role: 'admin' }, unset)).toBe(false);
    expect(mayChangeAdultRoleHolders({ id: 'dsl', role: 'dsl' }, holders)).toBe(false);
    expect(mayChangeAdultRoleHolders({ id: 'head', role: 'head' }, holders)).toBe(true);
    expect(mayChangeAdultRoleHolders({ id: 'chair', role: 'governor' }, holders)).toBe(true);
  });
});

describe('retention', () => {
  const base = { recordedOn: '2026-11-23', personLeftOn: null, dateOfBirth: null };
  it('keeps a low-level concern until the person leaves', () => {
    expect(adultConcernRetention({ ...base, kind: 'low_level', outcome: null })).toMatchObject({ kind: 'until_leaves', date: null });
    expect(adultConcernRetention({ ...base, kind: 'low_level', outcome: null, personLeftOn: '2028-08-31' })).toMatchObject({ kind: 'until_leaves', date: '2028-08-31' });
  });

  it.each(['substantiated', 'false', 'unsubstantiated', 'unfounded', null] as const)('keeps an allegation (%s) to pension age or 10 years, whichever is longer', (outcome) => {
    expect(adultConcernRetention({ ...base, kind: 'allegation', outcome }).date).toBe('2036-11-23');
    expect(adultConcernRetention({ ...base, kind: 'allegation', outcome, dateOfBirth: '1985-02-14' }).date).toBe('2053-02-14');
    expect(adultConcernRetention({ ...base, kind: 'allegation', outcome, dateOfBirth: '1959-06-01' }).date).toBe('2036-11-23');
  });

  it('offers a malicious allegation for removal instead of a date', () => {
    expect(adultConcernRetention({ ...base, kind: 'allegation', outcome: 'malicious' })).toMatchObject({ kind: 'offer_removal', date: null });
  });

  it('takes the later pension age where the law phases it in', () => {
    expect([normalPensionAge('1960-04-05'), normalPensionAge('1960-04-06'), normalPensionAge('1977-04-05'), normalPensionAge('1977-04-06')]).toEqual([66, 67, 67, 68]);
    expect(adultConcernRetention({ ...base, recordedOn: '2024-02-29', kind: 'allegation', outcome: null }).date).toBe('2034-03-01');
  });
});

describe('the LADO clock', () => {
  const calendar = new WorkingCalendar();
  it('gives one working day from the case manager knowing, skipping Christmas, the weekend and the substitute bank holiday', () => {
    // Thursday 24/12/2026: Friday 25 (Christmas) and Monday 28 (Boxing Day substitute) are bank holidays.
    expect(ladoConsultationDue(calendar, new Date('2026-12-24T15:00:00Z')).toISOString()).toBe('2026-12-29T23:59:59.999Z');
    // An ordinary Tuesday: due by the end of Wednesday.
    expect(ladoConsultationDue(calendar, new Date('2026-11-24T09:00:00Z')).toISOString()).toBe('2026-11-25T23:59:59.999Z');
  });

  it('is due, then overdue, and stops once the LADO is consulted', () => {
    const allegation = { caseManagerKnewAt: '2026-12-24T15:00:00Z', ladoConsultedAt: null };
    expect(ladoClock(calendar, allegation, new Date('2026-12-29T16:00:00Z')).state).toBe('due');
    expect(ladoClock(calendar, allegation, new Date('2026-12-30T00:00:01Z')).state).toBe('overdue');
    expect(ladoClock(calendar, { ...allegation, ladoConsultedAt: '2026-12-31T10:00:00Z' }, new Date('2027-01-05T10:00:00Z')).state).toBe('consulted');
  });
});

describe('counts for the culture report', () => {
  it('groups by term, suppresses 1 to 4 and shows 0 and 5 or more', async () => {
    const { adultConcernTermCounts } = await import('../../../../shared/api');
    const rows = [
      ...Array.from({ length: 5 }, () => ({ kind: 'low_level' as const, recordedOn: '2026-10-01', outcome: null })),
      { kind: 'allegation' as const, recordedOn: '2027-02-01', outcome: 'false' as const },
      { kind: 'low_level' as const, recordedOn: '2027-08-01', outcome: null },
    ];
    const terms = adultConcernTermCounts(rows, { from: '2026-09-01', to: '2027-03-31' }, []);
    expect(terms.map((term) => [term.term, term.lowLevel.display, term.allegations.display, term.outcomes.false.display, term.outcomes.open.display])).toEqual([
      ['Autumn term 2026', '5', '0', '0', '0'],
      ['Spring term 2027', '0', 'fewer than 5', 'fewer than 5', '0'],
    ]);
  });
});
