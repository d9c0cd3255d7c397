// The local log: details of unexpected errors stay on this machine, found by the reference shown to the person.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Log {
  error(context: string, error: unknown): string;
  /** Something worth finding later that went right (the hub opening the records at start). */
  info?(context: string, message: string): void;
}

/** Past this size app.log is moved to app.log.1 (replacing the one before) and starts afresh. */
export const LOG_MAX_BYTES = 1024 * 1024;

/**
 * Writes one line per event to logs/app.log in the data folder and returns a short reference for it. The log never
 * grows past about twice `maxBytes` on disk (app.log and app.log.1), however many requests a page or a script sends.
 */
export function fileLog(dataDir: string, { maxBytes = LOG_MAX_BYTES }: { maxBytes?: number } = {}): Log {
  return {
    error(context, error) {
      const reference = crypto.randomBytes(4).toString('hex').toUpperCase();
      const detail = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
      try {
        const dir = path.join(dataDir, 'logs');
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, 'app.log');
        const line = `${new Date().toISOString()} [${reference}] ${context}: ${detail}`.slice(0, maxBytes - 1);
        const size = sizeOf(file);
        if (size > 0 && size + Buffer.byteLength(line) + 1 > maxBytes) fs.renameSync(file, `${file}.1`);
        fs.appendFileSync(file, `${line}\n`, { mode: 0o600 });
      } catch {
        // Logging must never turn one failure into two.
      }
      return reference;
    },
    info(context, message) {
      try {
        const dir = path.join(dataDir, 'logs');
        fs.mkdirSync(dir, { recursive: true });
        fs.appendFileSync(path.join(dir, 'app.log'), `${new Date().toISOString()} ${context}: ${message}`.slice(0, maxBytes - 1) + '\n', { mode: 0o600 });
      } catch {
        // Logging must never turn one failure into two.
      }
    },
  };
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
