// The measures as CSV, one row per figure: section, measure, breakdown, this period, previous period, change and
// the definition. Built from the report view, so a governors' CSV carries exactly the suppressed figures.
import { formatDateTime } from '../../../shared/calendar';
import type { Breakdown, Comparison, Figure, ReportView } from '../../../shared/reports';
import { csvDocument } from './csvFile';

type Row = Array<string | number | null>;

const shown = (figure: Figure) => figure.display;
const comparisonRow = (section: string, measure: string, breakdown: string, comparison: Comparison, definition: string): Row => [section, measure, breakdown, shown(comparison.current), shown(comparison.previous), comparison.change ?? '', definition];

const breakdownRows = (section: string, table: Breakdown): Row[] => [
  ...table.rows.map((row) => comparisonRow(section, table.title, row.label, row, table.definition)),
  comparisonRow(section, table.title, 'Total', table.total, table.definition),
];

export function reportCsv(view: ReportView): Buffer {
  const { concernsLogged, vigilance, responsiveness, immediateDanger, outcomes } = view;
  const records: Row[] = [
    ['Safeguarding culture report', view.audience === 'governors' ? 'For governors' : 'For the headteacher'],
    ['Period', view.period.label],
    ['Compared with', view.previous.label],
    ['Produced on', formatDateTime(new Date(view.producedAt))],
    ...(view.suppressionNote ? [['Small numbers', view.suppressionNote]] : []),
    [],
    ['Section', 'Measure', 'Breakdown', 'This period', 'Previous period', 'Change', 'Definition'],
    comparisonRow('Concerns logged', concernsLogged.title, 'Total', concernsLogged.total, concernsLogged.definition),
    ...concernsLogged.series.map((point): Row => ['Concerns logged', `Concerns per ${concernsLogged.granularity}`, point.label, point.current, point.previous, '', concernsLogged.definition]),
    ['Concerns logged', 'Trend', '', concernsLogged.trend, '', '', concernsLogged.trendDefinition],
    comparisonRow('Breadth of vigilance', 'Active staff accounts', 'All staff', vigilance.activeStaff, vigilance.definition),
    comparisonRow('Breadth of vigilance', 'Staff who logged at least one concern', 'All staff', vigilance.staffWhoLogged, vigilance.definition),
    comparisonRow('Breadth of vigilance', 'Share of staff who logged at least one concern', 'All staff', vigilance.share, vigilance.definition),
    ...vigilance.byGroup.rows.map((row): Row => ['Breadth of vigilance', 'Share of staff who logged at least one concern', row.label, `${shown(row.share)} (${shown(row.staffWhoLogged)} of ${shown(row.activeStaff)})`, shown(row.previousShare), '', vigilance.byGroup.definition]),
    ...breakdownRows('Concerns and children', view.byCategory),
    ...breakdownRows('Concerns and children', view.byYearGroup),
    ...breakdownRows('Concerns and children', view.bySen),
    ...breakdownRows('Concerns and children', view.byGender),
    comparisonRow('Responsiveness', 'Concerns read by a DSL', '', responsiveness.readCount, responsiveness.definition),
    comparisonRow('Responsiveness', 'Concerns not yet read', '', responsiveness.unreadCount, responsiveness.definition),
    comparisonRow('Responsiveness', 'Median time to DSL read', '', responsiveness.medianMinutes, responsiveness.definition),
    comparisonRow('Responsiveness', '90th percentile time to DSL read', '', responsiveness.p90Minutes, responsiveness.definition),
    comparisonRow('Responsiveness', 'Read the same school day', '', responsiveness.sameSchoolDayShare, responsiveness.sameSchoolDayDefinition),
    comparisonRow('Immediate danger', immediateDanger.title, '', immediateDanger.count, immediateDanger.definition),
    comparisonRow('Immediate danger', 'Median time to DSL read', '', immediateDanger.medianMinutes, immediateDanger.definition),
    comparisonRow('Immediate danger', 'Slowest time to DSL read', '', immediateDanger.slowestMinutes, immediateDanger.definition),
    comparisonRow('Immediate danger', 'Not yet read', '', immediateDanger.unread, immediateDanger.definition),
    ...breakdownRows('Outcomes', outcomes.decisionsByType),
    comparisonRow('Outcomes', outcomes.referralsMade.title, '', outcomes.referralsMade, outcomes.referralsMade.definition),
    comparisonRow('Outcomes', outcomes.referralsDue.title, '', outcomes.referralsDue, outcomes.referralsDue.definition),
    comparisonRow('Outcomes', outcomes.acknowledgedInTime.title, '', outcomes.acknowledgedInTime, outcomes.acknowledgedInTime.definition),
    comparisonRow('Outcomes', outcomes.acknowledgedInTime.title, 'Share of referrals past their deadline', outcomes.acknowledgedInTimeShare, outcomes.acknowledgedInTime.definition),
    comparisonRow('Outcomes', outcomes.escalated.title, '', outcomes.escalated, outcomes.escalated.definition),
    comparisonRow('Outcomes', outcomes.earlyHelpStarted.title, '', outcomes.earlyHelpStarted, outcomes.earlyHelpStarted.definition),
    comparisonRow('Outcomes', outcomes.concernsClosed.title, '', outcomes.concernsClosed, outcomes.concernsClosed.definition),
    ['Outcomes', outcomes.overdueActionsNow.title, '', shown(outcomes.overdueActionsNow), '', '', outcomes.overdueActionsNow.definition],
    comparisonRow('Repeat concerns', view.repeatConcerns.title, '', view.repeatConcerns, view.repeatConcerns.definition),
    [],
    ['Summary'],
    ...view.narrative.map((sentence): Row => [sentence]),
  ];
  if (view.vigilance.neverLogged) {
    records.push([], ['Staff who logged no concern in the period (headteacher only)', view.vigilance.neverLoggedDefinition], ['Name', 'Kind of job', 'Account']);
    for (const member of view.vigilance.neverLogged) records.push([member.name, member.groupLabel, member.stillActive ? 'Active' : 'Disabled since']);
  }
  return csvDocument(records);
}
