// The two summaries that leave the school from this register, as PDFs: one for the person concerned (KCSIE: they are
// given a copy of the record; who raised it is not named) and one for the LADO (a professional referral is never
// anonymous, so it names who recorded it). Neither carries anything the record does not hold.
import { adultActionLabels, adultRelationshipLabels, adultResponseLabels, allegationOutcomeLabels, childHarmLabels, type AdultConcernView } from '../../../shared/api';
import { formatDateTime, formatIsoDate } from '../../../shared/calendar';
import { createPdf } from '../pdf';

const when = (iso: string) => formatDateTime(new Date(iso));

export async function adultSummaryPdf(record: AdultConcernView, kind: 'person_summary' | 'lado_referral', school: { name: string; urn: string }, now: Date): Promise<{ bytes: Buffer; pageCount: number }> {
  const forLado = kind === 'lado_referral';
  const what = record.kind === 'allegation' ? 'allegation' : 'low-level concern';
  const title = forLado ? `LADO referral summary: ${record.subject.name}` : `Summary of a ${what} about you`;
  const pdf = createPdf({ title, subject: forLado ? 'LADO referral summary' : 'Summary for the person concerned', author: school.name, marking: 'OFFICIAL-SENSITIVE', footerNote: school.name, createdAt: now });

  pdf.heading(1, title);
  pdf.facts([
    ['School', `${school.name} (URN ${school.urn})`],
    ['About', [record.subject.name, record.subject.role, adultRelationshipLabels[record.subject.relationship], record.subject.employer && `employer: ${record.subject.employer}`].filter(Boolean).join(', ')],
    ['Recorded', forLado ? `${when(record.recordedAt)} by ${record.author}${record.selfReport ? ' (a self-report)' : ''}` : when(record.recordedAt)],
    ['When it happened', when(record.occurredAt)],
    ['Where', record.location],
    ...(forLado ? ([['Who else was there', record.othersPresent], ['Could a child be harmed? (as recorded)', childHarmLabels[record.childHarm]]] as const) : []),
    ['Summary prepared', when(now.toISOString())],
  ]);
  pdf.heading(2, 'What was recorded');
  pdf.paragraph(record.whatHappened);

  if (record.responses.length > 0) {
    pdf.heading(2, 'What was done');
    pdf.bulletList(record.responses.map((response) => `${adultResponseLabels[response.kind]} (${when(response.writtenAt)})${response.note ? `: ${response.note}` : ''}`));
  }
  if (record.kind === 'allegation') {
    if (forLado && record.caseManagerKnewAt) pdf.facts([['Case manager knew', when(record.caseManagerKnewAt)]]);
    if (record.lado) {
      pdf.heading(2, 'The LADO');
      pdf.facts([
        ['Consulted', `${when(record.lado.consultedAt)}${record.lado.officer ? ` with ${record.lado.officer}` : ''}`],
        ['Reference', record.lado.reference],
        ['Advice', record.lado.advice],
      ]);
    }
    if (record.actions.length > 0) {
      pdf.heading(2, 'Actions');
      pdf.bulletList(record.actions.map((action) => `${adultActionLabels[action.kind]} (${when(action.writtenAt)}): ${action.note}`));
    }
    pdf.heading(2, 'Outcome');
    pdf.paragraph(
      record.outcome
        ? `${allegationOutcomeLabels[record.outcome.outcome].label} (${formatIsoDate(record.outcome.decidedOn)}): ${allegationOutcomeLabels[record.outcome.outcome].meaning}${record.outcome.note ? ` ${record.outcome.note}` : ''}`
        : 'Not yet decided.',
    );
  }
  pdf.heading(2, 'How long the record is kept');
  pdf.paragraph(`${record.retention.date ? `Until ${formatIsoDate(record.retention.date)}. ` : ''}${record.retention.explanation}`);
  const bytes = await pdf.finish();
  return { bytes, pageCount: pdf.pageCount };
}
