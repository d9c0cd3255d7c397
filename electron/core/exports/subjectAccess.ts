// A subject-access response: the DSL marks every item disclose or withhold (with a reason) before anything is
// produced. Only disclosed items go into the document; the decisions and reasons stay in the school's export log.
import { formatDateTime, formatIsoDate } from '../../../shared/calendar';
import type { TransferPackItem } from '../../../shared/exports';
import { CommandError } from '../dispatch/commandError';
import { createPdf, palette, table } from '../pdf';
import { bodyMapFigure } from './bodyMap';
import { MARKING } from './referralPack';

export interface ItemReview {
  itemId: string;
  decision: 'disclose' | 'withhold';
  reason: string;
}

/** Every item must have been looked at: a review that misses one, or names one not in the file, is refused. */
export function checkReviews(items: readonly TransferPackItem[], reviews: readonly ItemReview[]): Map<string, ItemReview> {
  const byId = new Map<string, ItemReview>();
  reviews.forEach((review, index) => {
    if (!items.some((item) => item.itemId === review.itemId)) throw new CommandError('invalid_input', 'One of the reviewed items is not in this child’s file.', { [`reviews.${index}.itemId`]: ['Not in this file: refresh the list'] });
    byId.set(review.itemId, review);
  });
  const missing = items.filter((item) => !byId.has(item.itemId));
  if (missing.length > 0) {
    throw new CommandError('invalid_input', `Mark every item disclose or withhold first: ${missing.length} still to review.`, { reviews: [`${missing.length} item${missing.length === 1 ? '' : 's'} still to review`] });
  }
  return byId;
}

export async function subjectAccessPdf(
  details: { schoolName: string; childName: string; dateOfBirth: string; requester: string; receivedOn: string },
  disclosed: readonly TransferPackItem[],
  withheldCount: number,
  now: Date,
): Promise<Buffer> {
  const pdf = createPdf({ title: `Information held about ${details.childName}`, subject: 'Subject access request response', author: details.schoolName, marking: MARKING, footerNote: details.schoolName, createdAt: now });
  pdf.heading(1, `Information held about ${details.childName}`);
  pdf.facts([
    ['Date of birth', formatIsoDate(details.dateOfBirth)],
    ['Requested by', details.requester],
    ['Request received', formatIsoDate(details.receivedOn)],
    ['Produced', formatDateTime(now)],
  ]);
  if (withheldCount > 0) {
    pdf.paragraph('Some information has been withheld under the exemptions in the Data Protection Act 2018 (for example where disclosure would be likely to cause serious harm, or would identify another person). You can ask the school about this or complain to the Information Commissioner’s Office.', { colour: palette.muted });
  }
  pdf.heading(2, 'Records');
  for (const item of disclosed) {
    if (!item.concern) continue;
    pdf.heading(3, `${item.title}, ${formatDateTime(new Date(item.at))}`);
    pdf.paragraph(item.concern.whatHappened);
    if (item.concern.childsOwnWords) pdf.quote(item.concern.childsOwnWords);
    bodyMapFigure(pdf, item.concern.bodyMap);
  }
  table(pdf, {
    caption: 'Other records',
    columns: [{ header: 'Date and time', width: 1.2 }, { header: 'Record', width: 2 }, { header: 'Detail', width: 3.5 }],
    rows: disclosed.filter((item) => !item.concern).map((item) => [formatDateTime(new Date(item.at)), item.title, item.detail]),
    emptyText: 'None',
  });
  return pdf.finish();
}
