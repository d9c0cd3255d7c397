// Pages written by a transaction, read from the write-ahead log: each frame is one page, and a frame header (page
// number, commit marker, salts) is stored in the clear even in an encrypted store; only the page itself is encrypted.
import fs from 'node:fs';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** Follows one store's log and tells how many pages the transactions since the last call wrote. */
export class WalFrameCounter {
  private offset = WAL_HEADER;
  private salts = '';

  constructor(private readonly walFile: string) {
    this.pagesSinceLastCall();
  }

  /** Frames of every transaction committed since the last call (a log started afresh is followed from its start). */
  pagesSinceLastCall(): { pages: number; pageNumbers: number[] } {
    const pageNumbers: number[] = [];
    if (!fs.existsSync(this.walFile)) return { pages: 0, pageNumbers };
    const fd = fs.openSync(this.walFile, 'r');
    try {
      const header = Buffer.alloc(WAL_HEADER);
      if (fs.readSync(fd, header, 0, WAL_HEADER, 0) < WAL_HEADER) return { pages: 0, pageNumbers };
      const pageSize = header.readUInt32BE(8);
      const salts = header.subarray(16, 24).toString('hex');
      if (salts !== this.salts) {
        this.salts = salts;
        this.offset = WAL_HEADER;
      }
      const frame = Buffer.alloc(FRAME_HEADER);
      let pending: number[] = [];
      for (;;) {
        if (fs.readSync(fd, frame, 0, FRAME_HEADER, this.offset) < FRAME_HEADER) break;
        // A frame from an earlier generation of the log (other salts) ends this one.
        if (frame.subarray(8, 16).toString('hex') !== salts) break;
        pending.push(frame.readUInt32BE(0));
        this.offset += FRAME_HEADER + pageSize;
        if (frame.readUInt32BE(4) !== 0) {
          pageNumbers.push(...pending);
          pending = [];
        }
      }
      // Frames after the last commit belong to a transaction still being written: read them next time.
      this.offset -= pending.length * (FRAME_HEADER + pageSize);
      return { pages: pageNumbers.length, pageNumbers };
    } finally {
      fs.closeSync(fd);
    }
  }
}
