// Body-map marks drawn where the member of staff placed them, on a plain front and back outline of a child.
// Vector shapes only: never a photograph. Each mark is numbered; the table beside it gives size, colour, shape
// and what the child said about it.
import type { BodyMapMark } from '../../../shared/api';
import { table, type PdfBuilder } from '../pdf';

const OUTLINE_COLOUR = '#505a5f';
const MARK_COLOUR = '#d4351c';

/** A simple child outline in a box of `width` × `height`, drawn from proportions so it scales. */
function drawOutline(pdf: PdfBuilder, left: number, top: number, width: number, height: number): void {
  const doc = pdf.doc;
  const centre = left + width / 2;
  const unit = height / 100;
  doc.save().lineWidth(1).strokeColor(OUTLINE_COLOUR);
  doc.ellipse(centre, top + 7 * unit, 6 * unit, 7 * unit).stroke(); // head
  doc.rect(centre - 2 * unit, top + 14 * unit, 4 * unit, 3 * unit).stroke(); // neck
  doc.roundedRect(centre - 10 * unit, top + 17 * unit, 20 * unit, 33 * unit, 3 * unit).stroke(); // trunk
  doc.roundedRect(centre - 16 * unit, top + 18 * unit, 5 * unit, 30 * unit, 2 * unit).stroke(); // arms
  doc.roundedRect(centre + 11 * unit, top + 18 * unit, 5 * unit, 30 * unit, 2 * unit).stroke();
  doc.circle(centre - 13.5 * unit, top + 50.5 * unit, 2.5 * unit).stroke(); // hands
  doc.circle(centre + 13.5 * unit, top + 50.5 * unit, 2.5 * unit).stroke();
  doc.roundedRect(centre - 9 * unit, top + 51 * unit, 8 * unit, 45 * unit, 2 * unit).stroke(); // legs
  doc.roundedRect(centre + 1 * unit, top + 51 * unit, 8 * unit, 45 * unit, 2 * unit).stroke();
  doc.restore();
}

export function describeMarks(marks: readonly BodyMapMark[]): string {
  return marks.map((mark, index) => `Mark ${index + 1}, ${mark.view}: ${[mark.size, mark.colour, mark.shape].filter(Boolean).join(', ') || 'not described'}`).join('; ');
}

export function bodyMapFigure(pdf: PdfBuilder, marks: readonly BodyMapMark[]): void {
  if (marks.length === 0) return;
  const alt = `Body map, front and back outline of a child, with ${marks.length} mark${marks.length === 1 ? '' : 's'}. ${describeMarks(marks)}.`;
  pdf.figure({ alt, height: 250 }, (box) => {
    const doc = pdf.doc;
    const outlineHeight = box.height - 24;
    const outlineWidth = outlineHeight * 0.5;
    const views = [
      { view: 'front' as const, left: box.x + box.width * 0.25 - outlineWidth / 2, label: 'Front' },
      { view: 'back' as const, left: box.x + box.width * 0.75 - outlineWidth / 2, label: 'Back' },
    ];
    for (const { view, left, label } of views) {
      pdf.font('bold', 9).fillColor('#1b1b1b').text(label, left, box.y, { width: outlineWidth, align: 'center', lineBreak: false });
      drawOutline(pdf, left, box.y + 14, outlineWidth, outlineHeight);
      marks.forEach((mark, index) => {
        if (mark.view !== view) return;
        const x = left + mark.x * outlineWidth;
        const y = box.y + 14 + mark.y * outlineHeight;
        doc.save().circle(x, y, 4).fillOpacity(0.35).fill(MARK_COLOUR).restore();
        doc.save().circle(x, y, 4).lineWidth(1).strokeColor(MARK_COLOUR).stroke().restore();
        pdf.font('bold', 7.5).fillColor(MARK_COLOUR).text(String(index + 1), x + 5, y - 4, { lineBreak: false });
      });
    }
  });
  table(pdf, {
    caption: 'Marks on the body map',
    columns: [
      { header: 'Mark', width: 0.6 },
      { header: 'Side', width: 0.7 },
      { header: 'Size', width: 1 },
      { header: 'Colour', width: 1 },
      { header: 'Shape', width: 1 },
      { header: 'What the child said about it', width: 2.5 },
    ],
    rows: marks.map((mark, index) => [String(index + 1), mark.view === 'front' ? 'Front' : 'Back', mark.size, mark.colour, mark.shape, mark.childExplanation]),
  });
}
