// Counts of concerns and of children, split by category, year group, SEN status and gender; and repeat concerns.
import { londonDateOf } from './londonDays';
import { genderGroupOf, genderGroups, schoolYearOf, senGroupOf, senGroups, yearGroupAt, yearGroupLabel, compareYearGroups } from './pupilGroups';
import type { ReportConcern, ReportPupil } from './reportData';

export interface Tally {
  /** Rows as keys with labels, in the order to show them. */
  counts: Map<string, number>;
  /** What the rows are parts of: concerns or children in the period. */
  total: number;
}

export const UNCATEGORISED = 'uncategorised';

/** Concerns per category; one in two categories counts in both; none yet is "uncategorised". */
export function concernsByCategory(concerns: readonly ReportConcern[]): Tally {
  const counts = new Map<string, number>();
  for (const concern of concerns) {
    const categories = concern.categories.length > 0 ? new Set(concern.categories) : [UNCATEGORISED];
    for (const category of categories) counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  return { counts, total: concerns.length };
}

export function categoryLabel(key: string, labels: Readonly<Record<string, string>>): string {
  return key === UNCATEGORISED ? 'Not yet categorised' : (labels[key] ?? key);
}

/** Concerns per year group at the time; a concern about children in two year groups counts in both. */
export function concernsByYearGroup(concerns: readonly ReportConcern[], pupils: ReadonlyMap<string, ReportPupil>, today: string): Tally {
  const counts = new Map<string, number>();
  const currentSchoolYear = schoolYearOf(today);
  for (const concern of concerns) {
    const atSchoolYear = schoolYearOf(londonDateOf(concern.recordedAt));
    const groups = new Set<string>();
    for (const pupilId of concern.pupilIds) {
      const pupil = pupils.get(pupilId);
      const reference = pupil?.leftOn ? Math.min(schoolYearOf(pupil.leftOn), currentSchoolYear) : currentSchoolYear;
      groups.add(yearGroupAt(pupil?.yearGroup ?? null, reference, atSchoolYear));
    }
    for (const group of groups) counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  return { counts: new Map([...counts].sort(([a], [b]) => compareYearGroups(a, b))), total: concerns.length };
}

export { yearGroupLabel };

function pupilsConcerned(concerns: readonly ReportConcern[]): Map<string, number> {
  const concernsPerPupil = new Map<string, number>();
  for (const concern of concerns) {
    for (const pupilId of new Set(concern.pupilIds)) concernsPerPupil.set(pupilId, (concernsPerPupil.get(pupilId) ?? 0) + 1);
  }
  return concernsPerPupil;
}

function childrenBy<K extends string>(concerns: readonly ReportConcern[], pupils: ReadonlyMap<string, ReportPupil>, keys: readonly K[], groupOf: (pupil: ReportPupil | undefined) => K): Tally {
  const counts = new Map<string, number>(keys.map((key) => [key, 0]));
  const concerned = pupilsConcerned(concerns);
  for (const pupilId of concerned.keys()) {
    const key = groupOf(pupils.get(pupilId));
    counts.set(key, counts.get(key)! + 1);
  }
  return { counts, total: concerned.size };
}

/** Children with at least one concern, by SEN status on the roster. */
export function childrenBySen(concerns: readonly ReportConcern[], pupils: ReadonlyMap<string, ReportPupil>): Tally {
  return childrenBy(concerns, pupils, senGroups.map((group) => group.key), (pupil) => senGroupOf(pupil?.senStatus ?? null));
}

/** Children with at least one concern, by gender on the roster. */
export function childrenByGender(concerns: readonly ReportConcern[], pupils: ReadonlyMap<string, ReportPupil>): Tally {
  return childrenBy(concerns, pupils, genderGroups.map((group) => group.key), (pupil) => genderGroupOf(pupil?.gender ?? null));
}

export const REPEAT_CONCERN_THRESHOLD = 3;

/** Children with three or more concerns in the period. */
export function childrenWithRepeatConcerns(concerns: readonly ReportConcern[]): number {
  let count = 0;
  for (const concernCount of pupilsConcerned(concerns).values()) if (concernCount >= REPEAT_CONCERN_THRESHOLD) count += 1;
  return count;
}
