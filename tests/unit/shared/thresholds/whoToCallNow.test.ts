// "Who to call now" and contacts for multi-council packs. Opening hours are modelled on Waltham Forest's
// MASH in seed 001 (Monday to Thursday 9am–5.15pm, Friday 9am–5pm, a separate out-of-hours number).
import { describe, expect, it } from 'vitest';
import { contactsForArea, suggestLevel, whoToCallNow, type Contact } from '../../../../shared/thresholds/index';
import { mash, outOfHours } from '../../../fixtures/packs/officeHoursContacts';
import { indicator, level, pathway, smallPack, testSource } from '../../../fixtures/packs/smallPack';

const coordinator: Contact = {
  id: 'coordinator',
  name: 'Early Help Coordinator',
  role: 'early_help_coordinator',
  availability: { kind: 'unknown' },
  verifiedOn: null,
};
const contacts = [mash, outOfHours, coordinator];

// Christmas Day and the substitute Boxing Day holiday in 2026.
const bankHolidays = new Set(['2026-12-25', '2026-12-28']);
const isBankHoliday = (isoDate: string) => bankHolidays.has(isoDate);
const statusOf = (answer: ReturnType<typeof whoToCallNow>, id: string) => answer.contacts.find((entry) => entry.contact.id === id);

describe('whoToCallNow', () => {
  it('sends you to the MASH inside office hours', () => {
    const answer = whoToCallNow(contacts, new Date('2026-11-17T10:00:00Z'), isBankHoliday); // Tuesday 10:00 GMT
    expect(answer).toMatchObject({ londonDate: '2026-11-17', londonTime: '10:00', weekday: 'tue', isBankHoliday: false });
    expect(statusOf(answer, 'mash')).toMatchObject({ status: 'open', reason: 'Open until 17:15' });
    expect(statusOf(answer, 'out-of-hours')?.status).toBe('closed');
    expect(answer.callNow.map((contact) => contact.id)).toEqual(['mash', 'coordinator']);
    expect(answer.emergency).toMatch(/999/);
  });

  it('uses London summer time, not UTC', () => {
    // 08:30 UTC on a June Tuesday is 09:30 in London: the MASH is open.
    const answer = whoToCallNow(contacts, new Date('2026-06-16T08:30:00Z'), isBankHoliday);
    expect(answer.londonTime).toBe('09:30');
    expect(statusOf(answer, 'mash')?.status).toBe('open');
  });

  it('knows Friday closes earlier than Thursday', () => {
    const thursday = whoToCallNow(contacts, new Date('2026-11-19T17:10:00Z'), isBankHoliday);
    const friday = whoToCallNow(contacts, new Date('2026-11-20T17:10:00Z'), isBankHoliday);
    expect(statusOf(thursday, 'mash')?.status).toBe('open');
    expect(statusOf(friday, 'mash')).toMatchObject({ status: 'closed', reason: 'Closed at this time of day' });
  });

  it('points to the out-of-hours number on a weekend evening', () => {
    const answer = whoToCallNow(contacts, new Date('2026-11-21T19:30:00Z'), isBankHoliday); // Saturday 19:30
    expect(statusOf(answer, 'mash')).toMatchObject({ status: 'closed', reason: 'Closed at the weekend', callInstead: outOfHours });
    expect(statusOf(answer, 'out-of-hours')?.status).toBe('open');
    expect(answer.callNow[0]).toBe(outOfHours);
  });

  it('points to the out-of-hours number on Christmas Day, even at 10:00 on a weekday', () => {
    const answer = whoToCallNow(contacts, new Date('2026-12-25T10:00:00Z'), isBankHoliday); // Friday
    expect(answer.isBankHoliday).toBe(true);
    expect(statusOf(answer, 'mash')).toMatchObject({ status: 'closed', reason: 'Closed: bank holiday', callInstead: outOfHours });
    expect(answer.callNow.map((contact) => contact.id)).toEqual(['out-of-hours', 'coordinator']);
  });

  it('checks the bank holiday on the London date, not the UTC date', () => {
    const seen: string[] = [];
    // 00:30 BST on 31 August 2026 (the summer bank holiday) is still 30 August in UTC.
    whoToCallNow(contacts, new Date('2026-08-30T23:30:00Z'), (isoDate) => {
      seen.push(isoDate);
      return false;
    });
    expect(seen).toEqual(['2026-08-31']);
  });

  it('says when a contact\'s hours are not known rather than guessing', () => {
    const answer = whoToCallNow(contacts, new Date('2026-11-17T10:00:00Z'), isBankHoliday);
    expect(statusOf(answer, 'coordinator')).toMatchObject({ status: 'hours_unknown', reason: 'The local guidance gives no opening hours' });
  });
});

describe('multi-council packs', () => {
  // Modelled on Leicester, Leicestershire & Rutland (seed 003): one pack, three councils, three front doors.
  const frontDoor = (id: string, area: string, phone: string) => ({
    id,
    name: `${area} front door`,
    role: 'mash_front_door',
    phone,
    areaIds: [area],
    availability: { kind: 'unknown' },
    verifiedOn: null,
    source: testSource,
  });
  const pack = smallPack({
    id: 'llr-test',
    levels: [level('universal', 1, ['universal']), level('specialist', 2, ['child_protection_s47'])],
    indicators: [indicator('suspected-abuse', 'specialist', 'red_flag')],
    pathways: [pathway('phone-front-door', 'immediate_action', ['specialist'], { action: 'Phone the front door, then refer in writing.', contactRoles: ['mash_front_door', 'police'] })],
    immediateActionPathwayId: 'phone-front-door',
    contacts: [
      frontDoor('leicester-front-door', 'leicester', '0116 000 0001'),
      frontDoor('first-response', 'leicestershire', '0116 305 0005'),
      frontDoor('rutland-front-door', 'rutland', '01572 000 0003'),
      { id: 'police', name: 'Police (emergency)', role: 'police', phone: '999', availability: { kind: 'always' }, verifiedOn: null },
    ],
  });
  const suggestFor = (areaId?: string) =>
    suggestLevel(pack, {
      dateOfBirth: '2016-04-01',
      assessmentDate: '2026-11-22',
      ticked: [{ indicatorId: 'suspected-abuse' }],
      ...(areaId === undefined ? {} : { areaId }),
    }).contacts.map((contact) => contact.id);

  it('gives a Leicestershire school Leicestershire\'s front door, and the police', () => {
    expect(suggestFor('leicestershire')).toEqual(['first-response', 'police']);
  });

  it('gives a school in a Rutland district Rutland\'s front door', () => {
    expect(suggestFor('oakham')).toEqual(['rutland-front-door', 'police']);
  });

  it('shows every council\'s front door when the school has not chosen its council yet', () => {
    expect(suggestFor()).toEqual(['leicester-front-door', 'first-response', 'rutland-front-door', 'police']);
  });

  it('lists the chosen council\'s contacts for the directory and "who to call now"', () => {
    const leicesterContacts = contactsForArea(pack, 'leicester');
    expect(leicesterContacts.map((contact) => contact.id)).toEqual(['leicester-front-door', 'police']);
    const answer = whoToCallNow(leicesterContacts, new Date('2026-11-21T22:00:00Z'), () => false);
    expect(answer.callNow[0]?.phone).toBe('999');
  });
});
