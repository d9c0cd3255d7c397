// The chronology as a PDF or a CSV, in full or anonymised for a meeting outside the school.
import type { ChronologyEntry } from '../../../shared/api';
import { formatDate, formatTime, formatIsoDate } from '../../../shared/calendar';
import { neutraliseBidiControls } from '../../../shared/text';
import { chronology } from '../casework/childFile';
import { createPdf, palette } from '../pdf';
import type { Store } from '../store';
import { anonymiserFor } from './anonymise';
import { MARKING } from './referralPack';
import { chronologyTable } from './referralPdf';

export interface ChronologyExportOptions {
  anonymised: boolean;
  significantOnly: boolean;
}

export interface ChildHeading {
  name: string;
  dateOfBirth: string;
}

export function chronologyRows(db: Store, pupilId: string, options: ChronologyExportOptions): { child: ChildHeading; entries: ChronologyEntry[] } {
  const child = db.prepare('SELECT legal_first_name, legal_last_name, preferred_name, date_of_birth FROM pupils WHERE id = ?').get(pupilId) as { legal_first_name: string; legal_last_name: string; preferred_name: string | null; date_of_birth: string };
  const entries = chronology(db, pupilId).filter((entry) => !options.significantOnly || entry.significant);
  const heading = { name: `${child.preferred_name ?? child.legal_first_name} ${child.legal_last_name}`, dateOfBirth: child.date_of_birth };
  if (!options.anonymised) return { child: heading, entries };
  const anonymise = anonymiserFor(db, pupilId);
  return { child: heading, entries: entries.map((entry) => ({ ...entry, title: anonymise(entry.title), detail: anonymise(entry.detail), by: anonymise.roleFor(entry.by) })) };
}

/** Drawn from what was read on the app's thread (the school's name included), so it can be drawn on another thread. */
export async function chronologyPdf(school: { name: string }, child: ChildHeading, entries: readonly ChronologyEntry[], options: ChronologyExportOptions, now: Date): Promise<Buffer> {
  const pdf = createPdf({ title: `Chronology: ${child.name}`, subject: 'Safeguarding chronology', author: school.name, marking: MARKING, footerNote: school.name, createdAt: now });
  pdf.heading(1, `Chronology: ${child.name}`);
  pdf.facts([
    ['Date of birth', formatIsoDate(child.dateOfBirth)],
    ['School', school.name],
    ['Produced', `${formatDate(now)} ${formatTime(now)}`],
    ['Entries', `${entries.length}${options.significantOnly ? ' (significant events only)' : ''}`],
  ]);
  if (options.anonymised) pdf.paragraph('Anonymised for an external meeting: staff are named by their role and other children’s names are removed.', { style: 'oblique', colour: palette.muted });
  pdf.heading(2, 'Entries, oldest first');
  chronologyTable(pdf, entries);
  return pdf.finish();
}

/** Direction controls are taken out; cells that start like a formula are prefixed so a spreadsheet shows them as text and never runs them. */
const csvCell = (raw: string) => {
  const value = neutraliseBidiControls(raw);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function chronologyCsv(entries: readonly ChronologyEntry[]): Buffer {
  const lines = [['Date', 'Time', 'Kind', 'What', 'Detail', 'Recorded by', 'Significant'].join(',')];
  for (const entry of entries) {
    const at = new Date(entry.at);
    lines.push([formatDate(at), formatTime(at), entry.kind, entry.title, entry.detail, entry.by, entry.significant ? 'Yes' : 'No'].map(csvCell).join(','));
  }
  // A byte-order mark so Excel opens UTF-8 names (Zoë, Łukasz) correctly.
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
