// Results cross every boundary (IPC, HTTP, CLI) as values, never as thrown exceptions.

/** The closed set of error codes a caller can rely on. */
export const errorCodes = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'locked',
  'rate_limited',
  'unavailable',
  'internal',
  // The browser host's own refusals of a malformed HTTP request, before any command runs.
  'bad_request',
  'method_not_allowed',
  'too_large',
  'unsupported_media_type',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface AppError {
  code: ErrorCode;
  /** Plain English, safe to show to the person: what happened and what to do next. */
  message: string;
  /** Per-field messages, keyed by the field's dotted path (`dsl.password`), for forms to show beside each field. */
  fields?: Record<string, string[]>;
  /** For `internal`: a reference the local log carries, so IT can find the details without showing them on screen. */
  reference?: string;
  /** For `rate_limited`: when the next attempt will be accepted (UTC ISO-8601). */
  retryAt?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });

/** The `conflict` a save gets when someone else saved the same record after the page read it. */
export const STALE_SAVE_MESSAGE = 'Someone else changed this since you opened it — here is what they saved; your words are kept below. Check their change, then save again if yours is still needed.';

/** Whether an error is a save refused because the record changed underneath it: the page reloads the record and keeps what was typed. */
export const isStaleSave = (error: AppError): boolean => error.code === 'conflict' && error.message === STALE_SAVE_MESSAGE;
