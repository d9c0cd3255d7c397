// The governors' PDF: the period, when it was produced, the narrative, every measure with its definition beside
// it, vector charts, and the note of how small numbers were protected. Built only from a governors' view, which
// holds no staff names and no suppressed numbers, so the document cannot print what it was never given.
import { formatDateTime } from '../../../shared/calendar';
import type { Breakdown, Comparison, ReportView } from '../../../shared/reports';
import { chart, createPdf, palette, table, type PdfBuilder } from '../pdf';

export interface GovernorsPdf {
  bytes: Buffer;
  pageCount: number;
}

const comparisonColumns = (view: ReportView) => [
  { header: 'Measure', width: 3 },
  { header: view.period.name, width: 1.6, align: 'right' as const },
  { header: view.previous.name, width: 1.6, align: 'right' as const },
  { header: 'Change', width: 1.1, align: 'right' as const },
];

const comparisonRow = (label: string, comparison: Comparison) => [label, comparison.current.display, comparison.previous.display, comparison.change ?? '—'];

function definition(pdf: PdfBuilder, text: string): void {
  pdf.paragraph(`What this counts: ${text}`, { size: 9, colour: palette.muted, spaceAfter: 8 });
}

function breakdownSection(pdf: PdfBuilder, view: ReportView, breakdown: Breakdown): void {
  pdf.heading(3, breakdown.title);
  definition(pdf, breakdown.definition);
  table(pdf, {
    columns: comparisonColumns(view),
    rows: [...breakdown.rows.map((row) => comparisonRow(row.label, row)), comparisonRow('Total', breakdown.total)],
    emptyText: 'None in either period',
  });
}

export async function governorsPdf(view: ReportView, schoolName: string): Promise<GovernorsPdf> {
  if (view.audience !== 'governors' || view.vigilance.neverLogged !== null) throw new Error('The governors’ PDF is made only from the governors’ view of the report.');
  const producedAt = new Date(view.producedAt);
  const pdf = createPdf({ title: `Safeguarding culture report: ${view.period.name}`, subject: 'Safeguarding culture report for governors', author: schoolName, footerNote: schoolName, createdAt: producedAt });

  pdf.heading(1, 'Safeguarding culture report for governors');
  pdf.facts([
    ['School', schoolName],
    ['Period', view.period.label],
    ['Compared with', view.previous.label],
    ['Produced on', formatDateTime(producedAt)],
  ]);
  pdf.heading(2, 'Summary');
  for (const sentence of view.narrative) pdf.paragraph(sentence);
  pdf.heading(3, 'Small numbers');
  pdf.paragraph(view.suppressionNote ?? '', { size: 9.5 });

  const logged = view.concernsLogged;
  pdf.heading(2, logged.title);
  definition(pdf, logged.definition);
  table(pdf, { columns: comparisonColumns(view), rows: [comparisonRow('Concerns logged', logged.total)] });
  chart(pdf, {
    kind: 'line',
    title: `Concerns logged per ${logged.granularity}`,
    categories: logged.series.map((point) => point.label),
    series: [
      { name: view.period.name, values: logged.series.map((point) => point.current) },
      { name: view.previous.name, values: logged.series.map((point) => point.previous ?? 0) },
    ],
    valueLabel: 'Concerns logged',
  });
  pdf.paragraph(`Trend across the period: ${logged.trend}. ${logged.trendDefinition}`, { size: 9, colour: palette.muted });

  const vigilance = view.vigilance;
  pdf.heading(2, vigilance.title);
  definition(pdf, vigilance.definition);
  table(pdf, {
    columns: comparisonColumns(view),
    rows: [comparisonRow('Active staff accounts', vigilance.activeStaff), comparisonRow('Staff who logged at least one concern', vigilance.staffWhoLogged), comparisonRow('Share of staff', vigilance.share)],
  });
  table(pdf, {
    caption: 'By kind of job',
    columns: [{ header: 'Kind of job', width: 3 }, { header: 'Active staff', width: 1.2, align: 'right' }, { header: 'Logged a concern', width: 1.4, align: 'right' }, { header: 'Share', width: 1, align: 'right' }, { header: 'Share before', width: 1.2, align: 'right' }],
    rows: vigilance.byGroup.rows.map((row) => [row.label, row.activeStaff.display, row.staffWhoLogged.display, row.share.display, row.previousShare.display]),
  });
  const chartedGroups = vigilance.byGroup.rows.filter((row) => row.share.value !== null);
  if (chartedGroups.length > 0) {
    chart(pdf, {
      kind: 'bar',
      title: 'Share of staff who logged at least one concern (%)',
      categories: chartedGroups.map((row) => row.label.replace(/ \(.*\)$/, '')),
      series: [{ name: view.period.name, values: chartedGroups.map((row) => row.share.value ?? 0) }],
      valueLabel: 'Per cent of active staff in the group (groups with withheld figures are left out)',
      height: 200,
    });
  }

  pdf.heading(2, 'Who the concerns were about');
  breakdownSection(pdf, view, view.byCategory);
  breakdownSection(pdf, view, view.byYearGroup);
  breakdownSection(pdf, view, view.bySen);
  breakdownSection(pdf, view, view.byGender);

  const reading = view.responsiveness;
  pdf.heading(2, reading.title);
  definition(pdf, reading.definition);
  table(pdf, {
    columns: comparisonColumns(view),
    rows: [
      comparisonRow('Concerns read by a DSL', reading.readCount),
      comparisonRow('Concerns not yet read', reading.unreadCount),
      comparisonRow('Median time to DSL read', reading.medianMinutes),
      comparisonRow('90th percentile time to DSL read', reading.p90Minutes),
      comparisonRow('Read the same school day', reading.sameSchoolDayShare),
    ],
  });
  definition(pdf, reading.sameSchoolDayDefinition);
  const danger = view.immediateDanger;
  pdf.heading(3, danger.title);
  definition(pdf, danger.definition);
  table(pdf, {
    columns: comparisonColumns(view),
    rows: [comparisonRow('Immediate-danger concerns', danger.count), comparisonRow('Median time to DSL read', danger.medianMinutes), comparisonRow('Slowest time to DSL read', danger.slowestMinutes), comparisonRow('Not yet read', danger.unread)],
  });

  const outcomes = view.outcomes;
  pdf.heading(2, 'Outcomes');
  breakdownSection(pdf, view, outcomes.decisionsByType);
  pdf.heading(3, 'Referrals, escalations, early help and closures');
  table(pdf, {
    columns: comparisonColumns(view),
    rows: [
      comparisonRow(outcomes.referralsMade.title, outcomes.referralsMade),
      comparisonRow(outcomes.referralsDue.title, outcomes.referralsDue),
      comparisonRow(outcomes.acknowledgedInTime.title, outcomes.acknowledgedInTime),
      comparisonRow('Share of those past their deadline acknowledged within 1 working day', outcomes.acknowledgedInTimeShare),
      comparisonRow(outcomes.escalated.title, outcomes.escalated),
      comparisonRow(outcomes.earlyHelpStarted.title, outcomes.earlyHelpStarted),
      comparisonRow(outcomes.concernsClosed.title, outcomes.concernsClosed),
      comparisonRow(view.repeatConcerns.title, view.repeatConcerns),
      [outcomes.overdueActionsNow.title, outcomes.overdueActionsNow.display, '—', '—'],
    ],
  });

  if (view.adults) {
    pdf.heading(2, view.adults.title);
    definition(pdf, view.adults.definition);
    const outcomeKeys = ['substantiated', 'false', 'malicious', 'unsubstantiated', 'unfounded', 'open'] as const;
    table(pdf, {
      columns: [
        { header: 'Term', width: 3 },
        { header: 'Low-level', width: 2, align: 'right' },
        { header: 'Allegations', width: 2, align: 'right' },
        ...outcomeKeys.map((key) => ({ header: key[0]!.toUpperCase() + key.slice(1), width: 2, align: 'right' as const })),
      ],
      rows: view.adults.terms.map((term) => [term.term, term.lowLevel.display, term.allegations.display, ...outcomeKeys.map((key) => term.outcomes[key]?.display ?? '0')]),
      emptyText: 'None recorded in this period.',
    });
  }

  pdf.heading(2, 'Definitions');
  const measures = [logged, vigilance, view.byCategory, view.byYearGroup, view.bySen, view.byGender, reading, danger, outcomes.decisionsByType, outcomes.referralsMade, outcomes.referralsDue, outcomes.acknowledgedInTime, outcomes.escalated, outcomes.earlyHelpStarted, outcomes.concernsClosed, outcomes.overdueActionsNow, view.repeatConcerns];
  pdf.facts([...measures.map((measure) => [measure.title, measure.definition] as const), ['Read the same school day', reading.sameSchoolDayDefinition], ['Trend', logged.trendDefinition]]);

  const bytes = await pdf.finish();
  return { bytes, pageCount: pdf.pageCount };
}
