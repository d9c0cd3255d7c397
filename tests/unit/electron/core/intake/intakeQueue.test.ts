// The intake queue on a real folder: what a power cut, a bad sector or a crash mid-compaction leaves behind is read
// back without losing a good envelope and without dropping a bad one silently.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INTAKE_QUEUE_FILE, INTAKE_SET_ASIDE_FILE, encodeFrame, intakeQueue } from '../../../../../electron/core/intake/intakeQueue';
import { tempDataDir } from '../testSchool';

const record = (index: number) => Buffer.from(`sealed envelope number ${index} `.repeat(3 + index));
const payloads = (records: ReadonlyArray<{ payload: Buffer }>) => records.map((entry) => entry.payload.toString());

afterEach(() => vi.restoreAllMocks());

describe('the intake queue', () => {
  it('reads back every appended envelope, in order', () => {
    const queue = intakeQueue(tempDataDir());
    for (let index = 0; index < 5; index += 1) queue.append(record(index));
    const { records, setAside } = queue.read();
    expect(payloads(records)).toEqual([0, 1, 2, 3, 4].map((index) => record(index).toString()));
    expect(setAside).toEqual([]);
  });

  it('flushes each append to disk, and the folder when the file is first made, before returning', () => {
    const dataDir = tempDataDir();
    const queue = intakeQueue(dataDir);
    const flushed: string[] = [];
    const fsync = fs.fsyncSync.bind(fs);
    const opened = new Map<number, string>();
    const openSync = fs.openSync.bind(fs);
    vi.spyOn(fs, 'openSync').mockImplementation((file, ...rest) => {
      const descriptor = openSync(file, ...(rest as [fs.OpenMode]));
      opened.set(descriptor, String(file));
      return descriptor;
    });
    vi.spyOn(fs, 'fsyncSync').mockImplementation((descriptor) => {
      flushed.push(opened.get(descriptor) ?? '?');
      fsync(descriptor);
    });
    queue.append(record(1));
    queue.append(record(2));
    const queueFile = path.join(dataDir, INTAKE_QUEUE_FILE);
    expect(flushed.filter((file) => file === queueFile)).toHaveLength(2);
    expect(flushed.filter((file) => file === dataDir)).toHaveLength(process.platform === 'win32' ? 0 : 1);
  });

  it('sets aside a torn last envelope as "truncated", cuts it off, and appends cleanly after it', () => {
    const dataDir = tempDataDir();
    const queue = intakeQueue(dataDir);
    for (let index = 0; index < 3; index += 1) queue.append(record(index));
    const file = path.join(dataDir, INTAKE_QUEUE_FILE);
    const whole = fs.readFileSync(file);
    // A power cut in the middle of writing the third envelope.
    fs.truncateSync(file, whole.length - 20);
    const torn = fs.readFileSync(file).subarray(encodeFrame(record(0)).length + encodeFrame(record(1)).length);

    const first = queue.read();
    expect(payloads(first.records)).toEqual([record(0).toString(), record(1).toString()]);
    expect(first.setAside).toHaveLength(1);
    expect(first.setAside[0]).toMatchObject({ reason: 'truncated', detail: expect.stringMatching(/cut short/) });
    expect(first.setAside[0]!.bytes.equals(torn)).toBe(true);

    queue.append(record(3));
    const second = queue.read();
    expect(payloads(second.records)).toEqual([0, 1, 3].map((index) => record(index).toString()));
    expect(second.setAside).toEqual([]);
    expect(queue.readSetAside().map((entry) => entry.reason)).toEqual(['truncated']);
  });

  it('sets aside a damaged envelope in the middle as "corrupted" and still reads the ones after it', () => {
    const dataDir = tempDataDir();
    const queue = intakeQueue(dataDir);
    for (let index = 0; index < 4; index += 1) queue.append(record(index));
    const file = path.join(dataDir, INTAKE_QUEUE_FILE);
    const data = fs.readFileSync(file);
    const secondAt = encodeFrame(record(0)).length;
    data[secondAt + 30]! ^= 0xff; // a bad sector in the second envelope's payload
    data.writeUInt32BE(999_999, secondAt + encodeFrame(record(1)).length + 4); // and a wrong length in the third's header
    fs.writeFileSync(file, data);

    const { records, setAside } = queue.read();
    expect(payloads(records)).toEqual([record(0).toString(), record(3).toString()]);
    expect(setAside.map((entry) => entry.reason)).toEqual(['corrupted']);
    expect(setAside[0]!.bytes.length).toBe(encodeFrame(record(1)).length + encodeFrame(record(2)).length);
    // Read again: recorded once, not twice.
    expect(queue.read().setAside).toEqual([]);
    expect(queue.readSetAside()).toHaveLength(1);
  });

  it('sets aside bytes that are not a record at all, written into the queue by something else', () => {
    const dataDir = tempDataDir();
    const queue = intakeQueue(dataDir);
    queue.append(record(0));
    fs.appendFileSync(path.join(dataDir, INTAKE_QUEUE_FILE), 'not a record');
    queue.append(record(1));
    const { records, setAside } = queue.read();
    expect(payloads(records)).toEqual([record(0).toString(), record(1).toString()]);
    expect(setAside.map((entry) => [entry.reason, entry.bytes.toString()])).toEqual([['corrupted', 'not a record']]);
  });

  it('takes another reason from the caller (an envelope that will not open) and keeps the bytes exactly', () => {
    const queue = intakeQueue(tempDataDir());
    queue.append(record(0));
    const [only] = queue.read().records;
    queue.setAside([{ bytes: only!.payload, reason: 'altered', detail: 'does not open' }], new Date('2026-11-23T12:45:00Z'));
    queue.setAside([{ bytes: only!.payload, reason: 'altered', detail: 'does not open' }]);
    expect(queue.readSetAside()).toEqual([{ reason: 'altered', detail: 'does not open', at: '2026-11-23T12:45:00.000Z', sha256: only!.sha256, bytes: record(0) }]);
  });

  it('compacts away what is finished, keeping what is not and what arrived after the read', () => {
    const dataDir = tempDataDir();
    const queue = intakeQueue(dataDir);
    for (let index = 0; index < 4; index += 1) queue.append(record(index));
    const seen = queue.read().records;
    const finished = new Set([seen[0]!.sha256, seen[2]!.sha256]);
    queue.append(record(4)); // arrives while the first four are being ingested
    expect(queue.compact((entry) => finished.has(entry.sha256))).toEqual({ kept: 3, removed: 2 });
    expect(payloads(queue.read().records)).toEqual([1, 3, 4].map((index) => record(index).toString()));
    expect(fs.readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('drops a damaged region from the queue only once it is safely in the set-aside file', () => {
    const dataDir = tempDataDir();
    const queue = intakeQueue(dataDir);
    queue.append(record(0));
    fs.appendFileSync(path.join(dataDir, INTAKE_QUEUE_FILE), 'damage');
    queue.append(record(1));
    // Compaction is the first to see the damage: it records it, then rewrites.
    queue.compact(() => false);
    expect(queue.readSetAside().map((entry) => entry.bytes.toString())).toEqual(['damage']);
    expect(fs.readFileSync(path.join(dataDir, INTAKE_QUEUE_FILE)).includes('damage')).toBe(false);
    expect(payloads(queue.read().records)).toEqual([record(0).toString(), record(1).toString()]);
  });

  it('keeps the old queue whole when compaction fails before its rename (a crash or a full disk)', () => {
    const dataDir = tempDataDir();
    const queue = intakeQueue(dataDir);
    for (let index = 0; index < 3; index += 1) queue.append(record(index));
    const before = fs.readFileSync(path.join(dataDir, INTAKE_QUEUE_FILE));
    vi.spyOn(fs, 'renameSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    expect(() => queue.compact(() => true)).toThrow(/ENOSPC/);
    expect(fs.readFileSync(path.join(dataDir, INTAKE_QUEUE_FILE)).equals(before)).toBe(true);
    expect(payloads(queue.read().records)).toHaveLength(3);
    expect(fs.existsSync(path.join(dataDir, INTAKE_SET_ASIDE_FILE))).toBe(false);
  });
});
