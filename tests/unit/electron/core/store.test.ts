import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError, migrations, openStore, schemaVersion, type Migration, type Store } from '../../../../electron/core/store';
import { tempDataDir } from './testSchool';

const PUPIL_NAME = 'Zephaniah Quarrington-Blythe';
const opened: Store[] = [];
const open = (file: string, key: Buffer, steps?: readonly Migration[]) => {
  const db = openStore(file, key, steps);
  opened.push(db);
  return db;
};
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function addPupil(db: Store, id: string, first: string, last: string) {
  db.prepare("INSERT INTO pupils (id, legal_first_name, legal_last_name, date_of_birth, created_at) VALUES (?, ?, ?, '2016-03-04', '2026-11-22T09:00:00Z')").run(id, first, last);
}

describe('the encrypted store', () => {
  it('keeps no plaintext of a pupil’s name in the database, WAL or journal files, and cannot be read without the key', () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'safeguarding.db');
    const key = crypto.randomBytes(32);
    const db = open(file, key);
    const [first, last] = PUPIL_NAME.split(' ') as [string, string];
    addPupil(db, 'p1', first, last);
    // Enough writes that pages sit in the WAL before and after a checkpoint.
    for (let index = 0; index < 200; index += 1) addPupil(db, `p${index + 2}`, first, `${last}-${index}`);
    const filesWhileOpen = fs.readdirSync(dir).filter((name) => name.startsWith('safeguarding.db'));
    expect(filesWhileOpen).toContain('safeguarding.db-wal');
    for (const name of filesWhileOpen) {
      const bytes = fs.readFileSync(path.join(dir, name));
      expect(bytes.includes(Buffer.from('Quarrington')), `${name} holds the pupil's name in plaintext`).toBe(false);
      expect(bytes.includes(Buffer.from('SQLite format 3')), `${name} has a plaintext SQLite header`).toBe(false);
    }
    db.close();

    const withoutKey = new Database(file);
    expect(() => withoutKey.prepare('SELECT * FROM pupils').all()).toThrow(/not a database|encrypted/i);
    withoutKey.close();
    expect(() => open(file, crypto.randomBytes(32))).toThrow(StoreError);

    const reopened = open(file, key);
    expect(reopened.prepare('SELECT legal_last_name FROM pupils WHERE id = ?').get('p1')).toEqual({ legal_last_name: last });
  });

  it('uses the pinned AEGIS-256 format and the durable, no-temp-file settings', () => {
    const db = open(path.join(tempDataDir(), 'safeguarding.db'), crypto.randomBytes(32));
    expect(db.pragma('cipher', { simple: true })).toBe('aegis');
    expect(db.pragma('algorithm', { simple: true })).toBe('aegis-256');
    expect(Number(db.pragma('plaintext_header_size', { simple: true }))).toBe(0);
    expect(db.pragma('page_size', { simple: true })).toBe(4096);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
  });

  it('refuses a key that is not exactly 256 bits, so no text can reach the key pragma', () => {
    const file = path.join(tempDataDir(), 'safeguarding.db');
    expect(() => open(file, Buffer.from(`x'; ATTACH DATABASE '/tmp/evil.db' AS evil; --`))).toThrow(/32 bytes/);
    expect(fs.existsSync('/tmp/evil.db')).toBe(false);
  });
});

describe('migrations', () => {
  it('brings a new store to the latest schema version', () => {
    const db = open(path.join(tempDataDir(), 'safeguarding.db'), crypto.randomBytes(32));
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
  });

  it('refuses a database written by a newer version with a clear message, and leaves the file untouched', () => {
    const file = path.join(tempDataDir(), 'safeguarding.db');
    const key = crypto.randomBytes(32);
    const db = open(file, key);
    db.pragma('user_version = 99');
    db.close();
    const before = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    let refusal: unknown;
    try {
      open(file, key);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StoreError);
    expect((refusal as StoreError).reason).toBe('newer_version');
    expect((refusal as Error).message).toMatch(/newer version.*has not been changed/);
    expect(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(before);
  });

  it('applies all pending steps in one transaction: a failing step leaves the store as it was', () => {
    const file = path.join(tempDataDir(), 'safeguarding.db');
    const key = crypto.randomBytes(32);
    open(file, key).close();
    const broken: Migration[] = [
      ...migrations,
      { version: migrations.length + 1, name: 'adds a table', sql: 'CREATE TABLE added_by_step_two (id TEXT);' },
      { version: migrations.length + 2, name: 'fails', sql: 'ALTER TABLE no_such_table ADD COLUMN x TEXT;' },
    ];
    expect(() => open(file, key, broken)).toThrow(/no_such_table/);
    const db = open(file, key);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'added_by_step_two'").get()).toBeUndefined();
  });

  it('numbers its steps strictly one after another', () => {
    migrations.forEach((step, index) => expect(step.version).toBe(index + 1));
  });
});

describe('file permissions', () => {
  it.runIf(process.platform !== 'win32')('creates the database readable by its owner only', () => {
    const file = path.join(tempDataDir(), 'safeguarding.db');
    open(file, crypto.randomBytes(32));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
