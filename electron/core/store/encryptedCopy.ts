// A consistent, encrypted copy of the open store, taken while the app may be using it.
//
// Why not SQLite's online backup (db.backup)? better-sqlite3 opens the destination itself, without a
// key, and sqlite3mc then refuses: "backup is not supported with incompatible source and target databases".
// `VACUUM INTO` runs inside one read transaction (so the copy is consistent even while others write, thanks to WAL)
// and sqlite3mc writes the target with the source's cipher and key, so the copy is never plaintext on disk.
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from './open';

/** Writes an encrypted copy of `db` to `destination` (which must not exist), flushed to disk before it appears. */
export function writeEncryptedCopy(db: Store, destination: string): void {
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists; choose a new file name.`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial-${process.pid}`;
  fs.rmSync(partial, { force: true });
  try {
    // The file name is a bound parameter: no text reaches the SQL.
    db.prepare('VACUUM INTO ?').run(partial);
    fs.chmodSync(partial, 0o600);
    const descriptor = fs.openSync(partial, 'r+');
    try {
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
    fs.renameSync(partial, destination);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
