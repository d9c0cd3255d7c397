// Puts the measures together into the report a headteacher or the governors see. Suppression is applied here,
// once, so the dashboard, the CSV and the PDF cannot disagree about what governors may see.
import { staffGroupLabels, staffGroups } from '../access/roles';
import { londonIsoDate, WorkingCalendar } from '../calendar';
import { decisionKinds, decisionLabels, type DecisionKind } from '../casework/vocabulary';
import { categoryLabel, childrenByGender, childrenBySen, childrenWithRepeatConcerns, concernsByCategory, concernsByYearGroup, concernsPerPupil, type Tally } from './breakdowns';
import { concernCount } from './concernFacts';
import { bucketsFor, countPerBucket, granularityFor } from './concernVolume';
import { definitions } from './definitions';
import { durationText } from './formatting';
import { periodInstants } from './londonDays';
import { writeNarrative } from './narrative';
import { overdueActions } from './outcomes';
import type { ResolvedPeriods } from './periods';
import { compareYearGroups, genderGroups, senGroups, yearGroupLabel } from './pupilGroups';
import type { ReportData, ReportPupil } from './reportData';
import type { Breakdown, Comparison, Figure, ReportAudience, ReportView } from './reportSchema';
import { immediateDangerOf, responsivenessOf } from './responsiveness';
import { changeText, percentOf, pointsChangeText, trendOf } from './statistics';
import { countFigure, isSmallNumber, shownFigure, suppressedFigure, suppressionNote, suppressTable, WITHHELD } from './suppression';
import { vigilanceOf } from './vigilance';

export interface ReportOptions {
  periods: ResolvedPeriods;
  audience: ReportAudience;
  now: Date;
}

const compare = (current: Figure, previous: Figure): Comparison => ({ current, previous, change: changeText(current.value, previous.value) });
/** Two shares side by side: their change is in percentage points. */
const compareShares = (current: Figure, previous: Figure): Comparison => ({ current, previous, change: pointsChangeText(current.value, previous.value) });

const percentFigure = (part: number, whole: number): Figure => {
  const percent = percentOf(part, whole);
  return percent === null ? shownFigure(null, 'not available') : shownFigure(percent, `${percent}%`);
};

const minutesFigure = (minutes: number | null, none = 'none read'): Figure => (minutes === null ? shownFigure(null, none) : shownFigure(Math.round(minutes), durationText(minutes)));

/** A share worked out from counts, withheld whenever a count behind it is suppressed. */
const shareOf = (part: Figure, whole: Figure): Figure =>
  part.value === null || whole.value === null ? (part.suppressed || whole.suppressed ? suppressedFigure(WITHHELD) : shownFigure(null, 'not available')) : percentFigure(part.value, whole.value);

function breakdown(title: string, definition: string, keys: readonly string[], labelOf: (key: string) => string, current: Tally, previous: Tally, suppress: boolean): Breakdown {
  const currentColumn = suppressTable(keys.map((key) => current.counts.get(key) ?? 0), current.total, suppress);
  const previousColumn = suppressTable(keys.map((key) => previous.counts.get(key) ?? 0), previous.total, suppress);
  return {
    title,
    definition,
    rows: keys.map((key, index) => ({ key, label: labelOf(key), ...compare(currentColumn.cells[index]!, previousColumn.cells[index]!) })),
    total: compare(currentColumn.total, previousColumn.total),
  };
}

/** Keys in either period, largest (this period, then the one before) first. */
function keysByCount(current: Tally, previous: Tally, labelOf: (key: string) => string): string[] {
  const keys = new Set([...current.counts.keys(), ...previous.counts.keys()]);
  return [...keys].sort((a, b) => (current.counts.get(b) ?? 0) - (current.counts.get(a) ?? 0) || (previous.counts.get(b) ?? 0) - (previous.counts.get(a) ?? 0) || labelOf(a).localeCompare(labelOf(b)));
}

const keysInOrder = (order: readonly string[], current: Tally, previous: Tally) => {
  const extra = [...new Set([...current.counts.keys(), ...previous.counts.keys()])].filter((key) => !order.includes(key));
  return [...order.filter((key) => current.counts.has(key) || previous.counts.has(key)), ...extra];
};

export function buildReport(data: ReportData, options: ReportOptions): ReportView {
  const { periods, audience, now } = options;
  const suppress = audience === 'governors';
  const today = londonIsoDate(now);
  const current = periodInstants(periods.current.from, periods.current.to);
  const previous = periodInstants(periods.previous.from, periods.previous.to);
  const factsNow = data.current.concerns;
  const factsBefore = data.previous.concerns;
  const concernsNow = concernCount(factsNow);
  const concernsBefore = concernCount(factsBefore);
  const perPupilNow = concernsPerPupil(factsNow);
  const perPupilBefore = concernsPerPupil(factsBefore);
  const pupils = new Map<string, ReportPupil>(data.pupils.map((pupil) => [pupil.id, pupil]));

  // Concerns logged, over time.
  const granularity = granularityFor(periods.current);
  const buckets = bucketsFor(periods.current, granularity);
  const currentSeries = countPerBucket(factsNow.readingByDay, periods.current, granularity);
  const previousSeries = countPerBucket(factsBefore.readingByDay, periods.previous, granularity);

  // Breadth of vigilance.
  const vigilanceNow = vigilanceOf(factsNow.authorIds, data.staff, current.start, current.end);
  const vigilanceBefore = vigilanceOf(factsBefore.authorIds, data.staff, previous.start, previous.end);
  const groupActive = staffGroups.map((group) => vigilanceNow.byGroup[group].active);
  const groupActiveBefore = staffGroups.map((group) => vigilanceBefore.byGroup[group].active);
  const loggedColumn = suppressTable(staffGroups.map((group) => vigilanceNow.byGroup[group].logged), vigilanceNow.logged.size, suppress, (index) => isSmallNumber(groupActive[index]!));
  const loggedBefore = suppressTable(staffGroups.map((group) => vigilanceBefore.byGroup[group].logged), vigilanceBefore.logged.size, suppress, (index) => isSmallNumber(groupActiveBefore[index]!));
  // For governors the whole staff is a group like the others: fewer than 5 active accounts withholds its figures.
  const staffCount = (value: number, active: number) => (suppress && isSmallNumber(active) ? countFigure(value, true) : shownFigure(value));
  const staffWhoLogged = compare(staffCount(vigilanceNow.logged.size, vigilanceNow.active.length), staffCount(vigilanceBefore.logged.size, vigilanceBefore.active.length));
  const activeStaff = compare(staffCount(vigilanceNow.active.length, vigilanceNow.active.length), staffCount(vigilanceBefore.active.length, vigilanceBefore.active.length));

  // Who the concerns were about.
  const labelCategory = (key: string) => categoryLabel(key, data.categoryLabels);
  const categoriesNow = concernsByCategory(factsNow);
  const categoriesBefore = concernsByCategory(factsBefore);
  const yearsNow = concernsByYearGroup(factsNow, pupils, today);
  const yearsBefore = concernsByYearGroup(factsBefore, pupils, today);

  // Responsiveness.
  const calendar = new WorkingCalendar({ closureDates: data.closureDates });
  const deadlineCache = new Map<string, string>();
  const readingNow = responsivenessOf(factsNow, calendar, today, deadlineCache);
  const readingBefore = responsivenessOf(factsBefore, calendar, today, deadlineCache);
  const dangerNow = immediateDangerOf(factsNow);
  const dangerBefore = immediateDangerOf(factsBefore);

  // Outcomes.
  const outcomesNow = data.current.outcomes;
  const outcomesBefore = data.previous.outcomes;
  const decisionLabel = (key: string) => decisionLabels[key as DecisionKind] ?? key;
  const decisionTally = (outcomes: typeof outcomesNow): Tally => ({ counts: outcomes.decisionsByType, total: outcomes.decisions });
  const count = (value: number) => countFigure(value, suppress);
  const referralsNow = count(outcomesNow.referralsMade);
  const referralsBefore = count(outcomesBefore.referralsMade);
  const dueNow = count(outcomesNow.referralsDue);
  const dueBefore = count(outcomesBefore.referralsDue);
  const acknowledgedNow = count(outcomesNow.acknowledgedInTime);
  const acknowledgedBefore = count(outcomesBefore.acknowledgedInTime);

  const view: ReportView = {
    audience,
    period: periods.current,
    previous: periods.previous,
    producedAt: now.toISOString(),
    narrative: [],
    suppressionNote: suppress ? suppressionNote : null,
    concernsLogged: {
      title: 'Concerns logged',
      definition: definitions.concernsLogged,
      // Suppressed like every other count for governors: a small total would also give away a table's withheld total.
      total: compare(count(concernsNow), count(concernsBefore)),
      granularity,
      series: buckets.map((bucket, index) => ({ label: bucket.label, from: bucket.from, current: currentSeries[index]!, previous: previousSeries[index] ?? null })),
      trend: trendOf(currentSeries),
      trendDefinition: definitions.trend,
    },
    vigilance: {
      title: 'Breadth of vigilance',
      definition: definitions.vigilance,
      activeStaff,
      staffWhoLogged,
      share: compareShares(shareOf(staffWhoLogged.current, activeStaff.current), shareOf(staffWhoLogged.previous, activeStaff.previous)),
      byGroup: {
        definition: definitions.vigilanceByGroup,
        rows: staffGroups.map((group, index) => ({
          group,
          label: staffGroupLabels[group],
          activeStaff: count(groupActive[index]!),
          staffWhoLogged: loggedColumn.cells[index]!,
          share: shareOf(loggedColumn.cells[index]!, shownFigure(groupActive[index]!)),
          previousShare: shareOf(loggedBefore.cells[index]!, shownFigure(groupActiveBefore[index]!)),
        })),
      },
      neverLogged: suppress
        ? null
        : vigilanceNow.active
            .filter((member) => !vigilanceNow.logged.has(member.id))
            .map((member) => ({ name: member.name, staffGroup: member.staffGroup, groupLabel: staffGroupLabels[member.staffGroup], stillActive: member.status === 'active' }))
            .sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      neverLoggedDefinition: definitions.neverLogged,
    },
    byCategory: breakdown('Concerns by category', definitions.byCategory, keysByCount(categoriesNow, categoriesBefore, labelCategory), labelCategory, categoriesNow, categoriesBefore, suppress),
    byYearGroup: breakdown('Concerns by year group', definitions.byYearGroup, [...new Set([...yearsNow.counts.keys(), ...yearsBefore.counts.keys()])].sort(compareYearGroups), yearGroupLabel, yearsNow, yearsBefore, suppress),
    bySen: breakdown('Children with concerns, by SEN status', definitions.bySen, senGroups.map((group) => group.key), (key) => senGroups.find((group) => group.key === key)!.label, childrenBySen(perPupilNow, pupils), childrenBySen(perPupilBefore, pupils), suppress),
    byGender: breakdown('Children with concerns, by sex or gender', definitions.byGender, genderGroups.map((group) => group.key), (key) => genderGroups.find((group) => group.key === key)!.label, childrenByGender(perPupilNow, pupils), childrenByGender(perPupilBefore, pupils), suppress),
    responsiveness: {
      title: 'Time to a DSL reading a concern',
      definition: definitions.responsiveness,
      readCount: compare(shownFigure(readingNow.read), shownFigure(readingBefore.read)),
      unreadCount: compare(shownFigure(readingNow.unread), shownFigure(readingBefore.unread)),
      medianMinutes: compare(minutesFigure(readingNow.medianMinutes), minutesFigure(readingBefore.medianMinutes)),
      p90Minutes: compare(minutesFigure(readingNow.p90Minutes), minutesFigure(readingBefore.p90Minutes)),
      sameSchoolDayShare: compareShares(percentFigure(readingNow.readSameSchoolDay, readingNow.sameSchoolDayEligible), percentFigure(readingBefore.readSameSchoolDay, readingBefore.sameSchoolDayEligible)),
      sameSchoolDayDefinition: definitions.sameSchoolDay,
    },
    immediateDanger: {
      title: 'Immediate-danger concerns',
      definition: definitions.immediateDanger,
      count: compare(count(dangerNow.count), count(dangerBefore.count)),
      medianMinutes: compare(minutesFigure(dangerNow.medianMinutes), minutesFigure(dangerBefore.medianMinutes)),
      slowestMinutes: compare(minutesFigure(dangerNow.slowestMinutes), minutesFigure(dangerBefore.slowestMinutes)),
      unread: compare(count(dangerNow.unread), count(dangerBefore.unread)),
    },
    outcomes: {
      decisionsByType: breakdown('Decisions by type', definitions.decisionsByType, keysInOrder(decisionKinds, decisionTally(outcomesNow), decisionTally(outcomesBefore)), decisionLabel, decisionTally(outcomesNow), decisionTally(outcomesBefore), suppress),
      referralsMade: { title: 'Referrals made', definition: definitions.referralsMade, ...compare(referralsNow, referralsBefore) },
      referralsDue: { title: 'Referrals past their acknowledgement deadline', definition: definitions.referralsDue, ...compare(dueNow, dueBefore) },
      acknowledgedInTime: { title: 'Referrals acknowledged within 1 working day', definition: definitions.acknowledgedInTime, ...compare(acknowledgedNow, acknowledgedBefore) },
      acknowledgedInTimeShare: compareShares(shareOf(acknowledgedNow, dueNow), shareOf(acknowledgedBefore, dueBefore)),
      escalated: { title: 'Escalations started', definition: definitions.escalated, ...compare(count(outcomesNow.escalated), count(outcomesBefore.escalated)) },
      earlyHelpStarted: { title: 'Early help started', definition: definitions.earlyHelpStarted, ...compare(count(outcomesNow.earlyHelpStarted), count(outcomesBefore.earlyHelpStarted)) },
      concernsClosed: { title: 'Concerns closed', definition: definitions.concernsClosed, ...compare(shownFigure(outcomesNow.concernsClosed), shownFigure(outcomesBefore.concernsClosed)) },
      overdueActionsNow: { title: 'Overdue actions today', definition: definitions.overdueActionsNow, ...shownFigure(overdueActions(data.openActionDueDates, today)) },
    },
    repeatConcerns: { title: 'Children with 3 or more concerns', definition: definitions.repeatConcerns, ...compare(count(childrenWithRepeatConcerns(perPupilNow)), count(childrenWithRepeatConcerns(perPupilBefore))) },
  };
  // Written from the finished (and, for governors, suppressed) view, so it can say nothing the view does not.
  view.narrative = writeNarrative(view);
  return view;
}
