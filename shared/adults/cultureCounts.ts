// Concerns about adults in the culture report: counts only, by term — low-level concerns recorded, allegations, and
// allegations by outcome — every count from 1 to 4 suppressed whoever reads the report, so nobody can tell from a
// number which adult, or that an allegation about themselves exists. No names, no details.
import { termContaining, type SchoolYearTerms, type TermName } from '../calendar/termDates';
import type { AdultConcernKind } from '../access/adultConcernRules';
import { countFigure } from '../reports/suppression';
import type { Figure } from '../reports/reportSchema';
import { allegationOutcomes, type AllegationOutcome } from './retention';

export interface AdultCountRow {
  kind: AdultConcernKind;
  /** London date recorded. */
  recordedOn: string;
  outcome: AllegationOutcome | null;
}

export interface AdultTermCounts {
  term: string;
  lowLevel: Figure;
  allegations: Figure;
  outcomes: Record<AllegationOutcome | 'open', Figure>;
}

const termLabel = (term: { name: TermName; schoolYear: number }) => `${term.name} term ${term.name === 'Autumn' ? term.schoolYear : term.schoolYear + 1}`;

/** One row per term that has any record in the period, oldest first. */
export function adultConcernTermCounts(rows: readonly AdultCountRow[], period: { from: string; to: string }, termDates: readonly SchoolYearTerms[]): AdultTermCounts[] {
  const byTerm = new Map<string, { from: string; rows: AdultCountRow[] }>();
  for (const row of rows) {
    if (row.recordedOn < period.from || row.recordedOn > period.to) continue;
    const term = termContaining(row.recordedOn, termDates);
    const key = termLabel(term);
    const entry = byTerm.get(key) ?? { from: term.from, rows: [] };
    entry.rows.push(row);
    byTerm.set(key, entry);
  }
  return [...byTerm.entries()]
    .sort(([, a], [, b]) => a.from.localeCompare(b.from))
    .map(([term, { rows: inTerm }]) => {
      const allegations = inTerm.filter((row) => row.kind === 'allegation');
      const outcomes = Object.fromEntries(
        [...allegationOutcomes, 'open' as const].map((outcome) => [outcome, countFigure(allegations.filter((row) => (row.outcome ?? 'open') === outcome).length, true)]),
      ) as AdultTermCounts['outcomes'];
      return { term, lowLevel: countFigure(inTerm.filter((row) => row.kind === 'low_level').length, true), allegations: countFigure(allegations.length, true), outcomes };
    });
}

export const adultCountsDefinition =
  'Low-level concerns and allegations about adults who work or volunteer at the school, by the term they were recorded, and allegations by outcome (KCSIE definitions; “open” while undecided). A malicious allegation removed from the record is still counted. Every count from 1 to 4 is shown as “fewer than 5”, for every reader.';
