// Text made ready for pdfkit, in one pass that is linear in its length:
//   - direction controls are taken out, so a name with U+202E cannot reorder what the reader sees;
//   - a character (a grapheme: an emoji with its joiners, skin tone or flag pair counts as one) that the embedded
//     font cannot draw is written as its code points, "[U+1F469 U+200D U+1F680]", which pdftotext gives back,
//     instead of a blank box that copies out as the wrong character;
//   - a word wider than the line is broken into line-width pieces here (a space between them, where the line
//     ends anyway). pdfkit would break it too, but by
//     re-measuring the rest of the word after every line — quadratic, 11 s for a 20,000-character word with the
//     event loop blocked.
import { neutraliseBidiControls } from '../../../shared/text';

const graphemes = new Intl.Segmenter('en-GB', { granularity: 'grapheme' });
/** Joiners and variation selectors have no picture of their own; they never decide whether a grapheme can be drawn. */
const invisible = new Set([0x200d, 0xfe0e, 0xfe0f]);
/** Words shorter than this always fit a line (the narrowest column holds about eight wide characters). */
const SHORT_WORD = 8;

interface FontOnDocument {
  _font?: { font?: { hasGlyphForCodePoint?: (codePoint: number) => boolean } };
}

export function codePointsText(grapheme: string): string {
  return `[${[...grapheme].map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')}]`;
}

/** The text as the current font and size of `doc` can draw it within `width` points. */
export function textForPdf(doc: PDFKit.PDFDocument, text: string, width: number): string {
  // pdfkit keeps the current font's fontkit object on a private field; without it, nothing is replaced.
  const hasGlyph = (doc as unknown as FontOnDocument)._font?.font?.hasGlyphForCodePoint?.bind((doc as unknown as FontOnDocument)._font!.font) ?? (() => true);
  const drawable = (grapheme: string) => [...grapheme].every((char) => invisible.has(char.codePointAt(0)!) || hasGlyph(char.codePointAt(0)!));
  const widths = new Map<string, number>();
  const widthOf = (piece: string) => {
    let known = widths.get(piece);
    if (known === undefined) widths.set(piece, (known = doc.widthOfString(piece)));
    return known;
  };
  // A little room for kerning between pieces measured apart.
  const room = Math.max(width * 0.97 - 1, 1);

  let out = '';
  for (const part of neutraliseBidiControls(text).split(/(\s+)/)) {
    if (part === '' || /^\s+$/.test(part)) {
      out += part;
      continue;
    }
    // Printable ASCII is one character per grapheme and always in the font: no need to segment it.
    const pieces = /^[\x21-\x7e]*$/.test(part) ? part.split('') : Array.from(graphemes.segment(part), ({ segment }) => (drawable(segment) ? segment : codePointsText(segment)));
    if (pieces.length <= SHORT_WORD && !pieces.some((piece) => piece.length > 2)) {
      out += pieces.join('');
      continue;
    }
    let line = '';
    let lineWidth = 0;
    for (const piece of pieces) {
      const pieceWidth = widthOf(piece);
      if (line !== '' && lineWidth + pieceWidth > room) {
        // A space, not a newline: the line ends here either way, and pdfkit lays out one paragraph far faster than
        // hundreds of one-line ones.
        out += `${line} `;
        line = '';
        lineWidth = 0;
      }
      line += piece;
      lineWidth += pieceWidth;
    }
    out += line;
  }
  return out;
}
