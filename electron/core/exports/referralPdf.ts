// The referral pack as a PDF a front-door social worker reads top to bottom: one H2 per section, in the order of
// referralSectionIds, the child's own words set apart verbatim, and the body map drawn.
import { formatDate, formatDateTime, formatIsoDate } from '../../../shared/calendar';
import { referralSectionHeadings, type ReferralPackDocument } from '../../../shared/exports/referralPackSchema';
import { createPdf, palette, table, type PdfBuilder } from '../pdf';
import { bodyMapFigure } from './bodyMap';

const when = (iso: string) => formatDateTime(new Date(iso));
const orNone = (text: string | null | undefined) => (text && text.trim() !== '' ? text : 'Not recorded');

function narrative(pdf: PdfBuilder, text: string): void {
  const paragraphs = text.split(/\n+/).filter((line) => line.trim() !== '');
  if (paragraphs.length === 0) pdf.paragraph('Not recorded', { colour: palette.muted });
  for (const line of paragraphs) pdf.paragraph(line);
}

export function childName(document: { child: { legalFirstName: string; legalLastName: string; preferredName: string | null } }): string {
  const { legalFirstName, legalLastName, preferredName } = document.child;
  return `${legalFirstName} ${legalLastName}${preferredName && preferredName !== legalFirstName ? ` (known as ${preferredName})` : ''}`;
}

export async function referralPackPdf(document: ReferralPackDocument): Promise<{ bytes: Buffer; pageCount: number }> {
  const name = childName(document);
  const pdf = createPdf({ title: `Referral: ${name}`, subject: 'MASH referral pack', author: document.cover.school.name, marking: document.marking, footerNote: document.cover.school.name, createdAt: new Date(document.generatedAt) });
  const { cover, child } = document;
  const included = new Set(document.includedSections);
  /** An included section with nothing in the file still gets its heading, saying so. */
  const nothingRecorded = (id: 'currentConcern' | 'thresholdAssessment', what: string) => {
    if (!included.has(id)) return;
    pdf.heading(2, referralSectionHeadings[id]);
    pdf.paragraph(`No ${what} recorded.`, { colour: palette.muted });
  };

  pdf.heading(1, `${referralSectionHeadings.cover}: ${name}`);
  pdf.facts([
    ['School', `${cover.school.name} (URN ${cover.school.urn})`],
    ['Referred by', `${cover.referrer.name}, ${cover.referrer.role}`],
    ['Phone', cover.referrer.phone],
    ['Email', cover.referrer.email],
    ['Other designated leads', cover.otherDesignatedLeads.join(', ')],
    ['Addressed to', [cover.addressedTo.contactName, cover.addressedTo.packTitle].filter(Boolean).join(' — ')],
    ['Their phone', cover.addressedTo.phone],
    ['Their email', cover.addressedTo.email],
    ['Date', formatIsoDate(cover.date)],
  ]);

  pdf.heading(2, referralSectionHeadings.child);
  pdf.facts([
    ['Legal name', `${child.legalFirstName} ${child.legalLastName}`],
    ['Known as', child.preferredName ?? ''],
    ['Date of birth', formatIsoDate(child.dateOfBirth)],
    ['UPN', child.upn ?? ''],
    ['Gender', child.gender ?? ''],
    ['Year group', child.yearGroup ?? ''],
    ['Address', [child.address, child.postcode].filter(Boolean).join(', ')],
    ['Ethnicity', child.ethnicity],
    ['First language', child.firstLanguage],
    ['Religion', child.religion],
    ['SEN / EHCP', child.senStatus ?? ''],
    ['Status', child.statusFlags.map((flag) => `${flag.label} from ${formatIsoDate(flag.startDate)}${flag.endDate ? ` to ${formatIsoDate(flag.endDate)}` : ''}`).join('; ')],
  ]);

  if (document.household) {
    pdf.heading(2, referralSectionHeadings.household);
    table(pdf, {
      columns: [{ header: 'Name', width: 2 }, { header: 'Relationship', width: 1.5 }, { header: 'Phone', width: 1.5 }, { header: 'Parental responsibility', width: 1.2 }],
      rows: document.household.adults.map((adult) => [adult.name, adult.relationship, adult.phone, adult.parentalResponsibility ? 'Yes' : 'No']),
      emptyText: 'No adults recorded',
    });
    if (document.household.siblingsAtSchool.length > 0) pdf.facts([['Brothers and sisters at this school', document.household.siblingsAtSchool.map((sibling) => `${sibling.name}${sibling.yearGroup ? ` (Year ${sibling.yearGroup})` : ''}`).join(', ')]]);
  }

  if (document.reason) {
    pdf.heading(2, referralSectionHeadings.reason);
    pdf.heading(3, 'Reason for referral');
    narrative(pdf, document.reason.reasonForReferral);
    pdf.heading(3, 'What the school is asking for');
    narrative(pdf, document.reason.whatTheSchoolIsAskingFor);
  }

  if (document.currentConcern) {
    const concern = document.currentConcern;
    pdf.heading(2, referralSectionHeadings.currentConcern);
    pdf.facts([
      ['When it happened', when(concern.occurredAt)],
      ['Recorded', `${when(concern.recordedAt)} by ${concern.recordedBy}`],
      ['Where', concern.location],
      ['Categories', concern.categories.join(', ')],
      ['Others present', concern.othersPresent],
    ]);
    pdf.heading(3, 'What happened');
    narrative(pdf, concern.whatHappened);
    pdf.heading(3, 'The child’s own words');
    if (concern.childsOwnWords.trim() !== '') pdf.quote(concern.childsOwnWords, 'Recorded verbatim by the member of staff.');
    else pdf.paragraph('Not recorded', { colour: palette.muted });
    pdf.heading(3, 'What was done');
    narrative(pdf, concern.actionTaken);
    if (concern.bodyMap.length > 0) {
      pdf.heading(3, 'Body map');
      bodyMapFigure(pdf, concern.bodyMap);
    }
    for (const addendum of concern.addenda) pdf.paragraph(`Added ${when(addendum.writtenAt)} by ${addendum.by}: ${addendum.text}`);
  } else nothingRecorded('currentConcern', 'concern');

  if (document.chronology) {
    pdf.heading(2, referralSectionHeadings.chronology);
    chronologyTable(pdf, document.chronology);
  }

  if (document.thresholdAssessment) {
    const assessment = document.thresholdAssessment;
    pdf.heading(2, referralSectionHeadings.thresholdAssessment);
    pdf.facts([
      ['Assessed', when(assessment.assessedAt)],
      ['Threshold document', assessment.packId],
      ['Suggested level', assessment.suggestedLevel ?? ''],
      ['The DSL’s judgement', assessment.judgedLevel],
    ]);
    table(pdf, { caption: 'Indicators ticked', columns: [{ header: 'Indicator', width: 3 }, { header: 'What was seen', width: 2 }], rows: assessment.indicators.map((indicator) => [indicator.text, indicator.observation]), emptyText: 'None ticked' });
    pdf.heading(3, 'Reasons for the judgement');
    narrative(pdf, assessment.reasons);
  } else nothingRecorded('thresholdAssessment', 'threshold assessment');

  if (document.signsOfSafety) {
    pdf.heading(2, referralSectionHeadings.signsOfSafety);
    pdf.heading(3, 'What are we worried about?');
    narrative(pdf, document.signsOfSafety.worries);
    pdf.heading(3, 'What is working well?');
    narrative(pdf, document.signsOfSafety.workingWell);
    pdf.heading(3, 'What needs to happen?');
    narrative(pdf, document.signsOfSafety.needsToHappen);
  }
  for (const [key, text] of [['wishesAndFeelings', document.wishesAndFeelings], ['earlyHelp', document.earlyHelp], ['otherAgencies', document.otherAgencies]] as const) {
    if (text === null) continue;
    pdf.heading(2, referralSectionHeadings[key]);
    narrative(pdf, text);
  }

  pdf.heading(2, referralSectionHeadings.consent);
  pdf.facts([['Consent position', document.consent.label], ['Reason', orNone(document.consent.reason)]]);

  if (document.attachments) {
    pdf.heading(2, referralSectionHeadings.attachments);
    table(pdf, {
      caption: 'Held by the school; available on request',
      columns: [{ header: 'File', width: 3 }, { header: 'Type', width: 1.5 }, { header: 'Size', width: 1, align: 'right' }],
      rows: document.attachments.map((attachment) => [attachment.name, attachment.type, `${Math.max(1, Math.round(attachment.sizeBytes / 1024))} KB`]),
      emptyText: 'No attachments',
    });
  }
  pdf.paragraph(`Produced ${formatDate(new Date(document.generatedAt))} by Safeguarding Records. Export ${document.exportId}.`, { size: 8, colour: palette.muted });
  const bytes = await pdf.finish();
  return { bytes, pageCount: pdf.pageCount };
}

export function chronologyTable(pdf: PdfBuilder, entries: ReadonlyArray<{ at: string; title: string; detail: string; by: string }>): void {
  table(pdf, {
    columns: [{ header: 'Date and time', width: 1.15 }, { header: 'What', width: 1.9 }, { header: 'Detail', width: 3.2 }, { header: 'Recorded by', width: 1.2 }],
    rows: entries.map((entry) => [when(entry.at), entry.title, entry.detail, entry.by]),
    emptyText: 'Nothing recorded',
  });
}
