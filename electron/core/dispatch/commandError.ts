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

/** A refusal the code that refused has already written to the audit log; dispatch must not add a second row. */
export class AuditedRefusal extends CommandError {}
