// The transfer pack as printed: a cover sheet, a contents list, every record in date order (concerns in full,
// with the child's words and body map), what was left out and why, and a receipt page for the receiving DSL.
import { formatDateTime, formatIsoDate } from '../../../shared/calendar';
import type { TransferPackDocument } from '../../../shared/exports';
import { createPdf, palette, table } from '../pdf';
import { bodyMapFigure } from './bodyMap';

const when = (iso: string) => formatDateTime(new Date(iso));

export async function transferPdf(document: TransferPackDocument, methodLabel: string): Promise<Buffer> {
  const name = `${document.child.legalFirstName} ${document.child.legalLastName}`;
  const pdf = createPdf({ title: `Child protection file: ${name}`, subject: 'Child protection file transfer', author: document.from.schoolName, marking: document.marking, footerNote: document.from.schoolName, createdAt: new Date(document.sentAt) });

  pdf.heading(1, `Child protection file transfer: ${name}`);
  pdf.paragraph('This is the child protection file, sent separately from the pupil record. Please check it against the contents list, sign the receipt page and return it to the sending school.');
  pdf.facts([
    ['From', `${document.from.schoolName} (URN ${document.from.schoolUrn}), ${document.from.dslName}`],
    ['To', `${document.to.schoolName}${document.to.schoolUrn ? ` (URN ${document.to.schoolUrn})` : ''}, ${document.to.dslName}${document.to.dslContact ? `, ${document.to.dslContact}` : ''}`],
    ['Sent', when(document.sentAt)],
    ['How', methodLabel],
    ['Child', `${name}${document.child.preferredName ? ` (known as ${document.child.preferredName})` : ''}, born ${formatIsoDate(document.child.dateOfBirth)}`],
    ['UPN', document.child.upn ?? ''],
    ['Address', [document.child.address, document.child.postcode].filter(Boolean).join(', ')],
    ['Status', document.child.statusFlags.map((flag) => `${flag.label} from ${formatIsoDate(flag.startDate)}${flag.endDate ? ` to ${formatIsoDate(flag.endDate)}` : ''}`).join('; ')],
    ['Transfer reference', document.transferId],
  ]);

  pdf.heading(2, 'Contents');
  table(pdf, {
    columns: [{ header: 'No.', width: 0.5 }, { header: 'Date and time', width: 1.3 }, { header: 'Record', width: 4 }],
    rows: document.items.map((item, index) => [String(index + 1), when(item.at), item.title]),
    emptyText: 'No records',
  });

  pdf.heading(2, 'Records');
  document.items.forEach((item, index) => {
    if (!item.concern) return;
    pdf.heading(3, `${index + 1}. ${item.title}, ${when(item.at)}`);
    pdf.facts([['Recorded by', item.by], ['Where', item.concern.location], ['Categories', item.concern.categories.join(', ')], ['Others present', item.concern.othersPresent]]);
    pdf.paragraph(item.concern.whatHappened);
    if (item.concern.childsOwnWords) pdf.quote(item.concern.childsOwnWords, 'The child’s own words, recorded verbatim.');
    if (item.concern.actionTaken) pdf.facts([['What was done', item.concern.actionTaken]]);
    bodyMapFigure(pdf, item.concern.bodyMap);
    for (const addendum of item.concern.addenda) pdf.paragraph(`Added ${when(addendum.writtenAt)} by ${addendum.by}: ${addendum.text}`);
  });
  const others = document.items.map((item, index) => ({ item, number: index + 1 })).filter(({ item }) => !item.concern);
  if (others.length > 0) {
    table(pdf, {
      caption: 'Decisions, referrals, meetings and other records',
      columns: [{ header: 'No.', width: 0.5 }, { header: 'Date and time', width: 1.2 }, { header: 'Record', width: 1.8 }, { header: 'Detail', width: 3 }, { header: 'By', width: 1.1 }],
      rows: others.map(({ item, number }) => [String(number), when(item.at), item.title, item.detail, item.by]),
    });
  }

  pdf.heading(2, 'Items not included');
  table(pdf, {
    columns: [{ header: 'Date', width: 1.2 }, { header: 'Record', width: 2.5 }, { header: 'Why it was not sent', width: 3 }],
    rows: document.exclusions.map((excluded) => [when(excluded.at), excluded.title, excluded.reason]),
    emptyText: 'Nothing was left out: this is the whole file.',
  });

  pdf.newPage();
  pdf.heading(2, 'Receipt');
  pdf.paragraph(`Please sign and return this page to ${document.from.dslName} at ${document.from.schoolName} as soon as the file arrives. The sending school will chase if no receipt comes back within 5 school days.`);
  pdf.facts([['Child', `${name}, born ${formatIsoDate(document.child.dateOfBirth)}`], ['Transfer reference', document.transferId], ['Records listed', String(document.items.length)]]);
  for (const label of ['Received by (name)', 'Role', 'School', 'Date received', 'Signature']) {
    pdf.paragraph(`${label}: ______________________________________________`, { spaceAfter: 16 });
  }
  pdf.paragraph('I confirm the file arrived complete, as listed on the contents page.', { colour: palette.muted });
  return pdf.finish();
}
