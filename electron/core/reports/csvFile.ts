// RFC 4180 CSV, written by hand because it is one small function: fields with a comma, a double quote, a
// carriage return or a line feed are wrapped in double quotes, and a double quote inside is doubled; records end
// with CRLF. A cell that starts like a spreadsheet formula (= + - @, tab, CR) gets a leading apostrophe, so a name
// typed as "=HYPERLINK(…)" is shown as text and never run.
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file: a byte-order mark so Excel reads UTF-8 names correctly, CRLF after every record. */
export function csvDocument(records: ReadonlyArray<ReadonlyArray<string | number | null>>): Buffer {
  return Buffer.from(`\uFEFF${records.map((record) => record.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}
