// One culture report from the store: resolve the period against today, fetch both periods' rows, measure.
import { londonIsoDate } from '../../../shared/calendar';
import { adultConcernTermCounts, adultCountsDefinition } from '../../../shared/adults';
import { buildReport, periodInstants, resolvePeriods, type PeriodChoice, type ReportAudience, type ReportView } from '../../../shared/reports';
// The repository itself, not the feature's index: the long-work thread (decision 0026) loads no command handlers.
import { adultConcernCountRows } from '../adults/adultConcernsRepository';
import { readSettings } from '../settings';
import type { Store } from '../store';
import { loadReportData } from './reportQueries';
import { bringTalliesUpToDate } from './reportTallies';

/** The report on this connection: folds new concerns into the tallies (a write), then reads. Run it in a transaction. */
export function cultureReport(db: Store, choice: PeriodChoice, audience: ReportAudience, now: Date): ReportView {
  bringTalliesUpToDate(db);
  return readCultureReport(db, choice, audience, now);
}

/**
 * The report read from one snapshot whose tallies are already up to date; it writes nothing, so the long-work thread
 * runs it on its read-only connection while the app's thread goes on saving (decision 0026).
 */
export function readCultureReport(db: Store, choice: PeriodChoice, audience: ReportAudience, now: Date): ReportView {
  const { termDates } = readSettings(db);
  const periods = resolvePeriods(choice, londonIsoDate(now), termDates);
  const { from, to } = periods.current;
  const adultRows = adultConcernCountRows(db, { ...periodInstants(from, to), from, to });
  return {
    ...buildReport(loadReportData(db, periods, now.toISOString()), { periods, audience, now }),
    adults: { title: 'Concerns about adults', definition: adultCountsDefinition, terms: adultConcernTermCounts(adultRows, { from, to }, termDates) },
  };
}

/** Files are named by what and when, never by a person. */
export const reportFileStem = (view: ReportView) => `culture-report-${view.audience}-${view.period.from}-to-${view.period.to}`;
