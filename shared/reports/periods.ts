// Report periods. Terms come from the school's own term dates (Settings; the usual English pattern for a year it
// has not confirmed — shared/calendar/termDates): a term runs from its first day to the day before the next term
// starts, so the holiday after a term belongs to it. The school year runs from the autumn term's first day.
// Each period is shown beside the previous equivalent one:
//   this term (to today)        ↔ the term before, over the same number of days from its start
//   last term                   ↔ the term before that, whole
//   this school year (to today) ↔ the previous school year over the same number of days from its start
//   last school year            ↔ the school year before, whole
//   custom                      ↔ the same number of days immediately before
import { addCalendarDays, formatIsoDate, schoolYearOf, schoolYearSpan, termBefore, termContaining, type SchoolYearTerms, type Term } from '../calendar';
import type { PeriodChoice, ReportPeriod } from './reportSchema';

const termLabel = (term: Term) => `${term.name} term ${term.name === 'Autumn' ? term.schoolYear : term.schoolYear + 1}`;

/** Days from `from` to `to`, both included. */
export function daysInPeriod(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const range = (from: string, to: string) => `${formatIsoDate(from)} to ${formatIsoDate(to)}`;
const named = (from: string, to: string, name: string): ReportPeriod => ({ from, to, name, label: `${name} (${range(from, to)})` });

const schoolYearLabel = (start: number) => `school year ${start}/${String((start + 1) % 100).padStart(2, '0')}`;

export interface ResolvedPeriods {
  current: ReportPeriod;
  previous: ReportPeriod;
}

/** Turns a choice into the period and its previous equivalent, given today's London date and the school's term dates. */
export function resolvePeriods(choice: PeriodChoice, today: string, termDates: readonly SchoolYearTerms[] = []): ResolvedPeriods {
  switch (choice.kind) {
    case 'this_term': {
      const term = termContaining(today, termDates);
      const days = daysInPeriod(term.from, today);
      const before = termBefore(term, termDates);
      const previousTo = minDate(addCalendarDays(before.from, days - 1), before.to);
      return {
        current: named(term.from, today, `${termLabel(term)} so far`),
        previous: named(before.from, previousTo, `the same part of ${termLabel(before)}`),
      };
    }
    case 'last_term': {
      const term = termBefore(termContaining(today, termDates), termDates);
      const before = termBefore(term, termDates);
      return {
        current: named(term.from, term.to, termLabel(term)),
        previous: named(before.from, before.to, termLabel(before)),
      };
    }
    case 'this_school_year': {
      const start = schoolYearOf(today, termDates);
      const year = schoolYearSpan(start, termDates);
      const yearBefore = schoolYearSpan(start - 1, termDates);
      const previousTo = minDate(addCalendarDays(yearBefore.from, daysInPeriod(year.from, today) - 1), yearBefore.to);
      return {
        current: named(year.from, today, `${schoolYearLabel(start)} so far`),
        previous: named(yearBefore.from, previousTo, `the same part of ${schoolYearLabel(start - 1)}`),
      };
    }
    case 'last_school_year': {
      const start = schoolYearOf(today, termDates) - 1;
      const year = schoolYearSpan(start, termDates);
      const yearBefore = schoolYearSpan(start - 1, termDates);
      return {
        current: named(year.from, year.to, schoolYearLabel(start)),
        previous: named(yearBefore.from, yearBefore.to, schoolYearLabel(start - 1)),
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
