// How long a school keeps its own copy of a child-protection file after sending it to the child's new school.
import { addYears, format } from 'date-fns';
import type { TransferRetentionRule } from '../api/commands';

/** A yyyy-MM-dd date moved on whole years; 29 February becomes 28 February in a year without one. */
function addWholeYears(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return format(addYears(new Date(year, month - 1, day), years), 'yyyy-MM-dd');
}

/** The last day the copy is kept: the child's 25th birthday, or the chosen number of years after it was sent. */
export function retainUntil(retention: { rule: TransferRetentionRule; years: number }, file: { dateOfBirth: string; sentOn: string }): string {
  return retention.rule === 'until_age_25' ? addWholeYears(file.dateOfBirth, 25) : addWholeYears(file.sentOn, retention.years);
}
