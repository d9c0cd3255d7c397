// Counts of concerns and of children, split by category, year group, SEN status and gender; and repeat concerns.
import { concernCount } from './concernFacts';
import { genderGroupOf, genderGroups, schoolYearOf, senGroupOf, senGroups, yearGroupAt, yearGroupLabel, compareYearGroups } from './pupilGroups';
import type { ConcernFacts, ReportPupil } from './reportData';

export interface Tally {
  /** Rows as keys with labels, in the order to show them. */
  counts: ReadonlyMap<string, number>;
  /** What the rows are parts of: concerns or children in the period. */
  total: number;
}

export const UNCATEGORISED = 'uncategorised';

/** Concerns per category; one in two categories counts in both; none yet is "uncategorised". */
export function concernsByCategory(facts: ConcernFacts): Tally {
  const counts = new Map<string, number>(facts.byCategory.map((row) => [row.category, row.concerns]));
  if (facts.uncategorised > 0) counts.set(UNCATEGORISED, facts.uncategorised);
  return { counts, total: concernCount(facts) };
}

export function categoryLabel(key: string, labels: Readonly<Record<string, string>>): string {
  return key === UNCATEGORISED ? 'Not yet categorised' : (labels[key] ?? key);
}

/** Concerns per year group at the time; a concern about children in two year groups counts in both. */
export function concernsByYearGroup(facts: ConcernFacts, pupils: ReadonlyMap<string, ReportPupil>, today: string): Tally {
  const counts = new Map<string, number>();
  const currentSchoolYear = schoolYearOf(today);
  // Worked out once per pupil, not once per row: a trust has hundreds of thousands of pupil-years.
  const yearGroupOf = new Map<string, (atSchoolYear: number) => string>();
  const groupOf = (pupilId: string, atSchoolYear: number) => {
    let forPupil = yearGroupOf.get(pupilId);
    if (!forPupil) {
      const pupil = pupils.get(pupilId);
      const reference = pupil?.leftOn ? Math.min(schoolYearOf(pupil.leftOn), currentSchoolYear) : currentSchoolYear;
      const yearGroupNow = pupil?.yearGroup ?? null;
      forPupil = (at) => yearGroupAt(yearGroupNow, reference, at);
      yearGroupOf.set(pupilId, forPupil);
    }
    return forPupil(atSchoolYear);
  };
  const add = (group: string, by: number) => counts.set(group, (counts.get(group) ?? 0) + by);
  // Every pupil's concerns count in their year group; then a concern about two children in one year group, counted
  // there twice, gives one back.
  for (const row of facts.pupilSchoolYears) add(groupOf(row.pupilId, row.schoolYear), row.concerns);
  for (const shared of facts.sharedConcerns) {
    const groups = shared.pupilIds.map((pupilId) => groupOf(pupilId, shared.schoolYear));
    for (const group of new Set(groups)) add(group, 1 - groups.filter((other) => other === group).length);
  }
  return { counts: new Map([...counts].filter(([, count]) => count > 0).sort(([a], [b]) => compareYearGroups(a, b))), total: concernCount(facts) };
}

export { yearGroupLabel };

/** Concerns per pupil in the period: the children counted by SEN, by gender and for repeat concerns. */
export function concernsPerPupil(facts: ConcernFacts): ReadonlyMap<string, number> {
  const perPupil = new Map<string, number>();
  for (const row of facts.pupilSchoolYears) perPupil.set(row.pupilId, (perPupil.get(row.pupilId) ?? 0) + row.concerns);
  return perPupil;
}

function childrenBy<K extends string>(concerned: ReadonlyMap<string, number>, pupils: ReadonlyMap<string, ReportPupil>, keys: readonly K[], groupOf: (pupil: ReportPupil | undefined) => K): Tally {
  const counts = new Map<string, number>(keys.map((key) => [key, 0]));
  for (const pupilId of concerned.keys()) {
    const key = groupOf(pupils.get(pupilId));
    counts.set(key, counts.get(key)! + 1);
  }
  return { counts, total: concerned.size };
}

/** Children with at least one concern, by SEN status on the roster. */
export function childrenBySen(concerned: ReadonlyMap<string, number>, pupils: ReadonlyMap<string, ReportPupil>): Tally {
  return childrenBy(concerned, pupils, senGroups.map((group) => group.key), (pupil) => senGroupOf(pupil?.senStatus ?? null));
}

/** Children with at least one concern, by gender on the roster. */
export function childrenByGender(concerned: ReadonlyMap<string, number>, pupils: ReadonlyMap<string, ReportPupil>): Tally {
  return childrenBy(concerned, pupils, genderGroups.map((group) => group.key), (pupil) => genderGroupOf(pupil?.gender ?? null));
}

export const REPEAT_CONCERN_THRESHOLD = 3;

/** Children with three or more concerns in the period. */
export function childrenWithRepeatConcerns(concerned: ReadonlyMap<string, number>): number {
  let count = 0;
  for (const concernCount of concerned.values()) if (concernCount >= REPEAT_CONCERN_THRESHOLD) count += 1;
  return count;
}
