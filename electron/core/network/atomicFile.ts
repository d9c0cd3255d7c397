// Files the hub and its clients cannot afford to find half-written after a power cut: written to a temporary file,
// flushed, renamed over the old one, and the folder flushed so the rename itself survives (see store/syncFolder.ts).
import fs from 'node:fs';
import path from 'node:path';
import { syncFolder } from '../store/syncFolder';

/** `mode` applies to the new file from its creation, so a private key is never readable by others, not even briefly. */
export function writeFileAtomically(file: string, content: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const descriptor = fs.openSync(temporary, 'w', mode);
  try {
    fs.writeSync(descriptor, content);
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  // An older file written under a looser umask keeps its mode across a rename onto it only if we set it here.
  fs.chmodSync(temporary, mode);
  fs.renameSync(temporary, file);
  syncFolder(path.dirname(file));
}
