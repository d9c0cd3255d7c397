import { describe, expect, it } from 'vitest';
import { usualTermDates } from '../../../../shared/calendar';
import { daysInPeriod, resolvePeriods } from '../../../../shared/reports';

const span = (period: { from: string; to: string }) => [period.from, period.to];

// The school's confirmed dates for 2025/26 and 2026/27; other years take the usual pattern.
const termDates = [
  { schoolYear: 2025, autumn: '2025-09-03', spring: '2026-01-05', summer: '2026-04-20' },
  { schoolYear: 2026, autumn: '2026-09-02', spring: '2027-01-04', summer: '2027-04-12' },
];

describe('report periods', () => {
  it('takes terms from the school’s own dates, each running until the next begins, not from fixed months', () => {
    const { current, previous } = resolvePeriods({ kind: 'this_term' }, '2026-11-20', termDates);
    // 2 September to 20 November is 80 days; the summer term's first 80 days run from 20 April to 8 July.
    expect(span(current)).toEqual(['2026-09-02', '2026-11-20']);
    expect(daysInPeriod(current.from, current.to)).toBe(80);
    expect(span(previous)).toEqual(['2026-04-20', '2026-07-08']);
    expect(current.name).toBe('Autumn term 2026 so far');
    expect(previous.label).toBe('the same part of Summer term 2026 (20/04/2026 to 08/07/2026)');
  });

  it('counts a day in the summer holiday in the summer term, and a day of the Easter holiday in the spring term', () => {
    expect(resolvePeriods({ kind: 'this_term' }, '2026-08-10', termDates).current.from).toBe('2026-04-20');
    expect(resolvePeriods({ kind: 'this_term' }, '2026-04-10', termDates).current.from).toBe('2026-01-05');
  });

  it('goes back across the new year from the spring term to the autumn term', () => {
    const { current, previous } = resolvePeriods({ kind: 'this_term' }, '2027-02-10', termDates);
    // 4 January to 10 February is 38 days; the autumn term's first 38 days end on 9 October.
    expect(span(current)).toEqual(['2027-01-04', '2027-02-10']);
    expect(span(previous)).toEqual(['2026-09-02', '2026-10-09']);
  });

  it('compares last term, whole, with the term before it', () => {
    const { current, previous } = resolvePeriods({ kind: 'last_term' }, '2026-11-20', termDates);
    expect(span(current)).toEqual(['2026-04-20', '2026-09-01']);
    expect(span(previous)).toEqual(['2026-01-05', '2026-04-19']);
    expect(current.name).toBe('Summer term 2026');
  });

  it('compares this school year so far with the same number of days of the last, and last school year with the one before', () => {
    const thisYear = resolvePeriods({ kind: 'this_school_year' }, '2026-11-20', termDates);
    expect(span(thisYear.current)).toEqual(['2026-09-02', '2026-11-20']);
    expect(span(thisYear.previous)).toEqual(['2025-09-03', '2025-11-21']);
    const lastYear = resolvePeriods({ kind: 'last_school_year' }, '2026-11-20', termDates);
    expect(span(lastYear.current)).toEqual(['2025-09-03', '2026-09-01']);
    // 2024/25 was not confirmed: it starts on the first weekday of September 2024 (Monday 2nd).
    expect(span(lastYear.previous)).toEqual(['2024-09-02', '2025-09-02']);
    expect(lastYear.current.name).toBe('school year 2025/26');
  });

  it('suggests the usual English pattern, with the summer term after a two-week Easter holiday', () => {
    // Easter 2027 is 28 March: Easter Monday 29 March, back on Monday 5 April.
    expect(usualTermDates(2026)).toEqual({ schoolYear: 2026, autumn: '2026-09-01', spring: '2027-01-04', summer: '2027-04-05' });
    expect(usualTermDates(2025).summer).toBe('2026-04-13');
  });

  it('compares a custom period with the same number of days immediately before it', () => {
    const { current, previous } = resolvePeriods({ kind: 'custom', from: '2026-10-01', to: '2026-10-10' }, '2026-11-20');
    expect(span(current)).toEqual(['2026-10-01', '2026-10-10']);
    expect(span(previous)).toEqual(['2026-09-21', '2026-09-30']);
    expect(previous.name).toBe('the 10 days before');
  });
});
