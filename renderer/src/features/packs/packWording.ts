// How pack data reads on screen: timescales, opening hours, sources and labels in plain UK English.
import { formatIsoDate } from '../../../../shared/calendar';
import type { Availability, ContactRole, Duration, IndicatorKind, Timescale, Weekday } from '../../../../shared/thresholds';

const unitWords: Record<Duration['unit'], [string, string]> = {
  hours: ['hour', 'hours'],
  days: ['day', 'days'],
  working_days: ['working day', 'working days'],
  school_days: ['school day', 'school days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
};

/** `{ amount: 6, upTo: 12, unit: 'weeks' }` → "6–12 weeks". */
export function describeDuration(duration: Duration): string {
  const [one, many] = unitWords[duration.unit];
  if (duration.upTo !== undefined) return `${duration.amount}–${duration.upTo} ${many}`;
  return `${duration.amount} ${duration.amount === 1 ? one : many}`;
}

export function describeTimescale(timescale: Timescale): string {
  switch (timescale.when) {
    case 'immediately':
      return 'Immediately';
    case 'without_delay':
      return 'Without delay';
    case 'as_soon_as_practicable':
      return 'As soon as practicable';
    case 'within':
      return `Within ${describeDuration(timescale.duration)}`;
    case 'every':
      return `Every ${describeDuration(timescale.duration)}`;
  }
}

/** Pack dates are as precise as the document: "2019", "2019-05" or "2019-05-14". */
export function describePublished(publishedOn: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(publishedOn)) return formatIsoDate(publishedOn);
  const month = /^(\d{4})-(\d{2})$/.exec(publishedOn);
  if (month) {
    const name = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)).toLocaleDateString('en-GB', { month: 'long', timeZone: 'UTC' });
    return `${name} ${month[1]}`;
  }
  return publishedOn;
}

export const indicatorKindLabels: Record<IndicatorKind, string> = {
  strength: 'Strength',
  protective_factor: 'Protective factor',
  need: 'Need',
  risk: 'Risk',
  red_flag: 'Red flag: act now',
  status: 'Status',
};

export const contactRoleLabels: Record<ContactRole, string> = {
  mash_front_door: 'MASH and front door',
  out_of_hours: 'Out of hours',
  early_help_coordinator: 'Early Help Coordinators',
  lado: 'LADO (allegations against adults)',
  police: 'Police',
  other: 'Other contacts',
};

/** The order the directory lists roles in: the front door first, because it is the most called. */
export const contactRoleOrder: readonly ContactRole[] = ['mash_front_door', 'out_of_hours', 'early_help_coordinator', 'lado', 'police', 'other'];

const dayNames: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const dayOrder: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function weekdayName(day: Weekday): string {
  return dayNames[day];
}

/** ['mon','tue','wed','thu'] → "Monday to Thursday"; non-consecutive days are listed. */
function describeDays(days: readonly Weekday[]): string {
  const sorted = [...days].sort((a, b) => dayOrder.indexOf(a) - dayOrder.indexOf(b));
  const consecutive = sorted.every((day, index) => index === 0 || dayOrder.indexOf(day) === dayOrder.indexOf(sorted[index - 1]!) + 1);
  if (sorted.length > 2 && consecutive) return `${dayNames[sorted[0]!]} to ${dayNames[sorted[sorted.length - 1]!]}`;
  return sorted.map((day) => dayNames[day]).join(', ');
}

/** Opening hours in words, with the name of the office an out-of-hours line covers. */
export function describeAvailability(availability: Availability, nameOf: (contactId: string) => string | undefined): string {
  switch (availability.kind) {
    case 'always':
      return '24 hours a day, every day';
    case 'unknown':
      return 'Hours not given in the local guidance';
    case 'outside_hours_of':
      return `When ${nameOf(availability.contactId) ?? 'the office'} is closed: evenings, weekends and bank holidays`;
    case 'weekly': {
      const sessions = availability.sessions.map((session) => `${describeDays(session.days)} ${session.opens}–${session.closes}`).join('; ');
      return availability.closedOnBankHolidays ? `${sessions}. Closed on bank holidays` : sessions;
    }
  }
}
