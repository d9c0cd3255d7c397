// Report periods. Terms are kept simple and fixed so every school's report means the same thing:
//   Autumn 1 September – 31 December, Spring 1 January – 30 April, Summer 1 May – 31 August
// (Easter moves, so the spring/summer break is set at the end of April rather than guessed per year; holidays
// inside a term only lower the counts, the same way every year). The school year is 1 September – 31 August.
// Each period is shown beside the previous equivalent one:
//   this term (to today)        ↔ the term before, over the same number of days from its start
//   last term                   ↔ the term before that, whole
//   this school year (to today) ↔ the previous school year up to the same date
//   last school year            ↔ the school year before, whole
//   custom                      ↔ the same number of days immediately before
import { addCalendarDays, formatIsoDate } from '../calendar';
import type { PeriodChoice, ReportPeriod } from './reportSchema';

type TermName = 'Autumn' | 'Spring' | 'Summer';

interface Term {
  name: TermName;
  /** The calendar year the term's dates fall in. */
  year: number;
}

const termStartMonth: Record<TermName, number> = { Autumn: 9, Spring: 1, Summer: 5 };
const termEnd: Record<TermName, string> = { Autumn: '12-31', Spring: '04-30', Summer: '08-31' };

function termOf(isoDate: string): Term {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return { name: month >= 9 ? 'Autumn' : month >= 5 ? 'Summer' : 'Spring', year };
}

function termBefore(term: Term): Term {
  if (term.name === 'Autumn') return { name: 'Summer', year: term.year };
  if (term.name === 'Summer') return { name: 'Spring', year: term.year };
  return { name: 'Autumn', year: term.year - 1 };
}

const pad = (month: number) => String(month).padStart(2, '0');
const termFrom = (term: Term) => `${term.year}-${pad(termStartMonth[term.name])}-01`;
const termTo = (term: Term) => `${term.year}-${termEnd[term.name]}`;
const termLabel = (term: Term) => `${term.name} term ${term.year}`;

/** Days from `from` to `to`, both included. */
export function daysInPeriod(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const range = (from: string, to: string) => `${formatIsoDate(from)} to ${formatIsoDate(to)}`;
const named = (from: string, to: string, name: string): ReportPeriod => ({ from, to, name, label: `${name} (${range(from, to)})` });

function schoolYearStartOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 9 ? year : year - 1;
}
const schoolYearLabel = (start: number) => `school year ${start}/${String((start + 1) % 100).padStart(2, '0')}`;

/** The same month and day `years` earlier; 29 February becomes 28 February. */
function yearsEarlier(isoDate: string, years: number): string {
  const monthDay = isoDate.slice(5) === '02-29' ? '02-28' : isoDate.slice(5);
  return `${Number(isoDate.slice(0, 4)) - years}-${monthDay}`;
}

export interface ResolvedPeriods {
  current: ReportPeriod;
  previous: ReportPeriod;
}

/** Turns a choice into the period and its previous equivalent, given today's London date. */
export function resolvePeriods(choice: PeriodChoice, today: string): ResolvedPeriods {
  switch (choice.kind) {
    case 'this_term': {
      const term = termOf(today);
      const from = termFrom(term);
      const days = daysInPeriod(from, today);
      const before = termBefore(term);
      const previousTo = minDate(addCalendarDays(termFrom(before), days - 1), termTo(before));
      return {
        current: named(from, today, `${termLabel(term)} so far`),
        previous: named(termFrom(before), previousTo, `the same part of ${termLabel(before)}`),
      };
    }
    case 'last_term': {
      const term = termBefore(termOf(today));
      const before = termBefore(term);
      return {
        current: named(termFrom(term), termTo(term), termLabel(term)),
        previous: named(termFrom(before), termTo(before), termLabel(before)),
      };
    }
    case 'this_school_year': {
      const start = schoolYearStartOf(today);
      const from = `${start}-09-01`;
      const previousFrom = `${start - 1}-09-01`;
      const previousTo = yearsEarlier(today, 1);
      return {
        current: named(from, today, `${schoolYearLabel(start)} so far`),
        previous: named(previousFrom, previousTo, `the same part of ${schoolYearLabel(start - 1)}`),
      };
    }
    case 'last_school_year': {
      const start = schoolYearStartOf(today) - 1;
      return {
        current: named(`${start}-09-01`, `${start + 1}-08-31`, schoolYearLabel(start)),
        previous: named(`${start - 1}-09-01`, `${start}-08-31`, schoolYearLabel(start - 1)),
      };
    }
    case 'custom': {
      const days = daysInPeriod(choice.from, choice.to);
      const previousTo = addCalendarDays(choice.from, -1);
      const previousFrom = addCalendarDays(choice.from, -days);
      return {
        current: { from: choice.from, to: choice.to, name: range(choice.from, choice.to), label: range(choice.from, choice.to) },
        previous: named(previousFrom, previousTo, `the ${days} ${days === 1 ? 'day' : 'days'} before`),
      };
    }
  }
}
