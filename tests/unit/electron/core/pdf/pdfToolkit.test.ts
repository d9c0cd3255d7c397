import { describe, expect, it } from 'vitest';
import { chart, chartAltText, createPdf, niceAxis, table } from '../../../../../electron/core/pdf';
import { flatten, missingPoppler, pdfFontsReport, pdfInfo, pdfPages, popplerMessage } from './pdfReadBack';

const describeWithPoppler = missingPoppler.length === 0 ? describe : describe.skip;
if (missingPoppler.length > 0) console.warn(popplerMessage);

async function longDocument() {
  const pdf = createPdf({ title: 'Test chronology: Zoë Nowak', footerNote: 'Oakfield Primary School', createdAt: new Date('2026-11-23T10:00:00Z') });
  pdf.heading(1, 'Chronology for Zoë Nowak');
  pdf.paragraph('Everything recorded about Zoë, oldest first.');
  pdf.facts([['Date of birth', '04/03/2016'], ['UPN', '']]);
  pdf.quote('Mum’s friend said I can’t tell anyone — “it’s our secret”.', 'Zoë, to her class teacher');
  pdf.bulletList(['First point', 'Second point']);
  const rows = Array.from({ length: 300 }, (_, index) => [`Entry ${index + 1}`, `Detail of entry ${index + 1}. `.repeat(1 + (index % 5))]);
  rows.splice(150, 0, ['Very long entry', 'A very long piece of writing that goes on. '.repeat(400)]);
  table(pdf, { caption: 'Every entry', columns: [{ header: 'When', width: 1 }, { header: 'What happened', width: 4 }], rows });
  pdf.heading(2, 'Trends');
  chart(pdf, { kind: 'bar', title: 'Concerns by month', categories: ['Sep', 'Oct', 'Nov'], series: [{ name: 'Concerns', values: [3, 7, 2] }] });
  chart(pdf, { kind: 'line', title: 'Concerns by term', categories: ['Autumn', 'Spring', 'Summer'], series: [{ name: 'Staff', values: [1, 4, 9] }, { name: 'Pupils', values: [2, 2, 3] }] });
  return pdf.finish();
}

describeWithPoppler('the PDF toolkit', () => {
  it('numbers and marks every page, repeats the table header, and keeps every row', async () => {
    const bytes = await longDocument();
    const pages = pdfPages(bytes);
    expect(pages.length).toBeGreaterThan(10);
    pages.forEach((page, index) => {
      expect(page, `page ${index + 1}`).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page.match(/OFFICIAL-SENSITIVE/g)?.length, `page ${index + 1}`).toBe(2);
    });
    const text = flatten(pages.join(' '));
    for (let entry = 1; entry <= 300; entry++) expect(text).toContain(`Entry ${entry} `);
    expect(text).toContain('“it’s our secret”');
    expect(text).toContain('(continued)');
    const tablePages = pages.filter((page) => page.includes('Entry '));
    for (const page of tablePages.slice(1)) expect(page).toContain('What happened');
  });

  it('never cuts a row in half: each entry’s detail is on the same page as its date', async () => {
    const pages = pdfPages(await longDocument());
    for (let entry = 1; entry <= 300; entry++) {
      const page = pages.find((text) => new RegExp(`Entry ${entry}\\b`).test(text))!;
      expect(flatten(page), `entry ${entry}`).toContain(`Detail of entry ${entry}.`);
    }
  });

  it('embeds its fonts and declares a tagged, titled, en-GB document', async () => {
    const bytes = await longDocument();
    const fonts = pdfFontsReport(bytes);
    const fontRows = fonts.split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(fontRows.length).toBeGreaterThanOrEqual(2);
    for (const row of fontRows) expect(row).toMatch(/DejaVuSans.*\byes\s+yes\b/);
    const info = pdfInfo(bytes);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toContain('Test chronology: Zoë Nowak');
    expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
    expect(raw).toContain('/S /H1');
    expect(raw).toContain('/S /H2');
    expect(raw).toContain('/S /Table');
    expect(raw).toContain('/S /Figure');
  });
});

describe('chart helpers', () => {
  it('chooses whole-number axis steps and describes every value in the alt text', () => {
    expect(niceAxis(7)).toEqual({ top: 8, step: 2 });
    expect(niceAxis(0)).toEqual({ top: 1, step: 1 });
    expect(niceAxis(93)).toEqual({ top: 100, step: 50 });
    expect(chartAltText({ kind: 'bar', title: 'Concerns', categories: ['Sep', 'Oct'], series: [{ name: 'x', values: [3, 7] }] })).toBe('Bar chart: Concerns. Sep 3, Oct 7.');
  });
});

describeWithPoppler('text that could break a PDF', () => {
  // 20,000 characters with no space: a pasted link, a keyboard held down. Letters vary so a dropped or repeated
  // stretch would show.
  const LONG_WORD = Array.from({ length: 20_000 }, (_, index) => 'abcdefghijklmnopqrstuvwxyz0123456789'[(index * 7 + Math.floor(index / 36)) % 36]).join('');
  const withoutSpace = (text: string) => text.replace(/\s+/g, '');

  it('draws a 20,000-character word in a paragraph, a quote or a table cell in well under 3 s of CPU each, and pdftotext gives every character back', async () => {
    const layouts: Array<[string, (pdf: ReturnType<typeof createPdf>) => void]> = [
      ['paragraph', (pdf) => pdf.paragraph(`Before ${LONG_WORD} after.`)],
      ['quote', (pdf) => pdf.quote(`Before ${LONG_WORD} after.`)],
      ['table cell', (pdf) => table(pdf, { columns: [{ header: 'When', width: 1.15 }, { header: 'Detail', width: 3.2 }], rows: [['23/11/2026', `Before ${LONG_WORD} after.`]] })],
    ];
    // The first PDF of a process reads the font files; that is not what is being timed.
    await createPdf({ title: 'Warm-up' }).finish();
    for (const [where, draw] of layouts) {
      // CPU time, not the wall clock: on a shared machine the clock also counts other people's work. Before the fix
      // the paragraph alone took about a minute of CPU.
      const started = process.cpuUsage();
      const pdf = createPdf({ title: 'Long word', createdAt: new Date('2026-11-23T10:00:00Z') });
      draw(pdf);
      const bytes = await pdf.finish();
      const used = process.cpuUsage(started);
      const elapsed = (used.user + used.system) / 1000;
      expect(elapsed, `${where}: ${Math.round(elapsed)} ms of CPU`).toBeLessThan(3_000);
      const text = withoutSpace(pdfPages(bytes).join('').replace(/\(continued\)|Page \d+ of \d+|OFFICIAL-SENSITIVE|When\s+Detail/g, ''));
      expect(text, where).toContain(`Before${LONG_WORD}after.`);
    }
  });

  it('writes an emoji the font cannot draw as code points pdftotext reads back, and keeps the letters round it', async () => {
    const pdf = createPdf({ title: 'Emoji', createdAt: new Date('2026-11-23T10:00:00Z') });
    const name = 'Zoë 👩🏽‍🚀 Nowak 🇬🇧 😀';
    pdf.heading(1, name);
    pdf.facts([['Known as', name]]);
    table(pdf, { columns: [{ header: 'Name', width: 1 }], rows: [[name]] });
    const text = flatten(pdfPages(await pdf.finish()).join(' '));
    const readable = 'Zoë [U+1F469 U+1F3FD U+200D U+1F680] Nowak [U+1F1EC U+1F1E7] 😀';
    expect(text.split(readable).length - 1).toBe(3);
  });

  it('takes out a right-to-left override so a name reads in the order it was typed', async () => {
    const pdf = createPdf({ title: 'Amy\u202Eevil', footerNote: 'Oak\u202Efield', createdAt: new Date('2026-11-23T10:00:00Z') });
    pdf.heading(1, 'Chronology: Amy\u202Eevil Hughes');
    pdf.paragraph('Named by Amy\u202Eevil herself \u2066inside\u2069.');
    table(pdf, { columns: [{ header: 'Name', width: 1 }], rows: [['Amy\u202Eevil']] });
    const bytes = await pdf.finish();
    const text = flatten(pdfPages(bytes).join(' '));
    expect(text).toContain('Chronology: Amyevil Hughes');
    expect(text).toContain('Named by Amyevil herself inside.');
    expect(text).toContain('Oakfield');
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(text).not.toContain('live');
    expect(pdfInfo(bytes)).toMatch(/Title:\s+Amyevil/);
  });
});
