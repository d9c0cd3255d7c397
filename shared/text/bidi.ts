// Unicode's explicit direction controls (embeddings, overrides and isolates) in a name or a note can make text
// read in an order nobody typed: "Amy\u202Eevil" shows as "Amylive". They never belong in a safeguarding record's
// words, so everything shown or written out has them taken away. The implicit marks (U+200E, U+200F) cannot
// reorder anything beyond a neighbouring character and stay.
const directionControls = /[\u202A-\u202E\u2066-\u2069]/g;

/** The text without bidirectional embedding, override or isolate controls. */
export function neutraliseBidiControls(text: string): string {
  return text.replace(directionControls, '');
}

/** A copy of a JSON-shaped value with every string neutralised (for documents written to files). */
export function neutraliseBidiDeep<T>(value: T): T {
  if (typeof value === 'string') return neutraliseBidiControls(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => neutraliseBidiDeep(item)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, neutraliseBidiDeep(item as unknown)])) as T;
  return value;
}
