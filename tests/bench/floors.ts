// The physical floor, measured in the same run as the figures it divides: an fsync of a small write, and a one-row
// durable insert into plain SQLite (WAL, synchronous = FULL) on the same disk (the same temp folder as the stores).
// Absolute times on a shared machine move by 2× from day to day; what the code adds over the floor does not.
import Database from 'better-sqlite3-multiple-ciphers';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, timeEach } from './measure';

/** Which machine the figures come from, so runs on different days and computers can be told apart. */
export function machine(): { cpu: string; cores: number; aes: boolean | null; platform: string; node: string } {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length, aes: hasAesInstructions(), platform: `${process.platform} ${process.arch}`, node: process.version };
}

/** AES instructions in the processor (AES-NI on x86, the crypto extension on Arm); null where it cannot be told. */
function hasAesInstructions(): boolean | null {
  try {
    if (process.platform === 'linux') return /^(flags|Features)\s*:.*\baes\b/m.test(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (process.platform === 'darwin') {
      if (process.arch === 'arm64') return true; // every Apple silicon core has the Armv8 crypto extension
      return /\bAES\b/.test(execFileSync('sysctl', ['-n', 'machdep.cpu.features'], { encoding: 'utf8' }));
    }
  } catch {
    // Unknown is an honest answer.
  }
  return null;
}

/** Microseconds to write 512 bytes to a file in `dir` and fsync it. */
export function fsyncFloor(dir: string, runs = 500): number[] {
  const file = path.join(dir, 'fsync-floor.bin');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(512, 7);
  // The file at its full size first: the floor is an overwrite, not a write that grows the file.
  fs.writeSync(fd, Buffer.alloc(64 * 512));
  fs.fsyncSync(fd);
  try {
    return timeEach(runs, (index) => {
      fs.writeSync(fd, block, 0, block.length, (index % 64) * 512);
      fs.fsyncSync(fd);
    }, 20);
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
}

/** A plain SQLite file with the store's durability settings and a table shaped like the audit log. */
export class PlainInsertFloor {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private count = 0;

  constructor(dir: string) {
    this.db = new Database(path.join(dir, 'floor.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec('CREATE TABLE IF NOT EXISTS floor (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, command TEXT NOT NULL, record_ids TEXT NOT NULL, hash TEXT NOT NULL)');
    this.insert = this.db.prepare('INSERT INTO floor (at, command, record_ids, hash) VALUES (?, ?, ?, ?)');
    // Past SQLite's first automatic checkpoint (1,000 pages), so the log is at its working size and restarts from its
    // beginning: before that every commit also grows the file, and an fsync that grows a file costs more than one
    // that overwrites (the app's own log is restarted by its checkpoints the same way).
    for (let index = 0; index < 1_200; index += 1) this.insertOne();
  }

  /** One row in its own transaction, committed durably: what the hardware and SQLite cost with no code of ours. */
  insertOne(): void {
    this.count += 1;
    this.insert.run(new Date().toISOString(), 'floor.insert', `["${this.count}"]`, 'f'.repeat(64));
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Times `work` and the floor's insert in alternating blocks, so both see the same moments of a shared machine; the
 * ratio of their medians is what the code adds over the floor. Returns both sets of timings (µs).
 */
export async function timeBesideFloor(runs: number, floor: PlainInsertFloor, work: (index: number) => Promise<unknown>, block = 50): Promise<{ work: number[]; floor: number[] }> {
  const timings = { work: [] as number[], floor: [] as number[] };
  for (let index = 0; index < Math.min(runs, 20); index += 1) await work(-1 - index);
  for (let done = 0; done < runs; done += block) {
    for (let index = done; index < Math.min(runs, done + block); index += 1) {
      const started = process.hrtime.bigint();
      await work(index);
      timings.work.push(Number(process.hrtime.bigint() - started) / 1000);
    }
    timings.floor.push(...timeEach(block, () => floor.insertOne(), 0));
  }
  return timings;
}

export const overFloor = (timings: { work: number[]; floor: number[] }) => median(timings.work) / median(timings.floor);
