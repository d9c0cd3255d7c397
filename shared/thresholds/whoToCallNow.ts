// "Who to call now": which of a pack's contacts are open at a given instant, in England's local time, and
// where to turn when an office is shut (evenings, weekends, bank holidays). The bank-holiday check is passed
// in so this stays pure and testable; the app passes the England and Wales calendar.
import { londonParts } from '../calendar';
import type { Contact, OpeningSession, Weekday } from './packSchema';

const weekdaysMondayFirst: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export type ContactStatus = 'open' | 'closed' | 'hours_unknown';

export interface ContactNow {
  contact: Contact;
  status: ContactStatus;
  /** Why, in plain words: "Open until 17:00", "Closed: bank holiday", "The local guidance gives no hours". */
  reason: string;
  /** When the contact is closed: the line that covers its closed hours, if the pack names one. */
  callInstead?: Contact;
}

export interface WhoToCallNow {
  /** London wall-clock time used for the answer. */
  londonDate: string;
  londonTime: string;
  weekday: Weekday;
  isBankHoliday: boolean;
  contacts: ContactNow[];
  /**
   * The lines to use now, most useful first: open contacts, then the out-of-hours lines standing in for
   * closed ones, then contacts whose hours are unknown (worth trying, with a warning).
   */
  callNow: Contact[];
  emergency: string;
}

export const emergencyAdvice = 'If a child is in immediate danger, call the police on 999.';

function londonClock(instant: Date): { isoDate: string; weekday: Weekday; minutes: number; time: string } {
  const { isoDate, weekday, minutes } = londonParts(instant);
  const pad = (value: number) => String(value).padStart(2, '0');
  return { isoDate, weekday: weekdaysMondayFirst[weekday - 1] as Weekday, minutes, time: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}` };
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function openSession(sessions: readonly OpeningSession[], weekday: Weekday, minutes: number): OpeningSession | undefined {
  return sessions.find(
    (session) => session.days.includes(weekday) && minutes >= minutesOf(session.opens) && minutes < minutesOf(session.closes),
  );
}

/**
 * Says which contacts are open at `instant` (London time) and, for each closed one, which out-of-hours line
 * to call instead. `isBankHoliday` takes a `yyyy-MM-dd` London date.
 */
export function whoToCallNow(
  contacts: readonly Contact[],
  instant: Date,
  isBankHoliday: (isoDate: string) => boolean,
): WhoToCallNow {
  const clock = londonClock(instant);
  const bankHoliday = isBankHoliday(clock.isoDate);
  const contactsById = new Map(contacts.map((contact) => [contact.id, contact]));
  const statusById = new Map<string, { status: ContactStatus; reason: string }>();

  // Out-of-hours lines depend on the status of the office they cover, so those are worked out on demand.
  const statusOf = (contact: Contact, visiting: Set<string>): { status: ContactStatus; reason: string } => {
    const known = statusById.get(contact.id);
    if (known) return known;
    let result: { status: ContactStatus; reason: string };
    const availability = contact.availability;
    switch (availability.kind) {
      case 'always':
        result = { status: 'open', reason: 'Open 24 hours, every day' };
        break;
      case 'unknown':
        result = { status: 'hours_unknown', reason: 'The local guidance gives no opening hours' };
        break;
      case 'weekly': {
        const closedForHoliday = bankHoliday && availability.closedOnBankHolidays;
        const session = closedForHoliday ? undefined : openSession(availability.sessions, clock.weekday, clock.minutes);
        if (session) result = { status: 'open', reason: `Open until ${session.closes}` };
        else if (closedForHoliday) result = { status: 'closed', reason: 'Closed: bank holiday' };
        else if (clock.weekday === 'sat' || clock.weekday === 'sun') result = { status: 'closed', reason: 'Closed at the weekend' };
        else result = { status: 'closed', reason: 'Closed at this time of day' };
        break;
      }
      case 'outside_hours_of': {
        const office = contactsById.get(availability.contactId);
        if (!office || visiting.has(office.id)) {
          result = { status: 'hours_unknown', reason: 'The office this line covers is not in the list' };
          break;
        }
        visiting.add(contact.id);
        const officeStatus = statusOf(office, visiting).status;
        result =
          officeStatus === 'closed'
            ? { status: 'open', reason: `Open while ${office.name} is closed` }
            : officeStatus === 'open'
              ? { status: 'closed', reason: `Closed while ${office.name} is open: call them instead` }
              : { status: 'hours_unknown', reason: `Covers the hours ${office.name} is closed, which are not known` };
        break;
      }
    }
    statusById.set(contact.id, result);
    return result;
  };

  const entries: ContactNow[] = contacts.map((contact) => {
    const { status, reason } = statusOf(contact, new Set());
    const entry: ContactNow = { contact, status, reason };
    if (status === 'closed') {
      const stand = standInFor(contact, contactsById, contacts);
      if (stand && statusOf(stand, new Set()).status !== 'closed') entry.callInstead = stand;
    }
    return entry;
  });

  const callNow: Contact[] = [];
  const add = (contact: Contact) => {
    if (!callNow.includes(contact)) callNow.push(contact);
  };
  for (const entry of entries) if (entry.status === 'open' && entry.contact.availability.kind !== 'outside_hours_of') add(entry.contact);
  for (const entry of entries) if (entry.callInstead) add(entry.callInstead);
  for (const entry of entries) if (entry.status === 'open') add(entry.contact);
  for (const entry of entries) if (entry.status === 'hours_unknown') add(entry.contact);

  return {
    londonDate: clock.isoDate,
    londonTime: clock.time,
    weekday: clock.weekday,
    isBankHoliday: bankHoliday,
    contacts: entries,
    callNow,
    emergency: emergencyAdvice,
  };
}

/** The line that covers a closed contact: its named out-of-hours contact, or a line declared to cover it. */
function standInFor(contact: Contact, contactsById: ReadonlyMap<string, Contact>, contacts: readonly Contact[]): Contact | undefined {
  if (contact.outOfHoursContactId !== undefined) return contactsById.get(contact.outOfHoursContactId);
  return contacts.find((other) => other.availability.kind === 'outside_hours_of' && other.availability.contactId === contact.id);
}
