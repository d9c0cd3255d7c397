// The local log: details of unexpected errors stay on this machine, found by the reference shown to the person.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Log {
  error(context: string, error: unknown): string;
}

/** Writes one line per event to logs/app.log in the data folder and returns a short reference for it. */
export function fileLog(dataDir: string): Log {
  return {
    error(context, error) {
      const reference = crypto.randomBytes(4).toString('hex').toUpperCase();
      const detail = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
      try {
        const dir = path.join(dataDir, 'logs');
        fs.mkdirSync(dir, { recursive: true });
        fs.appendFileSync(path.join(dir, 'app.log'), `${new Date().toISOString()} [${reference}] ${context}: ${detail}\n`, { mode: 0o600 });
      } catch {
        // Logging must never turn one failure into two.
      }
      return reference;
    },
  };
}
