// Tables that paginate the way a reader expects: a row is never cut in half (it moves whole to the next page),
// the header row is repeated at the top of each page (as a pagination artifact, so a screen reader reads it
// once), and only a row taller than a whole page is split — with "(continued)" — because nothing else could fit it.
import { palette, pageMargins, type PdfBuilder } from './pdfDocument';

export interface TableColumn {
  header: string;
  /** Share of the table's width; shares are scaled to fill the width. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableSpec {
  columns: readonly TableColumn[];
  rows: ReadonlyArray<readonly string[]>;
  /** Read out before the table by screen readers, and printed above it. */
  caption?: string;
  fontSize?: number;
  /** Shown as a single row when there are no rows. */
  emptyText?: string;
}

const PADDING = 4;

export function table(pdf: PdfBuilder, spec: TableSpec): void {
  const doc = pdf.doc;
  const fontSize = spec.fontSize ?? 9;
  const totalShare = spec.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = spec.columns.map((column) => (column.width / totalShare) * pdf.contentWidth);
  const lefts = widths.map((_, index) => pageMargins.left + widths.slice(0, index).reduce((sum, width) => sum + width, 0));
  pdf.font('bold', fontSize);
  const headers = spec.columns.map((column, index) => pdf.fit(column.header, widths[index]! - 2 * PADDING));
  pdf.font('regular', fontSize);
  const bodyRows = spec.rows.map((row) => row.map((cell, index) => pdf.fit(cell ?? '', widths[index]! - 2 * PADDING)));

  const measure = (cells: readonly string[], bold: boolean) => {
    pdf.font(bold ? 'bold' : 'regular', fontSize);
    return Math.max(...cells.map((cell, index) => doc.heightOfString(cell || ' ', { width: widths[index]! - 2 * PADDING }))) + 2 * PADDING;
  };
  const headerHeight = measure(headers, true);
  const pageRoom = () => pdf.bottom - pageMargins.top - headerHeight;

  if (spec.caption) {
    pdf.paragraph(spec.caption, { style: 'bold', size: 10, spaceAfter: 3 });
  }
  const tableElement = pdf.openElement('Table');

  // `insideArtifact`: a repeated header is already one artifact, and pdfkit cannot nest another inside it.
  const drawCells = (cells: readonly string[], height: number, bold: boolean, tag: (index: number) => void, insideArtifact = false) => {
    const top = doc.y;
    const drawRules = () => {
      doc.save();
      if (bold) doc.rect(pageMargins.left, top, pdf.contentWidth, height).fill(palette.shade);
      doc.lineWidth(0.5).strokeColor(palette.rule).rect(pageMargins.left, top, pdf.contentWidth, height).stroke();
      for (const left of lefts.slice(1)) doc.moveTo(left, top).lineTo(left, top + height).stroke();
      doc.restore();
    };
    if (insideArtifact) drawRules();
    else pdf.decoration(drawRules);
    cells.forEach((_, index) => tag(index));
    doc.x = pageMargins.left;
    doc.y = top + height;
  };
  // `height` bounds each cell's text so pdfkit can never start a page in the middle of a row.
  const cellText = (cells: readonly string[], index: number, top: number, bold: boolean, rowHeight: number) => () => {
    pdf.font(bold ? 'bold' : 'regular', fontSize)
      .fillColor(palette.text)
      .text(cells[index] || ' ', lefts[index]! + PADDING, top + PADDING, { width: widths[index]! - 2 * PADDING, height: rowHeight - PADDING + fontSize, align: spec.columns[index]!.align ?? 'left' });
  };

  const drawHeader = (tagged: boolean) => {
    const top = doc.y;
    if (tagged) {
      const row = doc.struct('TR');
      tableElement.add(row);
      drawCells(headers, headerHeight, true, (index) => row.add(doc.struct('TH', {}, cellText(headers, index, top, true, headerHeight))));
      row.end();
    } else {
      doc.markContent('Artifact', { type: 'Pagination' });
      drawCells(headers, headerHeight, true, (index) => cellText(headers, index, top, true, headerHeight)(), true);
      doc.endMarkedContent();
    }
  };
  const drawRow = (cells: readonly string[], height: number) => {
    const top = doc.y;
    const row = doc.struct('TR');
    tableElement.add(row);
    drawCells(cells, height, false, (index) => row.add(doc.struct('TD', {}, cellText(cells, index, top, false, height))));
    row.end();
  };

  pdf.ensureSpace(headerHeight + Math.min(measure(bodyRows[0] ?? [' '], false), pageRoom()));
  drawHeader(true);
  const rows = bodyRows.length > 0 ? bodyRows : [[spec.emptyText ?? 'None recorded', ...headers.slice(1).map(() => '')]];
  for (const original of rows) {
    let cells: readonly string[] = original.map((cell) => cell ?? '');
    for (;;) {
      const height = measure(cells, false);
      if (height <= pdf.remainingHeight) {
        drawRow(cells, height);
        break;
      }
      if (height <= pageRoom()) {
        pdf.newPage();
        drawHeader(false);
        continue;
      }
      // Taller than a whole page: fill what is left of this page (or a fresh one) and carry the rest over.
      if (pdf.remainingHeight < 4 * fontSize + 2 * PADDING) {
        pdf.newPage();
        drawHeader(false);
      }
      const [head, tail] = splitRow(pdf, cells, widths, fontSize, pdf.remainingHeight - 2 * PADDING);
      drawRow(head, pdf.remainingHeight);
      pdf.newPage();
      drawHeader(false);
      cells = tail.map((cell) => (cell ? `(continued) ${cell}` : ''));
    }
  }
  tableElement.end();
  doc.y += 6;
  doc.x = pageMargins.left;
  pdf.font('regular', 10.5).fillColor(palette.text);
}

/** Splits each cell at a word boundary so the first part fits `height`; returns the parts that fit and the rest. */
function splitRow(pdf: PdfBuilder, cells: readonly string[], widths: number[], fontSize: number, height: number): [string[], string[]] {
  const doc = pdf.doc;
  pdf.font('regular', fontSize);
  const heads: string[] = [];
  const tails: string[] = [];
  cells.forEach((cell, index) => {
    const width = widths[index]! - 2 * PADDING;
    if (doc.heightOfString(cell || ' ', { width }) <= height) {
      heads.push(cell);
      tails.push('');
      return;
    }
    let low = 0;
    let high = cell.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (doc.heightOfString(cell.slice(0, middle), { width }) <= height) low = middle;
      else high = middle - 1;
    }
    const space = cell.lastIndexOf(' ', low);
    const cut = space > low / 2 ? space : Math.max(low, 1);
    heads.push(cell.slice(0, cut));
    tails.push(cell.slice(cut).trimStart());
  });
  return [heads, tails];
}
