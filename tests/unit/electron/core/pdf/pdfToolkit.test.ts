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
