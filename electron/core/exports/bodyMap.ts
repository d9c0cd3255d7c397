// Body-map marks drawn where the member of staff placed them, on the same front and back outline the form draws
// (shared/concerns/bodyOutline.ts), scaled as a whole so a mark on the arm stays on the arm. Vector shapes only:
// never a photograph. Each mark is numbered; the table gives where it is in words, its size, colour and shape,
// and what the child said about it.
import type { BodyMapMark } from '../../../shared/api';
import { BODY_MAP_HEIGHT, BODY_MAP_WIDTH, bodyOutlineParts, markPlace, type OutlinePart } from '../../../shared/concerns';
import { table, type PdfBuilder } from '../pdf';

const OUTLINE_COLOUR = '#505a5f';
const MARK_COLOUR = '#d4351c';

function drawPart(doc: PDFKit.PDFDocument, part: OutlinePart): void {
  doc.save();
  if (part.shape === 'ellipse') doc.ellipse(part.cx, part.cy, part.rx, part.ry);
  else if (part.shape === 'circle') doc.circle(part.cx, part.cy, part.r);
  else {
    if (part.rotate) doc.rotate(part.rotate.angle, { origin: [part.rotate.cx, part.rotate.cy] });
    doc.roundedRect(part.x, part.y, part.width, part.height, part.rx);
  }
  doc.stroke();
  doc.restore();
}

/** The child's outline in the form's 200 × 400 units, placed at (`left`, `top`) and scaled by `scale`. */
function drawOutline(pdf: PdfBuilder, view: BodyMapMark['view'], left: number, top: number, scale: number): void {
  const doc = pdf.doc;
  // The line width is divided by the scale so the outline prints 1 pt wide whatever the figure's size.
  doc.save().translate(left, top).scale(scale).lineWidth(1 / scale).strokeColor(OUTLINE_COLOUR);
  for (const part of bodyOutlineParts(view)) drawPart(doc, part);
  if (view === 'back') doc.moveTo(100, 96).lineTo(100, 190).stroke();
  doc.restore();
}

export function describeMarks(marks: readonly BodyMapMark[]): string {
  return marks.map((mark, index) => `Mark ${index + 1}, ${markPlace(mark)}: ${[mark.size, mark.colour, mark.shape].filter(Boolean).join(', ') || 'not described'}`).join('; ');
}

export function bodyMapFigure(pdf: PdfBuilder, marks: readonly BodyMapMark[]): void {
  if (marks.length === 0) return;
  const alt = `Body map, front and back outline of a child, with ${marks.length} mark${marks.length === 1 ? '' : 's'}. ${describeMarks(marks)}.`;
  pdf.figure({ alt, height: 250 }, (box) => {
    const doc = pdf.doc;
    const scale = (box.height - 24) / BODY_MAP_HEIGHT;
    const outlineWidth = BODY_MAP_WIDTH * scale;
    const top = box.y + 14;
    const views = [
      { view: 'front' as const, left: box.x + box.width * 0.25 - outlineWidth / 2, label: 'Front' },
      { view: 'back' as const, left: box.x + box.width * 0.75 - outlineWidth / 2, label: 'Back' },
    ];
    for (const { view, left, label } of views) {
      pdf.font('bold', 9).fillColor('#1b1b1b').text(label, left, box.y, { width: outlineWidth, align: 'center', lineBreak: false });
      drawOutline(pdf, view, left, top, scale);
      marks.forEach((mark, index) => {
        if (mark.view !== view) return;
        const x = left + mark.x * outlineWidth;
        const y = top + mark.y * BODY_MAP_HEIGHT * scale;
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
      { header: 'Where', width: 1.4 },
      { header: 'Size', width: 0.8 },
      { header: 'Colour', width: 0.8 },
      { header: 'Shape', width: 0.9 },
      { header: 'What the child said about it', width: 2.2 },
    ],
    rows: marks.map((mark, index) => [String(index + 1), markPlace(mark), mark.size, mark.colour, mark.shape, mark.childExplanation]),
  });
}
