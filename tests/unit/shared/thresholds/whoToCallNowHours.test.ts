// "Who to call now" at the edges of office hours, and the order the numbers are offered in. A member of staff
// phoning a shut office at 08:59, or a stand-in line listed below a number that will not answer, loses minutes a
// child may not have. November dates are GMT, so the UTC instants below are London wall-clock times.
import { describe, expect, it } from 'vitest';
import { whoToCallNow, type Contact } from '../../../../shared/thresholds/index';
import { mash, outOfHours } from '../../../fixtures/packs/officeHoursContacts';

const coordinator: Contact = { id: 'coordinator', name: 'Early Help Coordinator', role: 'early_help_coordinator', availability: { kind: 'unknown' }, verifiedOn: null };
const police: Contact = { id: 'police', name: 'Police (emergency)', role: 'police', phone: '999', availability: { kind: 'always' }, verifiedOn: null };
// Open every weekday including bank holidays, with no stand-in of its own.
const helpline: Contact = {
  id: 'helpline',
  name: 'Helpline',
  role: 'other',
  phone: '0808 800 5000',
  availability: { kind: 'weekly', sessions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '08:00', closes: '20:00' }], closedOnBankHolidays: false },
  verifiedOn: null,
};

const bankHolidays = new Set(['2026-12-25', '2026-12-28']);
const isBankHoliday = (isoDate: string) => bankHolidays.has(isoDate);
const at = (instant: string, contacts: readonly Contact[] = [mash, outOfHours]) => whoToCallNow(contacts, new Date(instant), isBankHoliday);
const mashAt = (instant: string) => at(instant).contacts.find((entry) => entry.contact.id === 'mash');
const callNowAt = (instant: string, contacts: readonly Contact[]) => at(instant, contacts).callNow.map((contact) => contact.id);

describe('whoToCallNow at the edges of office hours', () => {
  it('shows the MASH shut at 08:59 on a Monday and sends you to the out-of-hours team', () => {
    expect(mashAt('2026-11-16T08:59:00Z')).toMatchObject({ status: 'closed', reason: 'Closed at this time of day', callInstead: outOfHours });
    expect(callNowAt('2026-11-16T08:59:00Z', [mash, outOfHours])).toEqual(['out-of-hours']);
  });

  it('shows the MASH open from 09:00 on a Monday, and the out-of-hours team shut', () => {
    const answer = at('2026-11-16T09:00:00Z');
    expect(answer.contacts.map(({ contact, status, reason }) => [contact.id, status, reason])).toEqual([
      ['mash', 'open', 'Open until 17:15'],
      ['out-of-hours', 'closed', 'Closed while MASH is open: call them instead'],
    ]);
    expect(answer.callNow.map((contact) => contact.id)).toEqual(['mash']);
  });

  it('keeps the MASH open in its last minute on a Monday and shut at its closing time', () => {
    expect(mashAt('2026-11-16T17:14:00Z')).toMatchObject({ status: 'open', reason: 'Open until 17:15' });
    expect(mashAt('2026-11-16T17:15:00Z')).toMatchObject({ status: 'closed', reason: 'Closed at this time of day', callInstead: outOfHours });
  });

  it('uses Friday\'s own hours in Friday daytime: open until 17:00, shut from 17:00', () => {
    expect(mashAt('2026-11-20T09:00:00Z')).toMatchObject({ status: 'open', reason: 'Open until 17:00' });
    expect(mashAt('2026-11-20T13:30:00Z')).toMatchObject({ status: 'open', reason: 'Open until 17:00' });
    expect(mashAt('2026-11-20T16:59:00Z')).toMatchObject({ status: 'open', reason: 'Open until 17:00' });
    expect(mashAt('2026-11-20T17:00:00Z')).toMatchObject({ status: 'closed', reason: 'Closed at this time of day' });
    expect(mashAt('2026-11-20T08:59:00Z')).toMatchObject({ status: 'closed', reason: 'Closed at this time of day' });
  });

  it('shows the MASH shut all weekend, even in what would be office hours', () => {
    for (const instant of ['2026-11-21T09:00:00Z', '2026-11-21T12:00:00Z', '2026-11-22T10:00:00Z', '2026-11-22T16:00:00Z']) {
      expect(mashAt(instant), instant).toMatchObject({ status: 'closed', reason: 'Closed at the weekend', callInstead: outOfHours });
      expect(at(instant).contacts[1], instant).toMatchObject({ status: 'open', reason: 'Open while MASH is closed' });
    }
  });

  it('shows the MASH shut on a Monday bank holiday, while a line that opens on bank holidays stays open', () => {
    const answer = at('2026-12-28T10:00:00Z', [mash, outOfHours, helpline]);
    expect(answer.isBankHoliday).toBe(true);
    expect(answer.contacts.map(({ contact, status, reason }) => [contact.id, status, reason])).toEqual([
      ['mash', 'closed', 'Closed: bank holiday'],
      ['out-of-hours', 'open', 'Open while MASH is closed'],
      ['helpline', 'open', 'Open until 20:00'],
    ]);
    // The same hour on the next, ordinary day: the MASH is back.
    expect(mashAt('2026-12-29T10:00:00Z')).toMatchObject({ status: 'open', reason: 'Open until 17:15' });
  });

  it('says an out-of-hours line whose office is missing has unknown hours rather than open or shut', () => {
    const answer = at('2026-11-16T10:00:00Z', [outOfHours]);
    expect(answer.contacts[0]).toMatchObject({ status: 'hours_unknown', reason: 'The office this line covers is not in the list' });
    expect(answer.callNow).toEqual([outOfHours]);
  });

  it('says a line covering an office of unknown hours has unknown hours too', () => {
    const coversCoordinator: Contact = { ...outOfHours, id: 'covers', availability: { kind: 'outside_hours_of', contactId: 'coordinator' } };
    expect(at('2026-11-16T10:00:00Z', [coordinator, coversCoordinator]).contacts[1]).toMatchObject({
      status: 'hours_unknown',
      reason: 'Covers the hours Early Help Coordinator is closed, which are not known',
    });
  });
});

describe('the order of the numbers to call now', () => {
  // Listed in the pack in the least helpful order, so the order of the answer comes from the rule alone.
  const listed = [coordinator, outOfHours, helpline, mash, police];

  it('in office hours: the open offices first, then lines of unknown hours; never a stand-in that is shut', () => {
    expect(callNowAt('2026-11-16T10:00:00Z', listed)).toEqual(['helpline', 'mash', 'police', 'coordinator']);
  });

  it('at night: the open numbers, then the stand-in for the shut office, then lines of unknown hours', () => {
    expect(callNowAt('2026-11-16T22:00:00Z', listed)).toEqual(['police', 'out-of-hours', 'coordinator']);
  });

  it('names no stand-in that is itself shut', () => {
    // The MASH's named stand-in keeps office hours too: at night both are shut, and it must not be offered.
    const dayLine: Contact = { ...helpline, id: 'out-of-hours', name: 'Day line' };
    const answer = at('2026-11-16T22:00:00Z', [mash, dayLine]);
    expect(answer.contacts[0]).toMatchObject({ status: 'closed' });
    expect(answer.contacts[0]?.callInstead).toBeUndefined();
    expect(answer.callNow).toEqual([]);
  });

  it('finds the stand-in that declares it covers an office, when the office names none', () => {
    const { outOfHoursContactId: _named, ...mashNamingNoStandIn } = mash;
    const answer = at('2026-11-16T22:00:00Z', [mashNamingNoStandIn, outOfHours]);
    expect(answer.contacts[0]).toMatchObject({ status: 'closed', callInstead: outOfHours });
  });

  it('always ends with the 999 advice', () => {
    expect(at('2026-11-16T10:00:00Z').emergency).toBe('If a child is in immediate danger, call the police on 999.');
  });
});
