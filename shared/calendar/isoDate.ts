// Calendar dates as `yyyy-MM-dd` strings. Day arithmetic is done on UTC midnights, where every day is
// exactly 24 hours long, so no clock change can shift a date; time zones only enter in londonTime.ts.

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const millisecondsPerDay = 86_400_000;

/** Monday = 1 … Sunday = 7 (ISO 8601), so "is it a weekend" is `weekday >= 6`. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** True for a real calendar date written `yyyy-MM-dd` (so `2026-02-29` is false). */
export function isIsoDate(value: string): boolean {
  const match = isoDatePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999, so check the year too.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Throws a RangeError naming the bad value: a malformed date is a programming error, not a user's typo. */
export function assertIsoDate(value: string, what = 'date'): void {
  if (!isIsoDate(value)) throw new RangeError(`Expected the ${what} as a real yyyy-MM-dd date, got "${value}"`);
}

function toUtcMidnight(isoDate: string): number {
  assertIsoDate(isoDate);
  return Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10)));
}

export function isoDateFromParts(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fromUtcMidnight(milliseconds: number): string {
  const date = new Date(milliseconds);
  return isoDateFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function addCalendarDays(isoDate: string, days: number): string {
  return fromUtcMidnight(toUtcMidnight(isoDate) + days * millisecondsPerDay);
}

export function isoWeekday(isoDate: string): IsoWeekday {
  const sundayIsZero = new Date(toUtcMidnight(isoDate)).getUTCDay();
  return (sundayIsZero === 0 ? 7 : sundayIsZero) as IsoWeekday;
}

export function isWeekend(isoDate: string): boolean {
  return isoWeekday(isoDate) >= 6;
}
