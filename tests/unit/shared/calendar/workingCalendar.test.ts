import { describe, expect, it } from 'vitest';
import { isOverdue, WorkingCalendar } from '../../../../shared/calendar';

const at = (iso: string) => new Date(iso);
const calendar = new WorkingCalendar();

describe('working days', () => {
  it('counts Monday to Friday except bank holidays', () => {
    expect(calendar.isWorkingDay('2026-11-20')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-04-06')).toBe(false); // Easter Monday
    expect(calendar.isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute
  });
});

describe('deadlines in working days', () => {
  it('makes a referral at 16:30 on Friday 20/11/2026 due by the end of Monday 23/11/2026, London time', () => {
    const due = calendar.addWorkingDays(at('2026-11-20T16:30:00Z'), 1);
    expect(due.toISOString()).toBe('2026-11-23T23:59:59.999Z');
  });

  it('is not overdue at the last millisecond of the due day, and is overdue at midnight', () => {
    const due = calendar.addWorkingDays(at('2026-11-20T16:30:00Z'), 1);
    expect(isOverdue(due, at('2026-11-23T23:59:59.999Z'))).toBe(false);
    expect(calendar.isOverdue(due, at('2026-11-24T00:00:00.000Z'))).toBe(true);
    expect(isOverdue(due, at('2026-11-21T10:00:00Z'))).toBe(false);
  });

  it('never counts the day of the event, however early it happened', () => {
    expect(calendar.addWorkingDays(at('2026-11-20T08:00:00Z'), 1).toISOString()).toBe('2026-11-23T23:59:59.999Z');
  });

  it('treats a referral made at the weekend as due at the end of Monday', () => {
    expect(calendar.addWorkingDays(at('2026-11-21T11:00:00Z'), 1).toISOString()).toBe('2026-11-23T23:59:59.999Z');
  });

  it('counts from the London date, not the UTC date: 00:30 BST on Friday is Friday', () => {
    // 23:30 UTC on Thursday 02/07/2026 is 00:30 on Friday 03/07 in London, so the next working day is Monday 06/07.
    expect(calendar.addWorkingDays(at('2026-07-02T23:30:00Z'), 1).toISOString()).toBe('2026-07-06T22:59:59.999Z');
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(calendar.addWorkingDays(at('2026-04-02T10:00:00Z'), 1).toISOString()).toBe('2026-04-07T22:59:59.999Z');
  });

  it('skips Christmas, the Boxing Day substitute and New Year’s Day', () => {
    // Thursday 24/12/2026: Friday 25 is Christmas, Monday 28 the Boxing Day substitute, so Tuesday 29 is the first.
    expect(calendar.addWorkingDays(at('2026-12-24T15:00:00Z'), 1).toISOString()).toBe('2026-12-29T23:59:59.999Z');
    // An escalation begun on Friday 18/12/2026 has 10 working days: 21–24, 29–31 December, 4–6 January.
    expect(calendar.addWorkingDays(at('2026-12-18T12:00:00Z'), 10).toISOString()).toBe('2027-01-06T23:59:59.999Z');
  });

  it('ends the due day at local midnight across the clocks going forward on 29/03/2026', () => {
    // Friday 27/03 is GMT; the due day, Monday 30/03, is BST, so it ends at 22:59:59.999 UTC.
    expect(calendar.addWorkingDays(at('2026-03-27T16:30:00Z'), 1).toISOString()).toBe('2026-03-30T22:59:59.999Z');
  });

  it('ends the due day at local midnight across the clocks going back on 25/10/2026', () => {
    // Friday 23/10 is BST (16:30 BST = 15:30 UTC); Monday 26/10 is GMT.
    expect(calendar.addWorkingDays(at('2026-10-23T15:30:00Z'), 1).toISOString()).toBe('2026-10-26T23:59:59.999Z');
  });

  it('gives an assessment started on Monday 07/09/2026 until the end of Monday 09/11/2026 (45 working days)', () => {
    expect(calendar.addWorkingDays(at('2026-09-07T09:00:00Z'), 45).toISOString()).toBe('2026-11-09T23:59:59.999Z');
  });

  it('with 0 days, is due at the end of the same working day, or of the next one at a weekend', () => {
    expect(calendar.addWorkingDays(at('2026-11-20T10:00:00Z'), 0).toISOString()).toBe('2026-11-20T23:59:59.999Z');
    expect(calendar.addWorkingDays(at('2026-11-21T10:00:00Z'), 0).toISOString()).toBe('2026-11-23T23:59:59.999Z');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => calendar.addWorkingDays(at('2026-11-20T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(at('2026-11-20T10:00:00Z'), 1.5)).toThrow(RangeError);
    // The message names what was wrong, for the log of whoever passed it.
    expect(() => calendar.addWorkingDays(at('2026-11-20T10:00:00Z'), -1)).toThrow('Expected a whole number of days, 0 or more, got -1');
  });
});

describe('counting working days between two moments', () => {
  it('counts the days after the first date up to and including the second', () => {
    expect(calendar.workingDaysBetween(at('2026-11-20T16:30:00Z'), at('2026-11-23T09:00:00Z'))).toBe(1);
    expect(calendar.workingDaysBetween(at('2026-11-20T16:30:00Z'), at('2026-11-22T09:00:00Z'))).toBe(0);
    expect(calendar.workingDaysBetween(at('2026-12-24T10:00:00Z'), at('2027-01-04T10:00:00Z'))).toBe(4); // 29, 30, 31 Dec, 4 Jan
  });

  it('counts no days between two moments of the same London day, in either order', () => {
    expect(calendar.workingDaysBetween(at('2026-11-23T09:00:00Z'), at('2026-11-23T17:00:00Z'))).toBe(0);
    expect(calendar.workingDaysBetween(at('2026-11-23T17:00:00Z'), at('2026-11-23T09:00:00Z'))).toBe(0);
    // 23:30 UTC on 01/07 is already 00:30 on Thursday 02/07 in London: the same day as 11:00 that morning.
    expect(calendar.workingDaysBetween(at('2026-07-01T23:30:00Z'), at('2026-07-02T10:00:00Z'))).toBe(0);
  });

  it('is negative when the second moment is earlier, so "days overdue" reads naturally', () => {
    const due = calendar.addWorkingDays(at('2026-11-20T16:30:00Z'), 1); // end of Monday 23/11
    expect(calendar.workingDaysBetween(due, at('2026-11-25T10:00:00Z'))).toBe(2); // two working days overdue
    expect(calendar.workingDaysBetween(at('2026-11-25T10:00:00Z'), due)).toBe(-2);
  });

  it('undoes addWorkingDays for every start day and length across Christmas and both clock changes', () => {
    for (const start of ['2026-03-26T12:00:00Z', '2026-10-22T12:00:00Z', '2026-12-23T12:00:00Z', '2026-11-21T12:00:00Z']) {
      for (const days of [1, 2, 5, 10, 45]) {
        expect(calendar.workingDaysBetween(at(start), calendar.addWorkingDays(at(start), days)), `${start} + ${days}`).toBe(days);
      }
    }
  });
});

describe('school days and closure dates', () => {
  // Christmas holidays 21/12/2026–01/01/2027 and an INSET day on Monday 04/01/2027.
  const christmasHolidays = ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-29', '2026-12-30', '2026-12-31'];
  const school = new WorkingCalendar({ closureDates: [...christmasHolidays, '2027-01-04'] });

  it('treats a closure day as not a school day but still a working day', () => {
    expect(school.isSchoolDay('2027-01-04')).toBe(false);
    expect(school.isWorkingDay('2027-01-04')).toBe(true);
    expect(school.isSchoolDay('2027-01-05')).toBe(true);
    expect(school.isSchoolDay('2026-12-28')).toBe(false); // a bank holiday is never a school day
  });

  it('gives a child-protection file transfer 5 school days, paused over the holidays and the INSET day', () => {
    // Pupil leaves on Thursday 17/12/2026: Friday 18/12, then Tuesday 5 to Friday 8 January.
    expect(school.addSchoolDays(at('2026-12-17T15:00:00Z'), 5).toISOString()).toBe('2027-01-08T23:59:59.999Z');
    expect(school.schoolDaysBetween(at('2026-12-17T15:00:00Z'), at('2027-01-08T10:00:00Z'))).toBe(5);
  });

  it('does not let school closures stretch a local authority’s working-day clock', () => {
    expect(school.addWorkingDays(at('2026-12-17T15:00:00Z'), 5).toISOString()).toBe('2026-12-24T23:59:59.999Z');
    expect(school.addWorkingDays(at('2026-12-17T15:00:00Z'), 5)).toEqual(calendar.addWorkingDays(at('2026-12-17T15:00:00Z'), 5));
  });

  it('counts school days and working days the same when no closures are set', () => {
    expect(calendar.addSchoolDays(at('2026-12-17T15:00:00Z'), 5)).toEqual(calendar.addWorkingDays(at('2026-12-17T15:00:00Z'), 5));
  });

  it('refuses a closure date that is not a real yyyy-MM-dd date', () => {
    expect(() => new WorkingCalendar({ closureDates: ['04/01/2027'] })).toThrow(/school closure date/);
  });
});
