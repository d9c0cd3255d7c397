// Dates typed by people, in the order people in the UK write them.
import { z } from 'zod';
import { isIsoDate, isoDateFromParts } from './isoDate';

export const enterADateMessage = 'Enter a date, for example 22/11/2026';
export const enterARealDateMessage = 'Enter a real date, for example 22/11/2026';

export type UkDateParse = { ok: true; isoDate: string } | { ok: false; message: string };

// Day and month may have one or two digits (4/3/2016 is how many people write it); the year needs all four,
// because "26" could mean 1926 for a member of staff's date of birth.
const ukDatePattern = /^(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})$/;

/** `'22/11/2026'` → `{ ok: true, isoDate: '2026-11-22' }`; anything else → a message to show beside the field. */
export function parseUkDate(text: string): UkDateParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: enterADateMessage };
  const match = ukDatePattern.exec(trimmed);
  if (!match) return { ok: false, message: enterARealDateMessage };
  const isoDate = isoDateFromParts(Number(match[3]), Number(match[2]), Number(match[1]));
  if (!isIsoDate(isoDate) || Number(match[3]) < 1900) return { ok: false, message: enterARealDateMessage };
  return { ok: true, isoDate };
}

/** For forms and commands: accepts `22/11/2026`, outputs `2026-11-22`, with the same messages as parseUkDate. */
export const ukDateSchema = z.string().transform((text, context) => {
  const parsed = parseUkDate(text);
  if (parsed.ok) return parsed.isoDate;
  context.addIssue({ code: 'custom', message: parsed.message });
  return z.NEVER;
});
