// A school's terms, from the first day of each. Every school sets its own dates (academies and voluntary-aided
// schools differ from their council), so these come from settings; the usual English pattern below is only the
// suggestion shown for the school to confirm, and what a report uses for a year the school has not set.
// A term runs from its first day to the day before the next term starts: the holiday after a term belongs to it,
// so every day of the year is in exactly one term and term-on-term comparisons cover the whole year.
import { easterSunday } from './bankHolidayRules';
import { addCalendarDays, isoDateFromParts, isoWeekday } from './isoDate';

export type TermName = 'Autumn' | 'Spring' | 'Summer';
export const termNames: readonly TermName[] = ['Autumn', 'Spring', 'Summer'];

/** The first day of each term of the school year that starts in September of `schoolYear`. */
export interface SchoolYearTerms {
  schoolYear: number;
  autumn: string;
  spring: string;
  summer: string;
}

export interface Term {
  name: TermName;
  schoolYear: number;
  from: string;
  to: string;
}

/** The first day on or after `isoDate` that falls on `weekday` (Monday = 1). */
function firstOnOrAfter(isoDate: string, weekdays: readonly number[]): string {
  let day = isoDate;
  while (!weekdays.includes(isoWeekday(day))) day = addCalendarDays(day, 1);
  return day;
}

/**
 * The usual pattern in England: autumn from the first weekday of September, spring from the first Monday on or
 * after 2 January, summer from the Monday a week after Easter Monday (two weeks' Easter holiday).
 */
export function usualTermDates(schoolYear: number): SchoolYearTerms {
  return {
    schoolYear,
    autumn: firstOnOrAfter(isoDateFromParts(schoolYear, 9, 1), [1, 2, 3, 4, 5]),
    spring: firstOnOrAfter(isoDateFromParts(schoolYear + 1, 1, 2), [1]),
    summer: addCalendarDays(easterSunday(schoolYear + 1), 8),
  };
}

/** The school's dates for a school year, or the usual pattern where it has not set them. */
export function termDatesFor(schoolYear: number, set: readonly SchoolYearTerms[]): SchoolYearTerms {
  return set.find((year) => year.schoolYear === schoolYear) ?? usualTermDates(schoolYear);
}

/** The school year (by its starting calendar year) that `isoDate` falls in. */
export function schoolYearOf(isoDate: string, set: readonly SchoolYearTerms[]): number {
  const year = Number(isoDate.slice(0, 4));
  return isoDate >= termDatesFor(year, set).autumn ? year : year - 1;
}

/** First and last day of a school year: its autumn term's first day to the day before the next one's. */
export function schoolYearSpan(schoolYear: number, set: readonly SchoolYearTerms[]): { from: string; to: string } {
  return { from: termDatesFor(schoolYear, set).autumn, to: addCalendarDays(termDatesFor(schoolYear + 1, set).autumn, -1) };
}

function termsOfYear(schoolYear: number, set: readonly SchoolYearTerms[]): Term[] {
  const dates = termDatesFor(schoolYear, set);
  const nextAutumn = termDatesFor(schoolYear + 1, set).autumn;
  return [
    { name: 'Autumn', schoolYear, from: dates.autumn, to: addCalendarDays(dates.spring, -1) },
    { name: 'Spring', schoolYear, from: dates.spring, to: addCalendarDays(dates.summer, -1) },
    { name: 'Summer', schoolYear, from: dates.summer, to: addCalendarDays(nextAutumn, -1) },
  ];
}

export function termContaining(isoDate: string, set: readonly SchoolYearTerms[]): Term {
  const terms = termsOfYear(schoolYearOf(isoDate, set), set);
  return terms.find((term) => isoDate >= term.from && isoDate <= term.to) ?? terms[0]!;
}

export function termBefore(term: Term, set: readonly SchoolYearTerms[]): Term {
  return termContaining(addCalendarDays(term.from, -1), set);
}

/**
 * Why a school year's dates cannot be right, by field, or nothing. Each term must start in its usual season and
 * after the one before it, so a typo (a summer date in the wrong year) is caught where it was typed.
 */
export function termDatesProblems(year: SchoolYearTerms): Partial<Record<'autumn' | 'spring' | 'summer', string>> {
  const y = year.schoolYear;
  const problems: Partial<Record<'autumn' | 'spring' | 'summer', string>> = {};
  const between = (date: string, from: string, to: string) => date >= from && date <= to;
  if (!between(year.autumn, isoDateFromParts(y, 8, 15), isoDateFromParts(y, 9, 30))) problems.autumn = `The autumn term starts between 15/08/${y} and 30/09/${y}`;
  if (!between(year.spring, isoDateFromParts(y, 12, 15), isoDateFromParts(y + 1, 1, 31))) problems.spring = `The spring term starts between 15/12/${y} and 31/01/${y + 1}`;
  if (!between(year.summer, isoDateFromParts(y + 1, 3, 15), isoDateFromParts(y + 1, 5, 15))) problems.summer = `The summer term starts between 15/03/${y + 1} and 15/05/${y + 1}`;
  return problems;
}
