// Field rules written once: the renderer's forms and dispatch validate with the same schemas.
import { z } from 'zod';
import { isIsoDate } from '../calendar/isoDate';
import { enterARealDateMessage } from '../calendar/ukDate';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Enter a username of at least 3 characters')
  .max(64, 'Enter a username of at most 64 characters')
  .regex(/^[a-z0-9._@-]+$/, 'Use only letters, numbers, dots, dashes, underscores and @ in a username');

/** Long beats clever (NCSC): at least 12 characters, e.g. three random words. */
export const newPasswordSchema = z
  .string()
  .min(12, 'Enter a password of at least 12 characters — three random words work well')
  .max(256, 'Enter a password of at most 256 characters');

/** A password being checked, not set: any length, so old passwords still work if the rule changes. */
export const passwordSchema = z.string().min(1, 'Enter your password').max(256, 'Enter a password of at most 256 characters');

export const displayNameSchema = z.string().trim().min(1, 'Enter the person’s name').max(120, 'Enter a name of at most 120 characters');

export const schoolNameSchema = z.string().trim().min(2, 'Enter the school’s name').max(200, 'Enter a name of at most 200 characters');

/** The Unique Reference Number from Get Information about Schools: six digits (a few older ones have seven). */
export const urnSchema = z.string().trim().regex(/^\d{6,7}$/, 'Enter the school’s URN: 6 digits, as shown on Get Information about Schools');

export const idSchema = z.uuid({ message: 'That record id is not valid' });

export const recoveryKeySchema = z
  .string()
  .trim()
  .min(1, 'Enter the recovery key')
  .transform((value) => value.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{52}$/, 'That is not a recovery key: it has 52 letters and numbers in groups of four'));

/** The earliest and latest dates any record may carry: older or later is a typing slip, not a safeguarding event. */
export const EARLIEST_RECORD_DATE = '1900-01-01';
export const LATEST_RECORD_DATE = '2099-12-31';

/**
 * A calendar date as `yyyy-MM-dd` that exists (no 30 February) and lies between 1900 and 2099. The one rule for
 * every date a command takes: a date the pattern alone let through was stored and later broke the child's file.
 */
export function calendarDateSchema(whenEmpty = 'Enter the date, for example 27/02/2026') {
  return z
    .string({ message: whenEmpty })
    .min(1, { message: whenEmpty, abort: true })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: enterARealDateMessage, abort: true })
    .refine(isIsoDate, { message: enterARealDateMessage, abort: true })
    .refine((date) => date >= EARLIEST_RECORD_DATE && date <= LATEST_RECORD_DATE, { message: 'Enter a date between 01/01/1900 and 31/12/2099', abort: true });
}

/** A 24-hour time of day, `HH:mm` (00:00 to 23:59). */
export function timeOfDaySchema(whenWrong = 'Enter a time, for example 14:30') {
  return z.string({ message: whenWrong }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, whenWrong);
}

/** The version of a record the page read; a save from an older reading is refused (see STALE_SAVE_MESSAGE). */
export const versionSchema = z.number({ message: 'Reload the page: it did not say which version of the record it read' }).int().min(1);
