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
