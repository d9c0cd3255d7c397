// A small PDF toolkit for documents that leave the building (referral packs, file transfers, chronologies) and
// for printed culture reports. Plain Node (pdfkit), no browser. Every document it makes is:
//   - A4, with DejaVu Sans embedded (subset) so names with any accent print exactly;
//   - tagged (a structure tree: H1–H3, P, BlockQuote, L, Table/TR/TH/TD, Figure with alt text), with the
//     language en-GB and a title the reader shows, and bookmarks for every H1/H2 — so a screen reader can
//     move heading by heading;
//   - marked on every page, header and footer (default "OFFICIAL-SENSITIVE"), and numbered "Page 3 of 7";
//     these running heads are pagination artifacts, not content.
//
// Usage:
//   const pdf = createPdf({ title: 'Chronology: Amy Hughes', marking: 'OFFICIAL-SENSITIVE', footerNote: 'Oakfield Primary' });
//   pdf.heading(1, 'Chronology');                 // H1 (also H2, H3); never stranded at the foot of a page
//   pdf.paragraph('Text…', { style: 'bold' });    // P; style regular | bold | oblique, size, colour, indent
//   pdf.facts([['Date of birth', '04/03/2016']]); // "Label: value" lines; empty values print "Not recorded"
//   pdf.quote('Dad grabbed me.', 'Amy, to Mr Patel'); // verbatim words, set apart
//   pdf.bulletList(['one', 'two']);               // L > LI
//   table(pdf, { columns: [{ header: 'Date', width: 1 }, { header: 'What happened', width: 4 }], rows, caption });
//                                                 // rows never cut in half; header repeated on each page
//   chart(pdf, { kind: 'bar' | 'line', title, categories, series: [{ name, values }] }); // Figure with alt text
//   pdf.figure({ alt, height }, (box) => { pdf.doc… }); // any vector drawing, moved whole to the next page if needed
//   pdf.rule(); pdf.newPage(); pdf.ensureSpace(points);
//   const bytes: Buffer = await pdf.finish();     // draws the running heads, closes the structure tree
//
// pdf.doc is the underlying pdfkit document for drawing inside a figure; write text through the builder so it is
// tagged.
export { A4, PdfBuilder, createPdf, pageMargins, palette } from './pdfDocument';
export type { FontStyle, ParagraphOptions, PdfDocumentOptions } from './pdfDocument';
export { table } from './table';
export type { TableColumn, TableSpec } from './table';
export { chart, chartAltText, niceAxis, seriesColours } from './charts';
export type { ChartSeries, ChartSpec } from './charts';
export { pdfFonts } from './fonts';
export type { PdfFonts } from './fonts';
