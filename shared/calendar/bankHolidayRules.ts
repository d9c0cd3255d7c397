// The England and Wales bank holidays worked out from the rules, so the committed JSON can be regenerated
// (electron/cli/generate-bank-holidays.ts) and checked by a test rather than typed in by hand.
// Pure: the generator writes the file, the app reads the file, and both agree because both use this.
import { addCalendarDays, isoDateFromParts, isoWeekday } from './isoDate';

export interface BankHoliday {
  /** `yyyy-MM-dd` */
  date: string;
  title: string;
}

export interface BankHolidayFile {
  source: string;
  generatedFrom: string;
  /** Keyed by the four-digit year; each year's holidays in date order. */
  years: Record<string, BankHoliday[]>;
}

/** The years the committed file covers. Outside them the app falls back to the statutory rules alone. */
export const bankHolidayYears = { first: 2014, last: 2035 } as const;

export const bankHolidaySource =
  'Computed from the statutory rules for England and Wales (Banking and Financial Dealings Act 1971 and the annual ' +
  'royal proclamations: New Year’s Day, Good Friday, Easter Monday, Early May (first Monday in May), Spring (last ' +
  'Monday in May), Summer (last Monday in August), Christmas Day and Boxing Day, with substitute weekdays when one ' +
  'falls at a weekend; Easter by the Gregorian computus) plus these one-off changes: 2020 Early May moved to Friday ' +
  '8 May (VE Day 75); 2022 Spring moved to Thursday 2 June, the Platinum Jubilee on Friday 3 June and the State ' +
  'Funeral of Queen Elizabeth II on Monday 19 September; 2023 the Coronation of King Charles III on Monday 8 May. ' +
  'Not downloaded: check it against GOV.UK’s published list (https://www.gov.uk/bank-holidays) and add any new ' +
  'one-off to shared/calendar/bankHolidayRules.ts, then re-run the generator.';

export const bankHolidayGeneratedFrom =
  'electron/cli/generate-bank-holidays.ts, using the rules in shared/calendar/bankHolidayRules.ts';

/** Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDateFromParts(year, month, day);
}

function firstMonday(year: number, month: number): string {
  const first = isoDateFromParts(year, month, 1);
  return addCalendarDays(first, (8 - isoWeekday(first)) % 7);
}

function lastMonday(year: number, month: number): string {
  const lastDay = addCalendarDays(isoDateFromParts(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), -1);
  return addCalendarDays(lastDay, -((isoWeekday(lastDay) + 6) % 7));
}

/**
 * New Year's Day, Christmas Day and Boxing Day move to the next weekday not already taken when they fall at a
 * weekend (so Christmas on a Saturday gives Monday 27 and Tuesday 28; Christmas on a Sunday leaves Boxing Day
 * on Monday 26 and moves Christmas to Tuesday 27).
 */
function withSubstituteDays(fixedDates: BankHoliday[]): BankHoliday[] {
  const taken = new Set<string>();
  const result: BankHoliday[] = [];
  // Weekday holidays keep their own date first, so a weekend one is never moved onto them.
  for (const holiday of fixedDates) {
    if (isoWeekday(holiday.date) <= 5) {
      taken.add(holiday.date);
      result.push(holiday);
    }
  }
  for (const holiday of fixedDates) {
    if (isoWeekday(holiday.date) <= 5) continue;
    let date = holiday.date;
    while (isoWeekday(date) >= 6 || taken.has(date)) date = addCalendarDays(date, 1);
    taken.add(date);
    result.push({ date, title: `${holiday.title} (substitute day)` });
  }
  return result;
}

/** The bank holidays the standing rules give for a year, before any one-off change. */
export function statutoryBankHolidays(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const holidays = [
    ...withSubstituteDays([{ date: isoDateFromParts(year, 1, 1), title: 'New Year’s Day' }]),
    { date: addCalendarDays(easter, -2), title: 'Good Friday' },
    { date: addCalendarDays(easter, 1), title: 'Easter Monday' },
    { date: firstMonday(year, 5), title: 'Early May bank holiday' },
    { date: lastMonday(year, 5), title: 'Spring bank holiday' },
    { date: lastMonday(year, 8), title: 'Summer bank holiday' },
    ...withSubstituteDays([
      { date: isoDateFromParts(year, 12, 25), title: 'Christmas Day' },
      { date: isoDateFromParts(year, 12, 26), title: 'Boxing Day' },
    ]),
  ];
  return holidays.sort((left, right) => left.date.localeCompare(right.date));
}

export type OneOffChange =
  | { kind: 'moved'; from: string; to: BankHoliday; why: string }
  | { kind: 'added'; holiday: BankHoliday; why: string };

/** One-off changes by royal proclamation, as published on GOV.UK. Add new ones here, then re-run the generator. */
export const oneOffChanges: readonly OneOffChange[] = [
  { kind: 'moved', from: '2020-05-04', to: { date: '2020-05-08', title: 'Early May bank holiday (VE day)' }, why: '75th anniversary of VE Day' },
  { kind: 'moved', from: '2022-05-30', to: { date: '2022-06-02', title: 'Spring bank holiday' }, why: 'Platinum Jubilee long weekend' },
  { kind: 'added', holiday: { date: '2022-06-03', title: 'Platinum Jubilee bank holiday' }, why: 'Platinum Jubilee of Queen Elizabeth II' },
  { kind: 'added', holiday: { date: '2022-09-19', title: 'Bank Holiday for the State Funeral of Queen Elizabeth II' }, why: 'State Funeral' },
  { kind: 'added', holiday: { date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III' }, why: 'Coronation' },
];

/** The bank holidays for a year: the standing rules with any one-off changes applied (the table, unless given). */
export function bankHolidaysForYear(year: number, changes: readonly OneOffChange[] = oneOffChanges): BankHoliday[] {
  const holidays = statutoryBankHolidays(year);
  for (const change of changes) {
    if (change.kind === 'moved' && change.from.startsWith(`${year}-`)) {
      const index = holidays.findIndex((holiday) => holiday.date === change.from);
      // A move that no longer matches the rules means a rule or the table is wrong: fail loudly, never guess.
      if (index < 0) throw new Error(`One-off change "${change.why}" moves ${change.from}, which the rules do not give as a bank holiday`);
      holidays.splice(index, 1, change.to);
    } else if (change.kind === 'added' && change.holiday.date.startsWith(`${year}-`)) {
      if (holidays.some((holiday) => holiday.date === change.holiday.date)) {
        throw new Error(`One-off change "${change.why}" adds ${change.holiday.date}, which is already a bank holiday`);
      }
      holidays.push(change.holiday);
    }
  }
  return holidays.sort((left, right) => left.date.localeCompare(right.date));
}

/** Exactly what the generator writes to resources/calendar/bank-holidays-england-and-wales.json. */
export function buildBankHolidayFile(first: number = bankHolidayYears.first, last: number = bankHolidayYears.last): BankHolidayFile {
  const years: Record<string, BankHoliday[]> = {};
  for (let year = first; year <= last; year += 1) years[String(year)] = bankHolidaysForYear(year);
  return { source: bankHolidaySource, generatedFrom: bankHolidayGeneratedFrom, years };
}

/** One holiday per line, so a reviewer can compare the file with GOV.UK's list by eye and diffs stay small. */
export function serialiseBankHolidayFile(file: BankHolidayFile): string {
  const yearBlocks = Object.entries(file.years).map(([year, holidays]) => {
    const lines = holidays.map((holiday) => `      ${JSON.stringify({ date: holiday.date, title: holiday.title })}`);
    return `    ${JSON.stringify(year)}: [\n${lines.join(',\n')}\n    ]`;
  });
  return [
    '{',
    `  "source": ${JSON.stringify(file.source)},`,
    `  "generatedFrom": ${JSON.stringify(file.generatedFrom)},`,
    '  "years": {',
    yearBlocks.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}
