// A rename is durable only once the folder holding it is flushed: without this, a power cut just after a rename can
// leave the old name (or neither). Used wherever a file is replaced by rename (the keyring, a restored store).
import fs from 'node:fs';

export function syncFolder(dir: string): void {
  // Windows cannot open a folder to flush it; there NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const descriptor = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
}
