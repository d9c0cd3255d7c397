// Everything a person sees or a deadline ends on is in England's local time, whatever the computer's own
// time zone is set to; stored instants stay UTC.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { addCalendarDays, assertIsoDate, isIsoDate, isoDateFromParts, type IsoWeekday } from './isoDate';

/** Shown beside an impossible date that was stored before dates were checked. */
export const notARealDateNote = 'not a real date: correct it';

export const londonTimeZone = 'Europe/London';

export interface LondonParts {
  /** The London calendar date, `yyyy-MM-dd`. */
  isoDate: string;
  /** Monday = 1 … Sunday = 7. */
  weekday: IsoWeekday;
  /** Wall-clock minutes since midnight (hours × 60 + minutes), so 02:30 BST on the spring-forward day is 150. */
  minutes: number;
}

function inLondon(instant: Date): TZDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Expected a valid date and time, got an Invalid Date');
  return new TZDate(instant.getTime(), londonTimeZone);
}

/** The date, weekday and time of day in London at `instant`, with BST and GMT applied. */
export function londonParts(instant: Date): LondonParts {
  const local = inLondon(instant);
  const sundayIsZero = local.getDay();
  return {
    isoDate: isoDateFromParts(local.getFullYear(), local.getMonth() + 1, local.getDate()),
    weekday: (sundayIsZero === 0 ? 7 : sundayIsZero) as IsoWeekday,
    minutes: local.getHours() * 60 + local.getMinutes(),
  };
}

/** The London calendar date at `instant`, `yyyy-MM-dd`. */
export function londonIsoDate(instant: Date): string {
  return londonParts(instant).isoDate;
}

/** The first instant of a London day (00:00:00.000 local). Clocks change at 01:00 or 02:00, so midnight always exists. */
export function startOfLondonDay(isoDate: string): Date {
  assertIsoDate(isoDate);
  const [year, month, day] = [Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)), Number(isoDate.slice(8, 10))];
  return new Date(new TZDate(year, month - 1, day, londonTimeZone).getTime());
}

/** The instant a person means by a date and a 24-hour time (`HH:mm`) typed in England. */
export function londonDateTime(isoDate: string, time: string): Date {
  assertIsoDate(isoDate);
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  if (!Number.isInteger(hours) || !Number.isInteger(minutes) || hours > 23 || minutes > 59) throw new RangeError(`Expected a time as HH:mm, got ${time}`);
  const [year, month, day] = [Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)), Number(isoDate.slice(8, 10))];
  return new Date(new TZDate(year, month - 1, day, hours, minutes, londonTimeZone).getTime());
}

/** The last instant of a London day (23:59:59.999 local): what "due on" a day means throughout the product. */
export function endOfLondonDay(isoDate: string): Date {
  return new Date(startOfLondonDay(addCalendarDays(isoDate, 1)).getTime() - 1);
}

/** `22/11/2026`, in London time. */
export function formatDate(instant: Date): string {
  return format(inLondon(instant), 'dd/MM/yyyy');
}

/** `16:30`, 24-hour, in London time. */
export function formatTime(instant: Date): string {
  return format(inLondon(instant), 'HH:mm');
}

/** `22/11/2026 16:30`, in London time. */
export function formatDateTime(instant: Date): string {
  return format(inLondon(instant), 'dd/MM/yyyy HH:mm');
}

/** `22/11/2026` for a calendar date held as `yyyy-MM-dd` (a date of birth, a closure day): no time zone involved. */
export function formatIsoDate(isoDate: string): string {
  const written = `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
  // A date stored before dates were checked may not exist (30/02/2026): show it as written, marked, not crash the page.
  return isIsoDate(isoDate) ? written : `${written} (${notARealDateNote})`;
}
