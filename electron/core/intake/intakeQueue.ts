// Append-only files of framed records: the hub's intake queue (sealed envelopes waiting for the store to open) and a
// client's outbox (sealed envelopes waiting for the hub) are both one of these. Each append is on disk before it
// returns; a record cut short by a power cut, or damaged later, is found by its frame and set aside with the reason —
// into a second file, never dropped — and the rest still read.
//
// A frame: magic "SRQF" | payload length (u32, big-endian) | CRC-32 of the length and payload (u32) | payload.
// The CRC finds accidents (a torn write, a bad sector); deliberate changes are the envelope's AEAD's to find.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { withExclusiveLock } from '../store/lockFiles';
import { syncFolder } from '../store/syncFolder';

const FRAME_MAGIC = Buffer.from('SRQF', 'ascii');
const FRAME_HEADER = 12;
/** Five 5 MB attachments in base64 inside JSON come to about 35 MB; a length beyond this is damage, not a record. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export const INTAKE_QUEUE_FILE = 'intake-queue.bin';
export const INTAKE_SET_ASIDE_FILE = 'intake-set-aside.bin';

export interface Frame {
  /** Where the frame starts in the file as read; changes when the file is compacted. */
  offset: number;
  payload: Buffer;
  /** SHA-256 of the payload, hex: how a set-aside or finished record is recognised again. */
  sha256: string;
}

/**
 * Why a record was set aside: `truncated` (the file ends inside it: a write cut short) or `corrupted` (its frame does
 * not check), or a reason the caller gives (an envelope that does not open: `altered`, `wrong_key`, …).
 */
export type SetAsideReason = string;

export interface SetAsideRecord {
  reason: SetAsideReason;
  detail: string;
  at: string;
  sha256: string;
  /** The bytes exactly as they were found, for an expert to look at. */
  bytes: Buffer;
}

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

export function encodeFrame(payload: Buffer): Buffer {
  if (payload.length > MAX_FRAME_BYTES) throw new Error(`A record is at most ${MAX_FRAME_BYTES} bytes.`);
  const frame = Buffer.alloc(FRAME_HEADER + payload.length);
  FRAME_MAGIC.copy(frame, 0);
  frame.writeUInt32BE(payload.length, 4);
  frame.writeUInt32BE(zlib.crc32(payload, zlib.crc32(frame.subarray(4, 8))), 8);
  payload.copy(frame, FRAME_HEADER);
  return frame;
}

type FrameCheck = { ok: true; end: number } | { ok: false; why: 'truncated' | 'corrupted' };

function checkFrame(data: Buffer, offset: number): FrameCheck {
  const remaining = data.length - offset;
  if (remaining < FRAME_HEADER) return FRAME_MAGIC.subarray(0, Math.min(remaining, 4)).equals(data.subarray(offset, offset + 4)) ? { ok: false, why: 'truncated' } : { ok: false, why: 'corrupted' };
  if (!data.subarray(offset, offset + 4).equals(FRAME_MAGIC)) return { ok: false, why: 'corrupted' };
  const length = data.readUInt32BE(offset + 4);
  if (length > MAX_FRAME_BYTES) return { ok: false, why: 'corrupted' };
  if (remaining < FRAME_HEADER + length) return { ok: false, why: 'truncated' };
  const crc = zlib.crc32(data.subarray(offset + FRAME_HEADER, offset + FRAME_HEADER + length), zlib.crc32(data.subarray(offset + 4, offset + 8)));
  return crc === data.readUInt32BE(offset + 8) ? { ok: true, end: offset + FRAME_HEADER + length } : { ok: false, why: 'corrupted' };
}

interface BadRegion {
  offset: number;
  bytes: Buffer;
  reason: 'truncated' | 'corrupted';
  detail: string;
  /** The region runs to the end of the file: a torn last write. */
  atEnd: boolean;
}

/** The good frames in order, and the damaged regions between and after them. */
export function scanFrames(data: Buffer): { frames: Frame[]; bad: BadRegion[] } {
  const frames: Frame[] = [];
  const bad: BadRegion[] = [];
  let offset = 0;
  while (offset < data.length) {
    const check = checkFrame(data, offset);
    if (check.ok) {
      const payload = data.subarray(offset + FRAME_HEADER, check.end);
      frames.push({ offset, payload, sha256: sha256(payload) });
      offset = check.end;
      continue;
    }
    // Resynchronise: the next place a whole, checking frame starts. A damaged length cannot hide the frames after it.
    let next = data.indexOf(FRAME_MAGIC, offset + 1);
    while (next !== -1 && !checkFrame(data, next).ok) next = data.indexOf(FRAME_MAGIC, next + 1);
    const end = next === -1 ? data.length : next;
    const torn = next === -1 && check.why === 'truncated';
    bad.push({
      offset,
      bytes: data.subarray(offset, end),
      reason: torn ? 'truncated' : 'corrupted',
      detail: torn
        ? `The last record (from byte ${offset}) ends before its declared length: its write was cut short.`
        : `Bytes ${offset} to ${end} do not form a record that checks: the file was damaged there.`,
      atEnd: next === -1,
    });
    offset = end;
  }
  return { frames, bad };
}

function encodeSetAside(record: Omit<SetAsideRecord, 'bytes'>, bytes: Buffer): Buffer {
  const meta = Buffer.from(JSON.stringify(record), 'utf8');
  const payload = Buffer.alloc(4 + meta.length + bytes.length);
  payload.writeUInt32BE(meta.length, 0);
  meta.copy(payload, 4);
  bytes.copy(payload, 4 + meta.length);
  return encodeFrame(payload);
}

function decodeSetAside(payload: Buffer): SetAsideRecord {
  const metaLength = payload.readUInt32BE(0);
  const meta = JSON.parse(payload.subarray(4, 4 + metaLength).toString('utf8')) as Omit<SetAsideRecord, 'bytes'>;
  return { ...meta, bytes: Buffer.from(payload.subarray(4 + metaLength)) };
}

/** Writes `bytes` at the end of `file` and flushes it; flushes the folder too when the file is new. */
function appendDurably(dir: string, file: string, bytes: Buffer): void {
  const existed = fs.existsSync(file);
  const descriptor = fs.openSync(file, 'a', 0o600);
  try {
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(descriptor, bytes, written);
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  // A new file's name is in the folder, which has its own flush: without it a power cut can lose the whole file.
  if (!existed) syncFolder(dir);
}

/**
 * One append-only log and its set-aside file, in `dir`. One lock file keeps the processes that share the folder (the
 * app, the admin CLI) from interleaving: every method is short and synchronous.
 */
export class FramedLog {
  constructor(
    readonly dir: string,
    readonly fileName: string,
    readonly setAsideName: string,
  ) {}

  get file(): string {
    return path.join(this.dir, this.fileName);
  }

  get setAsideFile(): string {
    return path.join(this.dir, this.setAsideName);
  }

  private locked<T>(work: () => T): T {
    fs.mkdirSync(this.dir, { recursive: true });
    return withExclusiveLock(`${this.file}.lock`, work);
  }

  /** True when nothing waits (no file, or an empty one): a look at the file's size, without the lock. */
  isEmpty(): boolean {
    try {
      return fs.statSync(this.file).size === 0;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw error;
    }
  }

  /** Appends one record; it is on disk when this returns. */
  append(payload: Buffer): void {
    const frame = encodeFrame(payload);
    this.locked(() => appendDurably(this.dir, this.file, frame));
  }

  /**
   * The good records in order. Damaged ones are set aside (durably, once each) before this returns; a torn last
   * record is then cut off the end, so the next append starts on a clean frame.
   */
  read(now = new Date()): { records: Frame[]; setAside: SetAsideRecord[] } {
    return this.locked(() => {
      if (!fs.existsSync(this.file)) return { records: [], setAside: [] };
      const { frames, bad } = scanFrames(fs.readFileSync(this.file));
      const setAside = this.recordSetAside(bad, now);
      const torn = bad.at(-1);
      if (torn?.atEnd) {
        const descriptor = fs.openSync(this.file, 'r+');
        try {
          fs.ftruncateSync(descriptor, torn.offset);
          fs.fsyncSync(descriptor);
        } finally {
          fs.closeSync(descriptor);
        }
      }
      return { records: frames, setAside };
    });
  }

  /** Sets records aside with the reason (an envelope that does not open, say); each is recorded once however often. */
  setAside(items: ReadonlyArray<{ bytes: Buffer; reason: SetAsideReason; detail: string }>, now = new Date()): SetAsideRecord[] {
    return this.locked(() => this.recordSetAside(items, now));
  }

  /** Everything ever set aside, oldest first. */
  readSetAside(): SetAsideRecord[] {
    if (!fs.existsSync(this.setAsideFile)) return [];
    // A damaged set-aside record stays in the file for an expert; it cannot be listed.
    return scanFrames(fs.readFileSync(this.setAsideFile)).frames.map((frame) => decodeSetAside(frame.payload));
  }

  private recordSetAside(items: ReadonlyArray<{ bytes: Buffer; reason: SetAsideReason; detail: string }>, now: Date): SetAsideRecord[] {
    if (items.length === 0) return [];
    const already = new Set(this.readSetAside().map((record) => record.sha256));
    const added: SetAsideRecord[] = [];
    for (const item of items) {
      const record = { reason: item.reason, detail: item.detail, at: now.toISOString(), sha256: sha256(item.bytes) };
      if (already.has(record.sha256)) continue;
      already.add(record.sha256);
      added.push({ ...record, bytes: Buffer.from(item.bytes) });
    }
    if (added.length > 0) appendDurably(this.dir, this.setAsideFile, Buffer.concat(added.map(({ bytes, ...record }) => encodeSetAside(record, bytes))));
    return added;
  }

  /**
   * Rewrites the log without the records `finished` says are done (stored, or set aside) and without damaged regions
   * (set aside first). The file is read again under the lock, so a record appended since the caller last read is kept.
   * Crash-safe: the new file is written and flushed beside the old, renamed over it, and the folder flushed; a crash
   * at any point leaves either the old file or the new one, whole.
   */
  compact(finished: (record: Frame) => boolean, now = new Date()): { kept: number; removed: number } {
    return this.locked(() => {
      if (!fs.existsSync(this.file)) return { kept: 0, removed: 0 };
      const { frames, bad } = scanFrames(fs.readFileSync(this.file));
      this.recordSetAside(bad, now);
      const keep = frames.filter((frame) => !finished(frame));
      if (keep.length === frames.length && bad.length === 0) return { kept: keep.length, removed: 0 };
      const temporary = `${this.file}.${process.pid}.tmp`;
      const descriptor = fs.openSync(temporary, 'w', 0o600);
      try {
        const contents = Buffer.concat(keep.map((frame) => encodeFrame(frame.payload)));
        let written = 0;
        while (written < contents.length) written += fs.writeSync(descriptor, contents, written);
        fs.fsyncSync(descriptor);
      } finally {
        fs.closeSync(descriptor);
      }
      fs.renameSync(temporary, this.file);
      syncFolder(this.dir);
      return { kept: keep.length, removed: frames.length - keep.length };
    });
  }
}

/** The hub's intake queue beside the store in `dataDir`. */
export function intakeQueue(dataDir: string): FramedLog {
  return new FramedLog(dataDir, INTAKE_QUEUE_FILE, INTAKE_SET_ASIDE_FILE);
}
