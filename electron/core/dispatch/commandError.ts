import type { ErrorCode } from '../../../shared/api';

/** Thrown by handlers for an outcome the person must hear about; dispatch turns it into an error value. */
export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly retryAt?: string,
  ) {
    super(message);
  }
}
