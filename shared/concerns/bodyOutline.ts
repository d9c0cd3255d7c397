// The body map's outline of a child, front and back, as data: the form draws it as SVG and the PDF draws the same
// shapes with pdfkit, so a mark lands on the same part of the body in both. Coordinates are in a 200 × 400 box;
// a mark's x and y are fractions of that box (0,0 top left). Where a point is, in words, is worked out here too.
import type { BodyMapMark } from './concernSchema';

export const BODY_MAP_WIDTH = 200;
export const BODY_MAP_HEIGHT = 400;

type View = BodyMapMark['view'];

export type OutlinePart =
  | { shape: 'ellipse'; cx: number; cy: number; rx: number; ry: number }
  | { shape: 'circle'; cx: number; cy: number; r: number }
  /** `rotate` turns the rectangle by `angle` degrees clockwise about (`cx`, `cy`), as SVG's rotate() does. */
  | { shape: 'rect'; x: number; y: number; width: number; height: number; rx: number; rotate?: { angle: number; cx: number; cy: number } };

/** The parts of the outline, drawn in this order: head, neck, trunk, arms, hands, legs, feet. */
export function bodyOutlineParts(view: View): OutlinePart[] {
  return [
    { shape: 'ellipse', cx: 100, cy: 40, rx: 24, ry: 28 },
    { shape: 'rect', x: 89, y: 60, width: 22, height: 32, rx: 6 },
    { shape: 'rect', x: 64, y: 84, width: 72, height: 122, rx: 20 },
    { shape: 'rect', x: 46, y: 88, width: 20, height: 114, rx: 10, rotate: { angle: 12, cx: 56, cy: 92 } },
    { shape: 'rect', x: 134, y: 88, width: 20, height: 114, rx: 10, rotate: { angle: -12, cx: 144, cy: 92 } },
    { shape: 'circle', cx: 32, cy: 208, r: 11 },
    { shape: 'circle', cx: 168, cy: 208, r: 11 },
    { shape: 'rect', x: 68, y: 186, width: 28, height: 172, rx: 13 },
    { shape: 'rect', x: 104, y: 186, width: 28, height: 172, rx: 13 },
    { shape: 'ellipse', cx: view === 'front' ? 78 : 84, cy: 366, rx: 16, ry: 9 },
    { shape: 'ellipse', cx: view === 'front' ? 122 : 116, cy: 366, rx: 16, ry: 9 },
  ];
}

/** Where on the body a point is, in words, from the child's point of view (their right is on your left from the front). */
export function describePlace(view: View, x: number, y: number): string {
  const px = x * BODY_MAP_WIDTH;
  const py = y * BODY_MAP_HEIGHT;
  const onViewersLeft = px < 100;
  const childSide = (view === 'front') === onViewersLeft ? 'right' : 'left';
  const front = view === 'front';
  if (py < 68) return front ? 'face or head' : 'back of the head';
  if (py < 86) return front ? 'neck' : 'back of the neck';
  const inArm = (px < 68 || px > 132) && py < 224;
  if (inArm) {
    if (py > 198) return `${childSide} hand`;
    if (py < 140) return `${childSide} upper arm`;
    return `${childSide} forearm`;
  }
  if (py < 196) {
    const side = Math.abs(px - 100) < 6 ? 'middle' : `${childSide} side`;
    if (front) return py < 140 ? `chest, ${side}` : `tummy, ${side}`;
    return py < 140 ? `upper back, ${side}` : `lower back, ${side}`;
  }
  if (py < 214) return front ? `${childSide} hip` : `${childSide} buttock`;
  if (py < 282) return front ? `${childSide} thigh` : `back of the ${childSide} thigh`;
  if (py < 352) return front ? `${childSide} shin` : `${childSide} calf`;
  return `${childSide} foot`;
}

/** "Front: left upper arm" — the words the form shows beside a mark, and the PDF prints in its table. */
export function markPlace(mark: Pick<BodyMapMark, 'view' | 'x' | 'y'>): string {
  return `${mark.view === 'front' ? 'Front' : 'Back'}: ${describePlace(mark.view, mark.x, mark.y)}`;
}
