// Small numbers in anything for governors (docs: the governors' note printed with every export).
//
// - A count of 1–4 is shown as "fewer than 5" (primary suppression).
// - 0 is shown as 0: a true zero says no child is in that group, which names nobody, and DfE statistics do the same.
// - In a table with a total, one suppressed cell could be recovered by subtracting the others from the total, so
//   when exactly one cell is suppressed the next smallest non-zero cell is withheld too (secondary suppression,
//   shown as "withheld"); if no other cell can be withheld, the total is suppressed instead.
// - A total of 1–4 is itself "fewer than 5".
// Suppressed numbers are dropped (value null), so they never reach the page, the CSV or the PDF.
import type { Figure } from './reportSchema';

export const SMALL_NUMBER_LIMIT = 5;
export const FEWER_THAN_FIVE = 'fewer than 5';
export const WITHHELD = 'withheld';

export const isSmallNumber = (count: number) => count > 0 && count < SMALL_NUMBER_LIMIT;

export const shownFigure = (value: number | null, display: string = value === null ? 'not available' : value.toLocaleString('en-GB')): Figure => ({ value, display, suppressed: false });

export const suppressedFigure = (display = FEWER_THAN_FIVE): Figure => ({ value: null, display, suppressed: true });

/** One count on its own (no total beside it to subtract from): primary suppression only, when `suppress` is set. */
export function countFigure(count: number, suppress: boolean): Figure {
  return suppress && isSmallNumber(count) ? suppressedFigure() : shownFigure(count);
}

export interface SuppressedTable {
  cells: Figure[];
  total: Figure;
}

/**
 * Protects one column of a table: `counts` and their `total` (which may exceed their sum when a row can count in
 * more than one cell). `needsSuppression` says which cells are too small: by default counts of 1–4; for staff
 * groups, every group of fewer than 5 people, even where the count is 0 ("0 of 2 logged" names two people).
 */
export function suppressTable(counts: readonly number[], total: number, suppress: boolean, needsSuppression: (index: number) => boolean = (index) => isSmallNumber(counts[index]!)): SuppressedTable {
  if (!suppress) return { cells: counts.map((count) => shownFigure(count)), total: shownFigure(total) };
  const primary = new Set(counts.map((_, index) => index).filter(needsSuppression));
  const secondary = new Set<number>();
  let totalSuppressed = isSmallNumber(total);
  if (primary.size === 1 && !totalSuppressed) {
    const candidates = counts.map((count, index) => ({ count, index })).filter(({ count, index }) => count > 0 && !primary.has(index));
    candidates.sort((a, b) => a.count - b.count || a.index - b.index);
    if (candidates[0]) secondary.add(candidates[0].index);
    else totalSuppressed = true;
  }
  return {
    cells: counts.map((count, index) => (primary.has(index) ? suppressedFigure() : secondary.has(index) ? suppressedFigure(WITHHELD) : shownFigure(count))),
    total: totalSuppressed ? suppressedFigure() : shownFigure(total),
  };
}

export const suppressionNote =
  'To protect children’s identities, any count from 1 to 4 of children or their cases is shown as “fewer than 5”. ' +
  'Where one small number could be worked out by subtracting the others from a total, another number in the same table is also withheld. ' +
  'A zero is shown as 0. Staff groups with fewer than 5 members are treated the same way, and no member of staff is named.';
