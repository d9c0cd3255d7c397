// Reads a PDF back with Debian's poppler-utils, as a receiving social worker's software would.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const hasTool = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
export const missingPoppler = ['pdftotext', 'pdfinfo', 'pdffonts'].filter((tool) => !hasTool(tool));
export const popplerMessage = `poppler-utils is not installed (missing ${missingPoppler.join(', ')}): run apt-get install -y poppler-utils`;

function withFile<T>(bytes: Buffer, work: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguarding-pdf-'));
  const file = path.join(dir, 'document.pdf');
  try {
    fs.writeFileSync(file, bytes);
    return work(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfPageCount(bytes: Buffer): number {
  return withFile(bytes, (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]));
}

export function pdfInfo(bytes: Buffer): string {
  return withFile(bytes, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
}

/** The text of each page, in reading order (pdftotext's form-feed separates pages). */
export function pdfPages(bytes: Buffer): string[] {
  const text = withFile(bytes, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  return text.split('\f').slice(0, -1);
}

export function pdfText(bytes: Buffer): string {
  return pdfPages(bytes).join('\n');
}

export function pdfFontsReport(bytes: Buffer): string {
  return withFile(bytes, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
}

/** Collapses pdftotext's line wrapping so phrases can be found whole. */
export const flatten = (text: string) => text.replace(/\s+/g, ' ');

export interface DrawnPath {
  /** The path's points (ends of lines and curves) in page space, as pdfkit placed them. */
  points: Array<[number, number]>;
  /** 'S' stroked, 'f' filled. */
  paint: string;
  /** The stroke colour in force, as the stream writes it ("0.31 0.35 0.37"). */
  strokeColour: string;
}

/**
 * The paths drawn on the first page of a PDF made with `compress: false`, with every transformation (cm, q, Q)
 * applied: what a reader of the page would see, not what the code meant to draw.
 */
export function drawnPaths(pdf: Buffer): DrawnPath[] {
  const source = pdf.toString('latin1');
  // pdfkit begins every page's content by turning the page upside down (its y runs down the page).
  const start = source.indexOf('1 0 0 -1 0 841.89 cm');
  if (start < 0) throw new Error('No uncompressed A4 page content: make the PDF with compress: false.');
  const content = source.slice(start, source.indexOf('endstream', start));
  type Matrix = [number, number, number, number, number, number];
  const multiply = (m: Matrix, n: Matrix): Matrix => [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const saved: Matrix[] = [];
  const colours: string[] = [];
  let strokeColour = '';
  let operands: number[] = [];
  let current: Array<[number, number]> = [];
  const paths: DrawnPath[] = [];
  const at = (x: number, y: number): [number, number] => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
  let inText = false;
  for (const token of content.match(/<[0-9a-fA-F]*>|\[|\]|\/[^\s/[\]<>()]+|-?\d*\.?\d+(?:e-?\d+)?|[A-Za-z'"*]+/g) ?? []) {
    if (/^-?\d*\.?\d/.test(token)) {
      operands.push(Number(token));
      continue;
    }
    if (token === 'BT') inText = true;
    if (token === 'ET') inText = false;
    if (!inText) {
      const last = (count: number) => operands.slice(-count);
      if (token === 'q') {
        saved.push(ctm);
        colours.push(strokeColour);
      } else if (token === 'Q') {
        ctm = saved.pop() ?? [1, 0, 0, 1, 0, 0];
        strokeColour = colours.pop() ?? '';
      } else if (token === 'cm') ctm = multiply(last(6) as Matrix, ctm);
      else if (token === 'RG' || token === 'SCN' || token === 'SC') strokeColour = last(3).join(' ');
      else if (token === 'm' || token === 'l') current.push(at(last(2)[0]!, last(2)[1]!));
      else if (token === 'c') current.push(at(last(2)[0]!, last(2)[1]!));
      else if (token === 're') {
        const [x, y, w, h] = last(4) as [number, number, number, number];
        current.push(at(x, y), at(x + w, y), at(x + w, y + h), at(x, y + h));
      } else if (['S', 's', 'f', 'F', 'B', 'b', 'n'].includes(token)) {
        if (current.length > 0 && token !== 'n') paths.push({ points: current, paint: token, strokeColour });
        current = [];
      }
    }
    if (!token.startsWith('/') && !token.startsWith('<') && token !== '[' && token !== ']') operands = [];
  }
  return paths;
}
