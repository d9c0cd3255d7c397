import { describe, expect, it } from 'vitest';
import { FEWER_THAN_FIVE, WITHHELD, suppressTable } from '../../../../shared/reports';

const displays = (table: ReturnType<typeof suppressTable>) => [...table.cells.map((cell) => cell.display), table.total.display];

describe('small-number suppression for governors', () => {
  it('shows 5 but not 4', () => {
    // Two small cells already, so no second cell needs withholding and the 5 stands.
    const table = suppressTable([5, 4, 3, 8], 20, true);
    expect(table.cells[0]).toEqual({ value: 5, display: '5', suppressed: false });
    expect(table.cells[1]).toEqual({ value: null, display: FEWER_THAN_FIVE, suppressed: true });
  });

  it('withholds a second cell when one suppressed cell could be worked out from the total', () => {
    // 23 − 5 − 6 − 8 would give back the 4, so the next smallest (5) is withheld as well.
    expect(displays(suppressTable([5, 4, 6, 8], 23, true))).toEqual([WITHHELD, FEWER_THAN_FIVE, '6', '8', '23']);
  });

  it('needs no second cell when two are already suppressed', () => {
    expect(displays(suppressTable([2, 3, 10], 15, true))).toEqual([FEWER_THAN_FIVE, FEWER_THAN_FIVE, '10', '15']);
  });

  it('shows 0 as 0, and never picks a zero as the second cell', () => {
    expect(displays(suppressTable([0, 3, 0, 12], 15, true))).toEqual(['0', FEWER_THAN_FIVE, '0', WITHHELD, '15']);
  });

  it('suppresses a small total, and the total when nothing else could be withheld', () => {
    expect(displays(suppressTable([3, 0], 3, true))).toEqual([FEWER_THAN_FIVE, '0', FEWER_THAN_FIVE]);
    // Rows that can overlap (categories): the only non-zero cell is suppressed, so the total goes too.
    expect(displays(suppressTable([4, 0], 9, true))).toEqual([FEWER_THAN_FIVE, '0', FEWER_THAN_FIVE]);
  });

  it('leaves every number alone for the headteacher', () => {
    expect(displays(suppressTable([5, 4, 1], 10, false))).toEqual(['5', '4', '1', '10']);
  });

  it('never carries a suppressed number in the figure itself', () => {
    const table = suppressTable([1, 2, 30], 33, true);
    expect(JSON.stringify(table)).not.toMatch(/"value":(1|2),/);
  });
});
