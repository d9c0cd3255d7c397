// The encrypted archive that carries an export out of the building: a standard .zip with WinZip AES-256
// encryption (7-Zip, WinZip and macOS's Archive Utility with a helper open it), and a passphrase sent separately.
// File names inside a zip are not encrypted, so entry names never include a child's name.
import crypto from 'node:crypto';
import { BlobReader, BlobWriter, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter, configure } from '@zip.js/zip.js';

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
    readonly reason: 'wrong_passphrase' | 'damaged',
    message: string,
  ) {
    super(message);
  }
}

/** Opens an archive made by createEncryptedArchive; every entry is checked against its AES authentication code. */
export async function readEncryptedArchive(bytes: Buffer, passphrase: string): Promise<Map<string, Buffer>> {
  let reader: ZipReader<unknown>;
  const files = new Map<string, Buffer>();
  try {
    reader = new ZipReader(new BlobReader(new Blob([new Uint8Array(bytes)])));
    const entries = await reader.getEntries();
    if (entries.length === 0) throw new ArchiveError('damaged', 'The archive is empty.');
    for (const entry of entries) {
      if (entry.directory) continue;
      if (!entry.encrypted) throw new ArchiveError('damaged', 'The archive was not made by Safeguarding Records: its files are not encrypted.');
      const blob = await entry.getData(new BlobWriter(), { password: passphrase, checkPasswordOnly: false });
      files.set(entry.filename, Buffer.from(await blob.arrayBuffer()));
    }
    await reader.close();
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/password/i.test(message)) throw new ArchiveError('wrong_passphrase', 'That passphrase does not open this archive. Check it with the sending school.');
    throw new ArchiveError('damaged', 'The archive is damaged or incomplete. Ask the sending school to send it again.');
  }
  return files;
}
