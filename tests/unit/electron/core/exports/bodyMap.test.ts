import { describe, expect, it } from 'vitest';
import { bodyMapFigure } from '../../../../../electron/core/exports/bodyMap';
import { createPdf } from '../../../../../electron/core/pdf';
import { drawnPaths, flatten, missingPoppler, pdfPages, popplerMessage, type DrawnPath } from '../pdf/pdfReadBack';

if (missingPoppler.length > 0) console.warn(popplerMessage);

// The outline's stroke colour, #505a5f, as pdfkit writes it.
const OUTLINE = [0x50, 0x5a, 0x5f].map((value) => value / 255).join(' ');
const mark = (view: 'front' | 'back', x: number, y: number, childExplanation: string) => ({ view, x, y, size: '2 cm', colour: 'purple', shape: 'oval', childExplanation });

/** Whether the point is inside the convex shape the path's points go round (a rounded rectangle, an ellipse). */
function contains(path: DrawnPath, [x, y]: [number, number]): boolean {
  const points = path.points;
  let sign = 0;
  for (let index = 0; index < points.length; index++) {
    const [ax, ay] = points[index]!;
    const [bx, by] = points[(index + 1) % points.length]!;
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (Math.abs(cross) < 1e-9) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

const centre = (path: DrawnPath): [number, number] => {
  const xs = path.points.map(([x]) => x);
  const ys = path.points.map(([, y]) => y);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
};

describe.skipIf(missingPoppler.length > 0)('the body map in a PDF', () => {
  it('draws each mark on the part of the outline it was placed on in the form, and names the place in words', async () => {
    const pdf = createPdf({ title: 'Body map', compress: false, createdAt: new Date('2026-11-23T10:00:00Z') });
    // On the form these are "Front: left upper arm" (just beside the chest) and "Back: right calf".
    const marks = [mark('front', 0.69, 0.25, 'Dad grabbed me'), mark('back', 0.6, 0.8, '')];
    bodyMapFigure(pdf, marks);
    const bytes = await pdf.finish();

    const paths = drawnPaths(bytes);
    const outline = paths.filter((path) => path.paint === 'S' && path.strokeColour === OUTLINE);
    // Each view: head, neck, trunk, two arms, two hands, two legs, two feet — as the form draws them.
    const front = outline.slice(0, 11);
    const back = outline.slice(11, 22);
    const size = (path: DrawnPath) => Math.max(...path.points.map(([x]) => x)) - Math.min(...path.points.map(([x]) => x));
    const dots = paths.filter((path) => path.paint === 'f' && size(path) < 12).map(centre);
    expect(dots).toHaveLength(2);
    const [armMark, calfMark] = dots as [[number, number], [number, number]];
    expect(contains(front[4]!, armMark), 'the mark is on the child’s left arm').toBe(true);
    expect(contains(front[2]!, armMark), 'the mark is not on the trunk').toBe(false);
    expect(contains(back[7]!, calfMark) || contains(back[8]!, calfMark), 'the mark is on a leg').toBe(true);
    expect(contains(back[8]!, calfMark), 'the mark is on the leg on the viewer’s right').toBe(true);

    const text = flatten(pdfPages(bytes).join(' '));
    expect(text).toContain('Front: left upper arm');
    expect(text).toContain('Back: right calf');
  });
});
