// Which second number is withheld, and the words governors read. Withholding a larger number than needed hides
// more than it must; withholding the wrong one, or none, lets a reader subtract their way back to a child.
import { describe, expect, it } from 'vitest';
import { suppressTable } from '../../../../shared/reports';
import { shownFigure, suppressionNote } from '../../../../shared/reports/suppression';

const displays = (table: ReturnType<typeof suppressTable>) => [...table.cells.map((cell) => cell.display), table.total.display];

describe('choosing the second number to withhold', () => {
  it('withholds the smallest other non-zero number, wherever it sits in the table', () => {
    // The 4 is small; the smallest of the others is the 7, third in the column, not the 20 beside it.
    expect(displays(suppressTable([4, 20, 7, 0, 12], 43, true))).toEqual(['fewer than 5', '20', 'withheld', '0', '12', '43']);
    expect(displays(suppressTable([30, 9, 6, 4], 49, true))).toEqual(['30', '9', 'withheld', 'fewer than 5', '49']);
  });

  // Mutation testing leaves `a.index + b.index` in the tie-break alive: the candidates are built in index order and
  // Array.prototype.sort is stable, so the tie-break only restates that order (an equivalent mutant).
  it('between equal numbers, withholds the first', () => {
    expect(displays(suppressTable([3, 9, 9, 9], 30, true))).toEqual(['fewer than 5', 'withheld', '9', '9', '30']);
  });
});

describe('what governors read', () => {
  it('says a figure that could not be worked out is not available', () => {
    expect(shownFigure(null)).toEqual({ value: null, display: 'not available', suppressed: false });
    expect(shownFigure(1234)).toEqual({ value: 1234, display: '1,234', suppressed: false });
  });

  it('explains every rule in the note printed with each export', () => {
    expect(suppressionNote).toBe(
      'To protect children’s identities, any count from 1 to 4 of children or their cases is shown as “fewer than 5”. ' +
        'Where one small number could be worked out by subtracting the others from a total, another number in the same table is also withheld. ' +
        'A zero is shown as 0. Staff groups with fewer than 5 members are treated the same way, and no member of staff is named.',
    );
  });
});
