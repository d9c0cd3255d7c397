// The encrypted archive that carries an export out of the building: a standard .zip with WinZip AES-256
// encryption (7-Zip, WinZip and macOS's Archive Utility with a helper open it), and a passphrase sent separately.
// File names inside a zip are not encrypted, so entry names never include a child's name.
import crypto from 'node:crypto';
import { BlobReader, Uint8ArrayReader, Uint8ArrayWriter, Writer, ZipReader, ZipWriter, configure, type Entry, type FileEntry } from '@zip.js/zip.js';

// Node has no web workers in the zip.js sense; compress and encrypt on this thread.
configure({ useWebWorkers: false });

/** No 0/O, 1/I/L: a passphrase read over the phone must survive being written down. */
const PASSPHRASE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const PASSPHRASE_GROUPS = 6;
const GROUP_LENGTH = 4;

/** 24 random characters (about 119 bits) in six groups of four: `K7QX-MB2R-…`. Shown once, never stored. */
export function generatePassphrase(): string {
  const groups: string[] = [];
  for (let group = 0; group < PASSPHRASE_GROUPS; group++) {
    let text = '';
    for (let index = 0; index < GROUP_LENGTH; index++) text += PASSPHRASE_ALPHABET[crypto.randomInt(PASSPHRASE_ALPHABET.length)];
    groups.push(text);
  }
  return groups.join('-');
}

/** Accepts a passphrase typed with spaces, lower case or without dashes, when it is one of ours. */
export function normalisePassphrase(typed: string): string {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length === PASSPHRASE_GROUPS * GROUP_LENGTH && [...compact].every((character) => PASSPHRASE_ALPHABET.includes(character))) {
    return compact.match(new RegExp(`.{${GROUP_LENGTH}}`, 'g'))!.join('-');
  }
  return typed.trim();
}

export interface ArchiveFile {
  name: string;
  data: Buffer;
}

export async function createEncryptedArchive(files: readonly ArchiveFile[], passphrase: string, modifiedAt: Date): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password: passphrase, encryptionStrength: 3, zipCrypto: false, lastModDate: modifiedAt });
  for (const file of files) await writer.add(file.name, new Uint8ArrayReader(new Uint8Array(file.data)));
  return Buffer.from(await writer.close());
}

export class ArchiveError extends Error {
  constructor(
    readonly reason: 'wrong_passphrase' | 'damaged' | 'refused',
    message: string,
  ) {
    super(message);
  }
}

/** Collects an entry's bytes, and stops the unpacking the moment it passes its cap instead of after. */
class CappedWriter extends Writer<Buffer> {
  private readonly chunks: Uint8Array[] = [];
  private written = 0;

  constructor(
    private readonly cap: number,
    private readonly onOverflow: () => ArchiveError,
  ) {
    super();
  }

  override writeUint8Array(array: Uint8Array): Promise<void> {
    this.written += array.length;
    if (this.written > this.cap) throw this.onOverflow();
    this.chunks.push(array.slice());
    return Promise.resolve();
  }

  override getData(): Promise<Buffer> {
    return Promise.resolve(Buffer.concat(this.chunks));
  }
}

export interface ArchiveLimits {
  /** The largest any one file inside may unpack to. */
  perEntryBytes: number;
  /** The largest all of them together may unpack to. */
  totalBytes: number;
}

/**
 * Opens an archive from outside (another school's transfer) without trusting it: only the names in `expected` may
 * be inside, and each is unpacked in a stream that stops at `limit(name)` bytes, so a small file that unpacks to
 * gigabytes is refused after a few megabytes. Entries are read in the order given (the manifest first), and only
 * once every name in the archive is known.
 */
export async function readExpectedEntries(
  bytes: Buffer,
  passphrase: string,
  expected: readonly string[],
  limits: ArchiveLimits,
  read: (open: (name: string, cap: number) => Promise<Buffer | null>) => Promise<void>,
): Promise<void> {
  const reader = new ZipReader(new BlobReader(new Blob([new Uint8Array(bytes)])));
  let unpacked = 0;
  try {
    let entries: Entry[];
    try {
      entries = await reader.getEntries();
    } catch {
      throw new ArchiveError('damaged', 'The archive is damaged or incomplete. Ask the sending school to send it again.');
    }
    if (entries.length === 0) throw new ArchiveError('damaged', 'The archive is empty.');
    const byName = new Map<string, FileEntry>();
    for (const entry of entries) {
      // Names come from the central directory: nothing is unpacked before every one of them is known.
      if (entry.directory || !expected.includes(entry.filename) || byName.has(entry.filename)) {
        throw new ArchiveError('refused', `The archive holds a file this product does not send (“${entry.filename.slice(0, 100)}”), so nothing in it was opened.`);
      }
      if (!entry.encrypted) throw new ArchiveError('damaged', 'The archive was not made by Safeguarding Records: its files are not encrypted.');
      if ((entry.uncompressedSize ?? 0) > limits.perEntryBytes) throw new ArchiveError('refused', `${entry.filename} says it unpacks to ${entry.uncompressedSize} bytes, more than a transfer can hold.`);
      byName.set(entry.filename, entry as FileEntry);
    }
    await read(async (name, cap) => {
      const entry = byName.get(name);
      if (!entry) return null;
      const limit = Math.min(cap, limits.perEntryBytes, limits.totalBytes - unpacked);
      const overflow = () => new ArchiveError('refused', `${name} unpacks to more than ${limit} bytes, more than it should; it was not opened further.`);
      try {
        const data = await entry.getData(new CappedWriter(limit, overflow), { password: passphrase, checkPasswordOnly: false });
        unpacked += data.length;
        return data;
      } catch (error) {
        if (error instanceof ArchiveError) throw error;
        const message = error instanceof Error ? error.message : String(error);
        if (/password/i.test(message)) throw new ArchiveError('wrong_passphrase', 'That passphrase does not open this archive. Check it with the sending school.');
        throw new ArchiveError('damaged', 'The archive is damaged or incomplete. Ask the sending school to send it again.');
      }
    });
  } finally {
    await reader.close().catch(() => undefined);
  }
}
