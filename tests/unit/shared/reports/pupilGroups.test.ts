import { describe, expect, it } from 'vitest';
import { genderGroupOf, senGroupOf, yearGroupAt } from '../../../../shared/reports/pupilGroups';
import { trendOf } from '../../../../shared/reports/statistics';

describe('roster groups', () => {
  it('moves a child back one year group for every September since the concern', () => {
    expect(yearGroupAt('5', 2026, 2026)).toBe('5');
    expect(yearGroupAt('5', 2026, 2024)).toBe('3');
    expect(yearGroupAt('1', 2026, 2025)).toBe('R');
    // Not yet at school then: not a year group at all.
    expect(yearGroupAt('R', 2026, 2023)).toBe('not_recorded');
    expect(yearGroupAt('Y7 Unit', 2026, 2020)).toBe('Y7 UNIT');
    expect(yearGroupAt(null, 2026, 2026)).toBe('not_recorded');
  });

  it('reads SEN status and gender however the MIS writes them', () => {
    expect(['K - SEN Support', 'SEN support', 'E - EHC Plan', 'N - No Special Educational Need', '', null, 'S'].map(senGroupOf)).toEqual(['sen_support', 'sen_support', 'ehc_plan', 'none', 'unknown', 'unknown', 'unknown']);
    expect(['F', 'female', 'M', 'Boy', 'X', null].map(genderGroupOf)).toEqual(['female', 'female', 'male', 'male', 'other', 'other']);
  });

  it('calls a trend only when a fitted line moves by a tenth of the average', () => {
    expect(trendOf([10, 12, 14, 16])).toBe('rising');
    expect(trendOf([16, 14, 12, 10])).toBe('falling');
    expect(trendOf([10, 10, 11, 10])).toBe('steady');
  });
});
