// Putting checked files in place of a store's: a sequence of renames in one folder, every one of which can be undone.
// If any step fails, the steps already taken are undone in reverse, so the folder is exactly as before — and the
// message says so only when it is true; otherwise it says where each file now is. Used by the admin CLI's restore and
// by the conversion of a store to AEGIS-256 (decision 0028).
import fs from 'node:fs';
import path from 'node:path';
import { syncFolder } from './syncFolder';

/** The file operations a swap uses: a seam through which a test makes any one of them fail. */
export interface FileOps {
  exists(file: string): boolean;
  rename(from: string, to: string): void;
  /** Makes the folder's renames durable (fsync of the folder), so a power cut cannot undo some of them. */
  syncFolder(dir: string): void;
}

export const nodeFileOps: FileOps = {
  exists: (file) => fs.existsSync(file),
  rename: (from, to) => fs.renameSync(from, to),
  syncFolder,
};

/** The name a replaced file keeps: `safeguarding.db.replaced-STAMP`, with `-wal` after it so SQLite still finds it. */
export function replacedName(file: string, when: string): string {
  const companion = file.match(/^(.+)(-wal|-shm)$/);
  return companion ? `${companion[1]}.replaced-${when}${companion[2]}` : `${file}.replaced-${when}`;
}

export class RestoreMoveError extends Error {}

interface Move {
  from: string;
  to: string;
}

/**
 * Moves the files named `current` in `dataDir` aside (as `NAME.replaced-WHEN`), then those named `staged` in
 * `stagingDir` in, in that order, and flushes the folder. Returns the kept files' paths. Throws RestoreMoveError with a
 * true account of the folder if a step fails.
 */
export function replaceFiles(
  dataDir: string,
  stagingDir: string,
  when: string,
  names: { current: readonly string[]; staged: readonly string[] },
  what: string,
  ops: FileOps = nodeFileOps,
): string[] {
  const moves: Move[] = [
    ...names.current.filter((name) => ops.exists(path.join(dataDir, name))).map((name) => ({ from: path.join(dataDir, name), to: path.join(dataDir, replacedName(name, when)) })),
    ...names.staged.filter((name) => ops.exists(path.join(stagingDir, name))).map((name) => ({ from: path.join(stagingDir, name), to: path.join(dataDir, name) })),
  ];
  const done: Move[] = [];
  try {
    for (const move of moves) {
      if (ops.exists(move.to)) throw new Error(`${move.to} is in the way`);
      ops.rename(move.from, move.to);
      done.push(move);
    }
    ops.syncFolder(dataDir);
  } catch (error) {
    const reason = (error as Error).message;
    const stuck: Move[] = [];
    for (const move of done.reverse()) {
      try {
        ops.rename(move.to, move.from);
      } catch {
        stuck.push(move);
      }
    }
    if (stuck.length === 0) {
      throw new RestoreMoveError(`Moving ${what} into place failed (${reason}); every file was put back where it was, so nothing has been changed.`);
    }
    throw new RestoreMoveError(
      [
        `Moving ${what} into place failed (${reason}), and putting things back failed too. The folder ${dataDir} is not as it was. Rename these files back by hand before opening the app:`,
        ...stuck.map((move) => `  ${move.to}  →  ${move.from}`),
      ].join('\n'),
    );
  }
  return moves.filter((move) => path.dirname(move.from) === dataDir).map((move) => move.to);
}
