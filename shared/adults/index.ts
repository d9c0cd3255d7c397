// Concerns and allegations about adults (KCSIE Part 4): retention and the LADO clock, pure. Access is in shared/access.
export { adultConcernRetention, allegationOutcomeLabels, allegationOutcomes, normalPensionAge, type AdultRetention, type AllegationOutcome, type RetentionFacts } from './retention';
export { LADO_CONSULTATION_WORKING_DAYS, ladoClock, ladoConsultationDue, type LadoClockState } from './ladoClock';
export { adultConcernTermCounts, adultCountsDefinition, type AdultCountRow, type AdultTermCounts } from './cultureCounts';
