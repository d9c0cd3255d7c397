// An A4 document that a screen reader can navigate: tagged (structure tree with H1/H2/P/L/Table/Figure), the
// language and title set, DejaVu fonts embedded, and every page marked and numbered. Running headers and footers
// are drawn last (the total page count is only known then) and tagged as pagination artifacts, so assistive
// technology does not read "OFFICIAL-SENSITIVE Page 3 of 7" in the middle of a sentence.
import PDFDocument from 'pdfkit';
import { pdfFonts } from './fonts';
import { textForPdf } from './pdfText';
import { neutraliseBidiControls } from '../../../shared/text';

export const A4 = { width: 595.28, height: 841.89 } as const;
export const pageMargins = { top: 64, bottom: 64, left: 56, right: 56 } as const;

export const palette = {
  text: '#1b1b1b',
  muted: '#505a5f',
  rule: '#b1b4b6',
  shade: '#f3f2f1',
  accent: '#1d70b8',
} as const;

export interface PdfDocumentOptions {
  /** Shown by PDF readers instead of the file name, and read out first by screen readers. */
  title: string;
  /** The protective marking on every page (Government Security Classifications). */
  marking?: string;
  subject?: string;
  author?: string;
  /** Small text at the left of every footer, e.g. the school's name. */
  footerNote?: string;
  /** Where the DejaVu .ttf files are, for a packaged app; defaults to the dejavu-fonts-ttf package. */
  fontsDir?: string;
  /** The document's creation date (fixed in tests); defaults to now. */
  createdAt?: Date;
  /** False leaves the page content uncompressed, so a test can read back what was drawn where. Defaults to true. */
  compress?: boolean;
}

export type FontStyle = 'regular' | 'bold' | 'oblique';
type StructureElement = PDFKit.PDFStructureElement;

export interface ParagraphOptions {
  style?: FontStyle;
  size?: number;
  colour?: string;
  /** Indent from the left margin, in points. */
  indent?: number;
  /** Space after the paragraph, in points. */
  spaceAfter?: number;
}

/** Builds one PDF from top to bottom; call finish() once for the bytes. */
export class PdfBuilder {
  readonly doc: PDFKit.PDFDocument;
  readonly marking: string;
  private readonly root: StructureElement;
  private readonly footerNote: string;
  private readonly fontNames: Record<FontStyle, string>;
  private lastTopHeading: PDFKit.PDFOutline | null = null;
  private finished = false;
  /** Set by finish(): how many pages the document has. */
  pageCount = 0;

  constructor(options: PdfDocumentOptions) {
    const fonts = pdfFonts(options.fontsDir);
    this.marking = options.marking ?? 'OFFICIAL-SENSITIVE';
    this.footerNote = neutraliseBidiControls(options.footerNote ?? '');
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { ...pageMargins },
      bufferPages: true,
      tagged: true,
      lang: 'en-GB',
      displayTitle: true,
      pdfVersion: '1.7',
      compress: options.compress ?? true,
      // Naming a TrueType font here stops pdfkit loading Helvetica, which could never be embedded.
      font: fonts.regular,
      info: {
        Title: neutraliseBidiControls(options.title),
        Subject: options.subject ?? '',
        Author: options.author ?? '',
        Creator: 'Safeguarding Records',
        Producer: 'Safeguarding Records',
        CreationDate: options.createdAt ?? new Date(),
        Keywords: this.marking,
      },
    });
    // The regular face is named by its path, the key pdfkit already cached it under: registering it under another
    // name would make pdfkit parse the font file again on every switch back to it.
    this.fontNames = { regular: fonts.regular, bold: 'bold', oblique: 'oblique' };
    this.doc.registerFont('bold', fonts.bold);
    this.doc.registerFont('oblique', fonts.oblique);
    this.font('regular', 10.5).fillColor(palette.text);
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  /** Switches to one of the embedded faces (and a size); returns the pdfkit document for chaining. */
  font(style: FontStyle, size?: number): PDFKit.PDFDocument {
    this.doc.font(this.fontNames[style]);
    if (size !== undefined) this.doc.fontSize(size);
    return this.doc;
  }

  /** `text` ready to draw in the current font within `width` (see pdfText.ts): every piece of text goes through it. */
  fit(text: string, width = this.contentWidth): string {
    return textForPdf(this.doc, text, width);
  }

  /** The width between the margins. */
  get contentWidth(): number {
    return this.doc.page.width - pageMargins.left - pageMargins.right;
  }

  /** The lowest y that content may reach on this page. */
  get bottom(): number {
    return this.doc.page.height - pageMargins.bottom;
  }

  get remainingHeight(): number {
    return this.bottom - this.doc.y;
  }

  /** Adds a child to the document's structure tree; `draw` runs now, inside that element's marked content. */
  addTagged(tag: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): void {
    this.root.add(this.doc.struct(tag, options, draw));
  }

  /** Adds a structure element the caller fills (a table); the caller must end() it. */
  openElement(tag: string, options: PDFKit.Mixins.StructureElementOptions = {}): StructureElement {
    const element = this.doc.struct(tag, options);
    this.root.add(element);
    return element;
  }

  /** Draws decoration (rules, shading) that a screen reader should skip. */
  decoration(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = pageMargins.left;
    this.doc.y = pageMargins.top;
  }

  /** Starts a new page unless `height` points are left on this one. */
  ensureSpace(height: number): void {
    if (this.remainingHeight < height) this.newPage();
  }

  /** A heading a screen reader lists (H1–H3), also added to the PDF's bookmarks. Never left alone at a page foot. */
  heading(level: 1 | 2 | 3, text: string): void {
    const size = level === 1 ? 17 : level === 2 ? 13.5 : 11.5;
    const doc = this.doc;
    this.font('bold', size);
    text = this.fit(text);
    const height = doc.heightOfString(text, { width: this.contentWidth });
    this.ensureSpace(height + 60);
    if (doc.y > pageMargins.top + 1) doc.moveDown(level === 1 ? 0.8 : 0.5);
    if (level === 1) this.lastTopHeading = doc.outline.addItem(text);
    else if (level === 2) (this.lastTopHeading ?? doc.outline).addItem(text);
    this.addTagged(`H${level}`, () => {
      this.font('bold', size).fillColor(level === 1 ? palette.accent : palette.text).text(text, pageMargins.left, doc.y, { width: this.contentWidth });
    });
    doc.moveDown(0.3);
    this.resetText();
  }

  paragraph(text: string, options: ParagraphOptions = {}): void {
    const doc = this.doc;
    const indent = options.indent ?? 0;
    this.addTagged('P', () => {
      this.font(options.style ?? 'regular', options.size ?? 10.5).fillColor(options.colour ?? palette.text);
      doc.text(text.length > 0 ? this.fit(text, this.contentWidth - indent) : ' ', pageMargins.left + indent, doc.y, { width: this.contentWidth - indent });
    });
    doc.y += options.spaceAfter ?? 5;
    this.resetText();
  }

  /** "Label: value" lines, the label in bold: for short facts (date of birth, UPN). Empty values say "Not recorded". */
  facts(rows: ReadonlyArray<readonly [label: string, value: string]>): void {
    const doc = this.doc;
    for (const [label, value] of rows) {
      this.addTagged('P', () => {
        this.font('bold', 10.5).fillColor(palette.text).text(`${label}: `, pageMargins.left, doc.y, { width: this.contentWidth, continued: true });
        this.font('regular');
        doc.text(value.trim() === '' ? 'Not recorded' : this.fit(value));
      });
      doc.y += 2;
    }
    doc.y += 4;
    this.resetText();
  }

  /** Words quoted exactly as spoken or written (a child's own words), set apart with a rule at the left. */
  quote(text: string, attribution?: string): void {
    const doc = this.doc;
    this.font('oblique', 11);
    text = this.fit(text, this.contentWidth - 18);
    const height = Math.min(doc.heightOfString(text, { width: this.contentWidth - 18 }), this.bottom - pageMargins.top);
    this.ensureSpace(Math.min(height, 80));
    const top = doc.y;
    this.addTagged('BlockQuote', () => {
      this.font('oblique', 11).fillColor(palette.text).text(text, pageMargins.left + 14, doc.y, { width: this.contentWidth - 18 });
    });
    const bottomOfQuote = doc.y;
    // A rule beside the quote; if the quote ran on to another page, the rule is drawn on this page only.
    if (bottomOfQuote > top) this.decoration(() => doc.save().rect(pageMargins.left, top, 3, bottomOfQuote - top).fill(palette.rule).restore());
    if (attribution) this.paragraph(attribution, { style: 'regular', size: 9, colour: palette.muted, indent: 14 });
    else doc.y += 5;
    this.resetText();
  }

  /** A bulleted list, tagged as a list (L > LI > LBody). */
  bulletList(items: readonly string[]): void {
    const doc = this.doc;
    const list = this.openElement('L');
    for (const original of items) {
      this.font('regular', 10.5);
      const item = this.fit(original, this.contentWidth - 16);
      this.ensureSpace(doc.heightOfString(item, { width: this.contentWidth - 16 }) + 2);
      const listItem = doc.struct('LI');
      list.add(listItem);
      const y = doc.y;
      listItem.add(doc.struct('Lbl', {}, () => this.font('regular', 10.5).fillColor(palette.text).text('•', pageMargins.left + 2, y, { width: 12, lineBreak: false })));
      listItem.add(doc.struct('LBody', {}, () => this.font('regular', 10.5).fillColor(palette.text).text(item, pageMargins.left + 16, y, { width: this.contentWidth - 16 })));
      listItem.end();
      doc.y += 2;
    }
    list.end();
    doc.y += 4;
    this.resetText();
  }

  /** A thin rule across the page, for separating records. */
  rule(): void {
    const doc = this.doc;
    this.ensureSpace(8);
    const y = doc.y + 2;
    this.decoration(() => doc.save().moveTo(pageMargins.left, y).lineTo(pageMargins.left + this.contentWidth, y).lineWidth(0.5).strokeColor(palette.rule).stroke().restore());
    doc.y = y + 6;
  }

  /**
   * Vector drawing (a chart, a body map) tagged as a Figure with alternative text for screen readers. `draw`
   * gets the box it may use; the figure is moved whole to the next page if it does not fit on this one.
   */
  figure(options: { alt: string; height: number; width?: number }, draw: (box: { x: number; y: number; width: number; height: number }) => void): void {
    const height = Math.min(options.height, this.bottom - pageMargins.top);
    this.ensureSpace(height);
    const box = { x: pageMargins.left, y: this.doc.y, width: options.width ?? this.contentWidth, height };
    this.addTagged('Figure', () => {
      this.doc.save();
      draw(box);
      this.doc.restore();
    }, { alt: options.alt });
    this.doc.x = pageMargins.left;
    this.doc.y = box.y + height + 6;
    this.resetText();
  }

  /** Ends the document: draws every page's header and footer, closes the structure tree and returns the bytes. */
  async finish(): Promise<Buffer> {
    if (this.finished) throw new Error('This PDF has already been finished.');
    this.finished = true;
    const doc = this.doc;
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    this.root.end();
    const range = doc.bufferedPageRange();
    this.pageCount = range.count;
    for (let index = range.start; index < range.start + range.count; index++) {
      doc.switchToPage(index);
      this.drawRunningHeadAndFoot(index - range.start + 1, range.count);
    }
    doc.end();
    return done;
  }

  private drawRunningHeadAndFoot(pageNumber: number, pageCount: number): void {
    const doc = this.doc;
    const width = this.contentWidth;
    // Writing inside the margins would otherwise make pdfkit start a new page.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    this.font('bold', 9).fillColor(palette.text);
    doc.text(this.marking, pageMargins.left, 30, { width, align: 'center', lineBreak: false });
    const footY = doc.page.height - 42;
    doc.save().moveTo(pageMargins.left, footY - 6).lineTo(pageMargins.left + width, footY - 6).lineWidth(0.5).strokeColor(palette.rule).stroke().restore();
    if (this.footerNote) this.font('regular', 8).fillColor(palette.muted).text(this.footerNote, pageMargins.left, footY, { width: width / 3, lineBreak: false, ellipsis: true });
    this.font('bold', 9).fillColor(palette.text).text(this.marking, pageMargins.left + width / 3, footY, { width: width / 3, align: 'center', lineBreak: false });
    this.font('regular', 9).text(`Page ${pageNumber} of ${pageCount}`, pageMargins.left + (2 * width) / 3, footY, { width: width / 3, align: 'right', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = savedBottom;
  }

  private resetText(): void {
    this.doc.x = pageMargins.left;
    this.font('regular', 10.5).fillColor(palette.text);
  }
}

/** Starts an A4, tagged, en-GB PDF with embedded fonts, the marking on every page and "Page n of N". */
export function createPdf(options: PdfDocumentOptions): PdfBuilder {
  return new PdfBuilder(options);
}
