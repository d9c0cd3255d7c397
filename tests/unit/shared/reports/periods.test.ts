import { describe, expect, it } from 'vitest';
import { daysInPeriod, resolvePeriods } from '../../../../shared/reports';

const span = (period: { from: string; to: string }) => [period.from, period.to];

describe('report periods', () => {
  it('compares this term so far with the same number of days from the start of the term before', () => {
    const { current, previous } = resolvePeriods({ kind: 'this_term' }, '2026-11-20');
    // 1 September to 20 November is 81 days; the summer term's first 81 days run from 1 May to 20 July.
    expect(span(current)).toEqual(['2026-09-01', '2026-11-20']);
    expect(daysInPeriod(current.from, current.to)).toBe(81);
    expect(span(previous)).toEqual(['2026-05-01', '2026-07-20']);
    expect(current.name).toBe('Autumn term 2026 so far');
    expect(previous.label).toBe('the same part of Summer term 2026 (01/05/2026 to 20/07/2026)');
  });

  it('goes back across the new year from the spring term to the autumn term', () => {
    const { current, previous } = resolvePeriods({ kind: 'this_term' }, '2027-02-10');
    // 1 January to 10 February is 41 days; the autumn term's first 41 days end on 11 October.
    expect(span(current)).toEqual(['2027-01-01', '2027-02-10']);
    expect(span(previous)).toEqual(['2026-09-01', '2026-10-11']);
  });

  it('compares last term, whole, with the term before it', () => {
    const { current, previous } = resolvePeriods({ kind: 'last_term' }, '2026-11-20');
    expect(span(current)).toEqual(['2026-05-01', '2026-08-31']);
    expect(span(previous)).toEqual(['2026-01-01', '2026-04-30']);
    expect(current.name).toBe('Summer term 2026');
  });

  it('compares this school year so far with last year up to the same date, and last school year with the one before', () => {
    const thisYear = resolvePeriods({ kind: 'this_school_year' }, '2026-11-20');
    expect(span(thisYear.current)).toEqual(['2026-09-01', '2026-11-20']);
    expect(span(thisYear.previous)).toEqual(['2025-09-01', '2025-11-20']);
    const lastYear = resolvePeriods({ kind: 'last_school_year' }, '2026-11-20');
    expect(span(lastYear.current)).toEqual(['2025-09-01', '2026-08-31']);
    expect(span(lastYear.previous)).toEqual(['2024-09-01', '2025-08-31']);
    expect(lastYear.current.name).toBe('school year 2025/26');
  });

  it('compares a custom period with the same number of days immediately before it', () => {
    const { current, previous } = resolvePeriods({ kind: 'custom', from: '2026-10-01', to: '2026-10-10' }, '2026-11-20');
    expect(span(current)).toEqual(['2026-10-01', '2026-10-10']);
    expect(span(previous)).toEqual(['2026-09-21', '2026-09-30']);
    expect(previous.name).toBe('the 10 days before');
  });
});
