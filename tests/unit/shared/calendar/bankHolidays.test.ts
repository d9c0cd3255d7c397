import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import committedFile from '../../../../resources/calendar/bank-holidays-england-and-wales.json';
import {
  bankHolidayCoverage,
  bankHolidayName,
  bankHolidaysInYear,
  isBankHolidayEnglandWales,
} from '../../../../shared/calendar';
import {
  bankHolidaysForYear,
  buildBankHolidayFile,
  easterSunday,
  serialiseBankHolidayFile,
  statutoryBankHolidays,
  type OneOffChange,
} from '../../../../shared/calendar/bankHolidayRules';

const datesIn = (year: number) => bankHolidaysInYear(year).map((holiday) => holiday.date);

describe('England and Wales bank holidays', () => {
  it('has Easter Monday 2026 on 06/04/2026 and Good Friday on 03/04/2026', () => {
    expect(bankHolidayName('2026-04-06')).toBe('Easter Monday');
    expect(bankHolidayName('2026-04-03')).toBe('Good Friday');
    expect(isBankHolidayEnglandWales('2026-04-05')).toBe(false); // Easter Sunday is a Sunday, not a bank holiday
  });

  it.each([
    [2021, ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28']],
    [2024, ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']],
    [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']],
  ])('matches the published list for %i', (year, expected) => {
    expect(datesIn(year)).toEqual(expected);
  });

  it('moves Christmas and Boxing Day 2027 (a Saturday and Sunday) to Monday 27 and Tuesday 28 December', () => {
    expect(isBankHolidayEnglandWales('2027-12-25')).toBe(false);
    expect(isBankHolidayEnglandWales('2027-12-26')).toBe(false);
    expect(bankHolidayName('2027-12-27')).toBe('Christmas Day (substitute day)');
    expect(bankHolidayName('2027-12-28')).toBe('Boxing Day (substitute day)');
  });

  it('keeps Boxing Day on Monday 26 and moves Christmas to Tuesday 27 when Christmas is a Sunday (2022)', () => {
    expect(bankHolidayName('2022-12-26')).toBe('Boxing Day');
    expect(bankHolidayName('2022-12-27')).toBe('Christmas Day (substitute day)');
  });

  it('moves New Year’s Day at a weekend to the Monday (2022 and 2023)', () => {
    expect(bankHolidayName('2022-01-03')).toBe('New Year’s Day (substitute day)');
    expect(bankHolidayName('2023-01-02')).toBe('New Year’s Day (substitute day)');
    expect(isBankHolidayEnglandWales('2023-01-01')).toBe(false);
  });

  it('moved the 2020 early May bank holiday to Friday 8 May for VE Day', () => {
    expect(isBankHolidayEnglandWales('2020-05-04')).toBe(false);
    expect(bankHolidayName('2020-05-08')).toContain('Early May');
  });

  it('has the 2022 Platinum Jubilee weekend and the State Funeral', () => {
    expect(isBankHolidayEnglandWales('2022-05-30')).toBe(false);
    expect(bankHolidayName('2022-06-02')).toBe('Spring bank holiday');
    expect(bankHolidayName('2022-06-03')).toBe('Platinum Jubilee bank holiday');
    expect(bankHolidayName('2022-09-19')).toContain('State Funeral of Queen Elizabeth II');
    expect(datesIn(2022)).toHaveLength(10);
  });

  it('has the 2023 Coronation bank holiday on Monday 8 May as well as early May on the 1st', () => {
    expect(bankHolidayName('2023-05-08')).toContain('coronation of King Charles III');
    expect(bankHolidayName('2023-05-01')).toBe('Early May bank holiday');
    expect(datesIn(2023)).toHaveLength(9);
  });

  it('does not count days that are bank holidays only in Scotland or Northern Ireland', () => {
    expect(isBankHolidayEnglandWales('2026-01-02')).toBe(false); // Scotland
    expect(isBankHolidayEnglandWales('2026-03-17')).toBe(false); // St Patrick’s Day, Northern Ireland
    expect(isBankHolidayEnglandWales('2026-11-30')).toBe(false); // St Andrew’s Day, Scotland
  });

  it('covers 2014 to 2035 from the committed file', () => {
    expect(bankHolidayCoverage).toEqual({ firstYear: 2014, lastYear: 2035 });
    expect(Object.keys(committedFile.years)).toHaveLength(22);
  });

  it('falls back to the statutory rules outside the file, so a deadline in 2036 still skips Easter', () => {
    expect(bankHolidayName('2036-04-14')).toBe('Easter Monday'); // Easter Sunday 2036 is 13 April
    expect(datesIn(2036)).toEqual(statutoryBankHolidays(2036).map((holiday) => holiday.date));
  });

  it('refuses a malformed or impossible date rather than answering "not a holiday"', () => {
    expect(() => isBankHolidayEnglandWales('25/12/2026')).toThrow(RangeError);
    expect(() => isBankHolidayEnglandWales('2026-02-30')).toThrow(RangeError);
  });
});

describe('the bank holiday generator', () => {
  it('reproduces the committed JSON exactly, so the file cannot drift from the rules', () => {
    const regenerated = buildBankHolidayFile();
    expect(committedFile).toEqual(regenerated);
    const committedText = readFileSync(new URL('../../../../resources/calendar/bank-holidays-england-and-wales.json', import.meta.url), 'utf8');
    expect(committedText).toBe(serialiseBankHolidayFile(regenerated));
  });

  it('says where the data came from and that it must be checked against GOV.UK', () => {
    expect(committedFile.source).toMatch(/statutory rules/);
    expect(committedFile.source).toMatch(/gov\.uk\/bank-holidays/);
    expect(committedFile.generatedFrom).toContain('electron/cli/generate-bank-holidays.ts');
  });

  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'], // the latest possible Easter is 25 April; 2011 came close
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'], // the earliest possible Easter
  ])('computes Easter Sunday %i as %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('puts every year’s holidays on weekdays, in date order, with no duplicates', () => {
    for (const [year, holidays] of Object.entries(buildBankHolidayFile().years)) {
      const dates = holidays.map((holiday) => holiday.date);
      expect([...dates].sort(), year).toEqual(dates);
      expect(new Set(dates).size, year).toBe(dates.length);
      for (const date of dates) expect([0, 6], date).not.toContain(new Date(`${date}T12:00:00Z`).getUTCDay());
    }
  });
});

describe('the rules behind the file', () => {
  // Easter's extremes and century years, beyond the file's years: the computus must hold wherever a deadline falls.
  it.each([
    [1818, '1818-03-22'], // the earliest date Easter can fall
    [1900, '1900-04-15'],
    [1943, '1943-04-25'], // the latest
    // The years where the computus's correction term (m) is not zero: a slip in its sign moves only these.
    [1954, '1954-04-18'],
    [1981, '1981-04-19'],
    [2049, '2049-04-18'],
    [2076, '2076-04-19'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2024, '2024-03-31'],
    [2038, '2038-04-25'],
    [2100, '2100-03-28'],
    [2285, '2285-03-22'],
  ])('puts Easter Sunday %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  const move = (from: string, to: string): OneOffChange => ({ kind: 'moved', from, to: { date: to, title: 'Moved for a test' }, why: 'A test move' });
  const add = (date: string): OneOffChange => ({ kind: 'added', holiday: { date, title: 'Added for a test' }, why: 'A test addition' });

  it('refuses a one-off move of a day the rules do not give, rather than guessing which day was meant', () => {
    expect(() => bankHolidaysForYear(2026, [move('2026-05-05', '2026-05-08')])).toThrow('One-off change "A test move" moves 2026-05-05, which the rules do not give as a bank holiday');
  });

  it('refuses a one-off addition of a day that is already a bank holiday', () => {
    expect(() => bankHolidaysForYear(2026, [add('2026-12-25')])).toThrow('One-off change "A test addition" adds 2026-12-25, which is already a bank holiday');
  });

  it('applies a one-off change in its own year only, and keeps the year in date order after it', () => {
    const statutory = statutoryBankHolidays(2026);
    expect(bankHolidaysForYear(2026, [move('2027-05-03', '2027-05-07'), add('2027-06-04')])).toEqual(statutory);
    const changed = bankHolidaysForYear(2026, [move('2026-05-04', '2026-05-08'), add('2026-02-02')]);
    expect(changed.map((holiday) => holiday.date)).toEqual(['2026-01-01', '2026-02-02', '2026-04-03', '2026-04-06', '2026-05-08', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
    expect(changed.find((holiday) => holiday.date === '2026-05-08')?.title).toBe('Moved for a test');
  });
});
