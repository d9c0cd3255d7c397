// One culture report from the store: resolve the period against today, fetch both periods' rows, measure.
import { londonIsoDate } from '../../../shared/calendar';
import { adultConcernTermCounts, adultCountsDefinition } from '../../../shared/adults';
import { buildReport, periodInstants, resolvePeriods, type PeriodChoice, type ReportAudience, type ReportView } from '../../../shared/reports';
import { adultConcernCountRows } from '../adults';
import { readSettings } from '../settings';
import type { Store } from '../store';
import { loadReportData } from './reportQueries';

export function cultureReport(db: Store, choice: PeriodChoice, audience: ReportAudience, now: Date): ReportView {
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
