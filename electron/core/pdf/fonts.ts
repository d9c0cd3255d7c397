// The fonts every PDF embeds. DejaVu covers the accents and scripts of names in English schools (Polish, Turkish,
// Romanian, Vietnamese Latin, Greek, Cyrillic), which the 14 standard PDF fonts do not, and it is embedded (as a
// subset) so the receiver sees exactly what the sender saw.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface PdfFonts {
  regular: string;
  bold: string;
  oblique: string;
}

const fontFiles = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', oblique: 'DejaVuSans-Oblique.ttf' } as const;

let cached: PdfFonts | null = null;

/**
 * The font files: from `fontsDir` when given (a packaged app passes its resources folder), otherwise from the
 * dejavu-fonts-ttf package. Fails loudly rather than fall back to a font that would not embed.
 */
export function pdfFonts(fontsDir?: string): PdfFonts {
  if (!fontsDir && cached) return cached;
  const dir = fontsDir ?? path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  const fonts = {
    regular: path.join(dir, fontFiles.regular),
    bold: path.join(dir, fontFiles.bold),
    oblique: path.join(dir, fontFiles.oblique),
  };
  for (const file of Object.values(fonts)) {
    if (!fs.existsSync(file)) throw new Error(`PDF font missing: ${file}`);
  }
  if (!fontsDir) cached = fonts;
  return fonts;
}
