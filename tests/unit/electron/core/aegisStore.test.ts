// The store's cipher (decision 0028): a new store is AEGIS-256, exactly as pinned, and being authenticated it refuses
// a changed page, a wrong key and the old SQLCipher 4 settings instead of handing back garbage.
import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError, cipherPragmas, openStore, sqlcipher4Pragmas, type Store } from '../../../../electron/core/store';
import { opensWith } from '../../../fixtures/store/keyOpens';
import { tempDataDir } from './testSchool';

const PAGE = 4096;
const opened: Store[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

/** A closed store with enough rows to fill many pages, each row's text known. */
function storeWithRows() {
  const file = path.join(tempDataDir(), 'safeguarding.db');
  const key = crypto.randomBytes(32);
  const db = openStore(file, key);
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, words TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO notes (words) VALUES (?)');
  db.transaction(() => {
    for (let index = 0; index < 2000; index += 1) insert.run(`Note ${index}: she said her uncle shouts at night`);
  })();
  // The pages that hold the notes themselves, so a test can change one the query must read.
  const notePages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'notes' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  db.close();
  return { file, key, notePages };
}

describe('the AEGIS-256 store', () => {
  it('records the exact settings decision 0028 names', () => {
    expect(cipherPragmas).toEqual(["cipher = 'aegis'", "algorithm = 'aegis-256'", 'plaintext_header_size = 0']);
  });

  it('writes the file header decision 0028 names: 4,096-byte pages in WAL mode, 64 bytes of each kept for AEGIS-256', () => {
    const { file } = storeWithRows();
    const header = fs.readFileSync(file).subarray(0, 24);
    // Bytes 0–15 are page 1's random salt, not SQLite's magic text; 16–23 stay readable so SQLite can size the pages
    // before decrypting: page size, WAL (2, 2), reserved bytes per page (32-byte nonce + 32-byte tag), payload fractions.
    expect(header.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(header.subarray(16, 24).toString('hex')).toBe('1000020240402020');
  });

  it('is refused by the SQLCipher 4 settings with the right key, and opens with the AEGIS-256 settings', () => {
    const { file, key } = storeWithRows();
    expect(opensWith(file, key, sqlcipher4Pragmas)).toBe(false);
    expect(opensWith(file, key, ["cipher = 'aegis'", "algorithm = 'aegis-128l'"])).toBe(false);
    expect(opensWith(file, key, cipherPragmas)).toBe(true);
    // Encrypted from the first page: no SQLite header, and whole 4 KiB pages only.
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.length % PAGE).toBe(0);
    expect(bytes.includes(Buffer.from('uncle shouts'))).toBe(false);
  });

  it('reports a changed byte in a page as corruption when the page is read, never as different words', () => {
    const { file, key, notePages } = storeWithRows();
    const bytes = fs.readFileSync(file);
    expect(notePages.length).toBeGreaterThan(10);
    // A byte in the middle of a page of notes (pages are numbered from 1), as someone with the file but not the key
    // might change it.
    const target = (notePages[Math.floor(notePages.length / 2)]! - 1) * PAGE + 1000;
    bytes[target] = bytes[target]! ^ 0x01;
    fs.writeFileSync(file, bytes);

    const db = openStore(file, key);
    opened.push(db);
    let failure: unknown = null;
    let rows: Array<{ words: string }> = [];
    try {
      rows = db.prepare('SELECT words FROM notes ORDER BY id').all() as Array<{ words: string }>;
    } catch (error) {
      failure = error;
    }
    expect(failure, `read ${rows.length} rows from a changed file without complaint`).not.toBeNull();
    expect((failure as { code?: string }).code).toBe('SQLITE_CORRUPT');
    // The integrity check (what `verify` runs) finds it too, whether it stops at the page or lists it.
    let integrity: unknown;
    try {
      integrity = db.pragma('integrity_check', { simple: true });
    } catch (error) {
      integrity = (error as { code?: string }).code;
    }
    expect(integrity).not.toBe('ok');
  });

  it('refuses a wrong key with the store’s usual message', () => {
    const { file } = storeWithRows();
    let refusal: unknown;
    try {
      openStore(file, crypto.randomBytes(32));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StoreError);
    expect((refusal as StoreError).reason).toBe('wrong_key');
    expect((refusal as Error).message).toMatch(/could not be opened with this key: the key is wrong or the file is not a Safeguarding Records database/);
  });

  it('keys a plain connection the way the app does, and a connection without a key sees nothing', () => {
    const { file, key } = storeWithRows();
    const bare = new Database(file);
    expect(() => bare.prepare('SELECT count(*) FROM notes').get()).toThrow(/not a database/);
    bare.close();
    expect(opensWith(file, key, cipherPragmas)).toBe(true);
  });
});
