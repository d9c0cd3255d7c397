// One culture report from the store: resolve the period against today, fetch both periods' rows, measure.
import { londonIsoDate } from '../../../shared/calendar';
import { buildReport, resolvePeriods, type PeriodChoice, type ReportAudience, type ReportView } from '../../../shared/reports';
import { readSettings } from '../settings';
import type { Store } from '../store';
import { loadReportData } from './reportQueries';

export function cultureReport(db: Store, choice: PeriodChoice, audience: ReportAudience, now: Date): ReportView {
  const periods = resolvePeriods(choice, londonIsoDate(now), readSettings(db).termDates);
  return buildReport(loadReportData(db, periods, now.toISOString()), { periods, audience, now });
}

/** Files are named by what and when, never by a person. */
export const reportFileStem = (view: ReportView) => `culture-report-${view.audience}-${view.period.from}-to-${view.period.to}`;
