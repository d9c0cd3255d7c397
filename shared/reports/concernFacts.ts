// The reference summary of a period's concerns: plain concerns in, the facts every concern measure is worked out
// from. The store counts the same facts with its indexes (electron/core/reports/reportQueries.ts) and a test holds
// the two to the same answer on the same school.
import { londonDateOf, minutesBetween, periodInstants } from './londonDays';
import { schoolYearOf } from './pupilGroups';
import { outcomesIn, type OutcomeSources } from './outcomes';
import type { ConcernFacts, PeriodFacts, ReportConcern } from './reportData';

/** Whole minutes from logging to first reading, never negative (a clock set back must not count as quick). */
const wholeMinutesToRead = (recordedAt: string, readAt: string) => Math.max(0, Math.round(minutesBetween(recordedAt, readAt)));

function tally<K>(counts: Map<K, number>, key: K) {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** The facts for the concerns recorded on the London dates `from`–`to` (yyyy-MM-dd, inclusive). */
export function summariseConcerns(concerns: readonly ReportConcern[], period: { from: string; to: string }): ConcernFacts {
  const { start, end } = periodInstants(period.from, period.to);
  const inPeriod = concerns.filter((concern) => concern.recordedAt >= start && concern.recordedAt < end);
  const reading = new Map<string, { recordedOn: string; readOn: string | null; concerns: number }>();
  const categories = new Map<string, number>();
  const pupilYears = new Map<string, { pupilId: string; schoolYear: number; concerns: number }>();
  const minutesToRead = new Map<number, number>();
  const facts = { immediateDangerMinutes: [] as Array<number | null>, sharedConcerns: [] as Array<{ schoolYear: number; pupilIds: string[] }>, uncategorised: 0 };
  for (const concern of inPeriod) {
    const recordedOn = londonDateOf(concern.recordedAt);
    const readOn = concern.readAt === null ? null : londonDateOf(concern.readAt);
    const day = reading.get(`${recordedOn}/${readOn}`) ?? { recordedOn, readOn, concerns: 0 };
    day.concerns += 1;
    reading.set(`${recordedOn}/${readOn}`, day);
    const minutes = concern.readAt === null ? null : wholeMinutesToRead(concern.recordedAt, concern.readAt);
    if (minutes !== null) tally(minutesToRead, minutes);
    if (concern.immediateDanger) facts.immediateDangerMinutes.push(minutes);
    const categoryIds = new Set(concern.categories);
    if (categoryIds.size === 0) facts.uncategorised += 1;
    for (const category of categoryIds) tally(categories, category);
    const schoolYear = schoolYearOf(recordedOn);
    const pupilIds = [...new Set(concern.pupilIds)];
    for (const pupilId of pupilIds) {
      const entry = pupilYears.get(`${pupilId}/${schoolYear}`) ?? { pupilId, schoolYear, concerns: 0 };
      entry.concerns += 1;
      pupilYears.set(`${pupilId}/${schoolYear}`, entry);
    }
    if (pupilIds.length > 1) facts.sharedConcerns.push({ schoolYear, pupilIds });
  }
  return {
    ...facts,
    readingByDay: [...reading.values()],
    minutesToRead: [...minutesToRead].map(([minutes, count]) => ({ minutes, concerns: count })),
    authorIds: [...new Set(inPeriod.map((concern) => concern.authorId))],
    byCategory: [...categories].map(([category, count]) => ({ category, concerns: count })),
    pupilSchoolYears: [...pupilYears.values()],
  };
}

/** How many concerns the facts cover. */
export function concernCount(facts: ConcernFacts): number {
  let total = 0;
  for (const day of facts.readingByDay) total += day.concerns;
  return total;
}

/** One period worked out the reference way, from plain concerns and outcome rows. */
export function summarisePeriod(concerns: readonly ReportConcern[], outcomeRows: OutcomeSources, period: { from: string; to: string }, asOf: string): PeriodFacts {
  const { start, end } = periodInstants(period.from, period.to);
  return { concerns: summariseConcerns(concerns, period), outcomes: outcomesIn(outcomeRows, start, end, asOf) };
}
