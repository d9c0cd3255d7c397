// Safeguarding culture reports: pure measures over plain rows, the periods they cover, small-number suppression
// for governors, and the narrative. The store-facing queries and the exports live in electron/core/reports.
export { buildReport, type ReportOptions } from './buildReport';
export { concernCount, summariseConcerns, summarisePeriod } from './concernFacts';
export { outcomesIn, type OutcomeSources } from './outcomes';
export { definitions, type MeasureId } from './definitions';
export { durationText } from './formatting';
export { londonDateOf, periodInstants } from './londonDays';
export { resolvePeriods, daysInPeriod, type ResolvedPeriods } from './periods';
export { schoolYearOf } from './pupilGroups';
export type { ConcernFacts, Outcomes, PeriodFacts, ReportConcern, ReportData, ReportDecision, ReportPupil, ReportReferral, ReportStaffMember } from './reportData';
export * from './reportSchema';
export { FEWER_THAN_FIVE, SMALL_NUMBER_LIMIT, WITHHELD, suppressionNote, suppressTable } from './suppression';
