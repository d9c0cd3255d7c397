// A child's age on the date of an assessment, in completed months, and whether an indicator's age limits
// fit it. Dates are calendar dates (`yyyy-MM-dd`), so no time zone is involved.
import type { AgeBound, AgeLimits } from './packSchema';

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateParts(isoDate: string, what: string): [number, number, number] {
  const match = isoDatePattern.exec(isoDate);
  if (!match) throw new RangeError(`Expected the ${what} as yyyy-MM-dd, got "${isoDate}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * Completed months of age on `onDate` (a baby born on 15 March is 1 month old on 15 April). Negative for a
 * child not yet born, which only matters for pre-birth assessments.
 */
export function completedMonthsOfAge(dateOfBirth: string, onDate: string): number {
  const [birthYear, birthMonth, birthDay] = dateParts(dateOfBirth, 'date of birth');
  const [year, month, day] = dateParts(onDate, 'assessment date');
  const months = (year - birthYear) * 12 + (month - birthMonth);
  // A month is only complete once the day of birth comes round; 29 February birthdays complete on 1 March in
  // other years, as in English law.
  if (months > 0 && day < birthDay) return months - 1;
  if (months < 0 && day > birthDay) return months + 1;
  return months;
}

export function ageBoundInMonths(bound: AgeBound): number {
  return bound.unit === 'years' ? bound.value * 12 : bound.value;
}

/** True when a child of this age (in completed months) is inside the limits. */
export function isWithinAgeLimits(limits: AgeLimits, ageInMonths: number): boolean {
  if (limits.atLeast && ageInMonths < ageBoundInMonths(limits.atLeast)) return false;
  if (limits.under && ageInMonths >= ageBoundInMonths(limits.under)) return false;
  return true;
}

/** "aged 13 to 16", "under 13", "16 or over", "under 6 months": how the explanation names the limits. */
export function describeAgeLimits(limits: AgeLimits): string {
  const name = (bound: AgeBound) => (bound.unit === 'years' ? `${bound.value}` : `${bound.value} months`);
  if (limits.atLeast && limits.under) {
    const lastIncluded: AgeBound = { value: limits.under.value - 1, unit: limits.under.unit };
    if (limits.atLeast.unit === limits.under.unit && lastIncluded.value > limits.atLeast.value) {
      return `aged ${name(limits.atLeast)} to ${name(lastIncluded)}`;
    }
    return `aged at least ${name(limits.atLeast)} and under ${name(limits.under)}`;
  }
  if (limits.under) return `under ${name(limits.under)}`;
  if (limits.atLeast) return `${name(limits.atLeast)} or over`;
  return 'any age';
}

/** "14 years old", "5 months old": for the explanation. */
export function describeAge(ageInMonths: number): string {
  if (ageInMonths < 0) return 'not yet born';
  if (ageInMonths < 24) return ageInMonths === 1 ? '1 month old' : `${ageInMonths} months old`;
  return `${Math.floor(ageInMonths / 12)} years old`;
}

/** `2026-11-22` → `22/11/2026`, the way dates are shown throughout the product. */
export function formatIsoDateForPeople(isoDate: string): string {
  const [year, month, day] = dateParts(isoDate, 'date');
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}
