// England and Wales bank holidays, read from the committed file (see docs/decisions/0005).
import { z } from 'zod';
import bankHolidayData from '../../resources/calendar/bank-holidays-england-and-wales.json';
import { bankHolidaysForYear, type BankHoliday, type BankHolidayFile } from './bankHolidayRules';
import { assertIsoDate, isIsoDate } from './isoDate';

const bankHolidayFileSchema = z.object({
  source: z.string().min(1),
  generatedFrom: z.string().min(1),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.array(z.object({ date: z.string().refine(isIsoDate, 'not a real yyyy-MM-dd date'), title: z.string().min(1) })),
  ),
}) satisfies z.ZodType<BankHolidayFile>;

// Parsed once at load: a hand edit that breaks the file fails at start-up, not as a wrong deadline later.
const bankHolidayFile = bankHolidayFileSchema.parse(bankHolidayData);

const publishedByYear = new Map<number, ReadonlyMap<string, string>>();
for (const [year, holidays] of Object.entries(bankHolidayFile.years)) {
  for (const holiday of holidays) {
    if (!holiday.date.startsWith(`${year}-`)) throw new Error(`Bank holiday ${holiday.date} is filed under ${year}`);
  }
  publishedByYear.set(Number(year), new Map(holidays.map((holiday) => [holiday.date, holiday.title])));
}

const coveredYears = [...publishedByYear.keys()];
/** The years the committed file covers; outside them the statutory rules are used without one-off changes. */
export const bankHolidayCoverage = { firstYear: Math.min(...coveredYears), lastYear: Math.max(...coveredYears) } as const;

const computedByYear = new Map<number, ReadonlyMap<string, string>>();

function holidaysInYear(year: number): ReadonlyMap<string, string> {
  const published = publishedByYear.get(year);
  if (published) return published;
  // A deadline in 2036 must still be computed; the rules are right there except for one-offs nobody knows yet.
  let computed = computedByYear.get(year);
  if (!computed) {
    computed = new Map(bankHolidaysForYear(year).map((holiday: BankHoliday) => [holiday.date, holiday.title]));
    computedByYear.set(year, computed);
  }
  return computed;
}

/** The holiday's name, e.g. "Easter Monday", or undefined if `isoDate` (`yyyy-MM-dd`) is not a bank holiday. */
export function bankHolidayName(isoDate: string): string | undefined {
  assertIsoDate(isoDate);
  return holidaysInYear(Number(isoDate.slice(0, 4))).get(isoDate);
}

/** True if `isoDate` (`yyyy-MM-dd`) is a bank holiday in England and Wales (not Scotland or Northern Ireland). */
export function isBankHolidayEnglandWales(isoDate: string): boolean {
  return bankHolidayName(isoDate) !== undefined;
}

/** Every bank holiday in a year, in date order, for settings screens and reports. */
export function bankHolidaysInYear(year: number): BankHoliday[] {
  return [...holidaysInYear(year)].map(([date, title]) => ({ date, title }));
}
