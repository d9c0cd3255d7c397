// A school's store from before decision 0028 (SQLCipher 4) becomes AEGIS-256 at its first open after the upgrade:
// every row and the audit chain survive, the old format no longer opens the file, and a failure at any step — or a
// crash in the middle of the swap — leaves a store that opens with all its data.
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../../electron/core/audit';
import {
  BackgroundCheckpoints,
  CONVERSION_DIR,
  CONVERTED_COMMAND,
  applyKey,
  cipherOf,
  cipherPragmas,
  convertToAegis,
  databasePath,
  nodeFileOps,
  openStore,
  sqlcipher4Pragmas,
  writeTransaction,
  type ConversionStep,
  type FileOps,
  type Store,
} from '../../../../electron/core/store';
import { appendAudit } from '../../../../electron/core/audit';
import { markStoreOpen } from '../../../../electron/core/store/storeInUse';
import { opensWith } from '../../../fixtures/store/keyOpens';
import { dataKeyFromRecoveryKey, rewriteAsSqlcipher4 } from '../../../fixtures/store/oldFormat';
import { DSL_PASSWORD, call, newApp, setUpSchool, tempDataDir } from './testSchool';

const WORDS = 'He said he is scared to go home because of the shouting';

/** A school with pupils, concerns and an audit chain, its store rewritten as SQLCipher 4 the way 0001 wrote it. */
async function oldSchool() {
  const dataDir = tempDataDir();
  const app = newApp(dataDir, { clock: () => new Date('2026-11-23T15:00:00Z') });
  const { recoveryKey } = await setUpSchool(app);
  const pupil = await call(app, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H' });
  for (let index = 0; index < 3; index += 1) {
    await call(app, 'concerns.submit', {
      pupils: [{ pupilId: pupil.id, part: 'subject' }],
      occurredDate: '2026-11-23',
      occurredTime: '12:30',
      location: 'Dinner hall',
      whatHappened: `${WORDS} (${index + 1})`,
      childWords: 'Dad gets really angry.',
    });
  }
  app.close();
  const file = databasePath(dataDir);
  const key = dataKeyFromRecoveryKey(dataDir, recoveryKey);
  rewriteAsSqlcipher4(file, key);
  expect(opensWith(file, key, sqlcipher4Pragmas)).toBe(true);
  expect(opensWith(file, key, cipherPragmas)).toBe(false);
  return { dataDir, file, key, before: contents(file, key, 'sqlcipher-4') };
}

/** What a school would miss: every concern's words, every table's row count, the audit chain and its last row. */
function contents(file: string, key: Buffer, cipher: 'aegis-256' | 'sqlcipher-4') {
  const db = new Database(file, { fileMustExist: true });
  try {
    applyKey(db, key, cipher);
    return read(db);
  } finally {
    db.close();
  }
}

function read(db: Store) {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return {
    words: db.prepare('SELECT what_happened FROM concerns ORDER BY what_happened').pluck().all(),
    counts: Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT count(*) FROM "${name}"`).pluck().get()])),
    chain: verifyAuditChain(db).ok,
    lastAudit: db.prepare("SELECT seq, hash FROM audit_log WHERE command <> ? ORDER BY seq DESC LIMIT 1").get(CONVERTED_COMMAND),
  };
}

const leftovers = (dataDir: string) => fs.readdirSync(dataDir).filter((name) => name === CONVERSION_DIR || name.includes('.replaced-') || name === 'restore.lock');

describe('converting a SQLCipher 4 store to AEGIS-256', () => {
  it('happens at the first sign-in after the upgrade: every row and the audit chain survive, with a row saying so', async () => {
    const { dataDir, file, key, before } = await oldSchool();
    expect(before.words).toHaveLength(3);
    // AEGIS-256 leaves header bytes 16–23 readable (4,096-byte pages, WAL, 64 reserved bytes); SQLCipher 4 encrypts them.
    const readableHeader = () => fs.readFileSync(file).subarray(16, 24).toString('hex');
    expect(readableHeader()).not.toBe('1000020240402020');

    const app = newApp(dataDir);
    await call(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    const db = app.store!;
    expect(cipherOf(db)).toBe('aegis-256');
    const after = read(db);
    expect(after.words).toEqual(before.words);
    expect(after.chain).toBe(true);
    expect(after.lastAudit).toBeDefined();
    // The rows from before the conversion are those of before, one for one; the conversion's own row follows them.
    const converted = db.prepare('SELECT seq, user_id, door, outcome FROM audit_log WHERE command = ?').all(CONVERTED_COMMAND);
    expect(converted).toEqual([{ seq: (before.lastAudit as { seq: number }).seq + 1, user_id: null, door: 'store', outcome: 'ok' }]);
    app.close();

    expect(opensWith(file, key, sqlcipher4Pragmas)).toBe(false);
    expect(opensWith(file, key, cipherPragmas)).toBe(true);
    expect(readableHeader()).toBe('1000020240402020');
    expect(leftovers(dataDir)).toEqual([]);
    // Opened again, nothing more is converted.
    const again = openStore(file, key);
    expect(again.prepare('SELECT count(*) FROM audit_log WHERE command = ?').pluck().get(CONVERTED_COMMAND)).toBe(1);
    again.close();
  });

  it('keeps what was still in the old store’s log when the app last stopped', async () => {
    const { file, key } = await oldSchool();
    // A row written and committed, still in the write-ahead log when the process died (its log is kept, as a crash keeps it).
    const old = new Database(file);
    applyKey(old, key, 'sqlcipher-4');
    old.pragma('wal_autocheckpoint = 0');
    writeTransaction(old, () => appendAudit(old, { at: '2026-11-23T16:00:00.000Z', userId: null, role: null, door: 'test', client: null, command: 'test.lastBeforeCrash', recordIds: [], outcome: 'ok' }));
    const saved = { db: fs.readFileSync(file), wal: fs.readFileSync(`${file}-wal`) };
    old.close();
    fs.writeFileSync(file, saved.db);
    fs.writeFileSync(`${file}-wal`, saved.wal);

    const db = openStore(file, key);
    expect(cipherOf(db)).toBe('aegis-256');
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE command = 'test.lastBeforeCrash'").pluck().get()).toBe(1);
    expect(verifyAuditChain(db).ok).toBe(true);
    db.close();
  });

  it('waits while another process has the store open: it opens in the old format, and converts once it is alone', async () => {
    const { dataDir, file, key, before } = await oldSchool();
    // Another process's mark (the admin CLI, say): a swap now would replace the file under it.
    const otherProcess = markStoreOpen(dataDir);
    const problems: Error[] = [];
    const db = openStore(file, key, undefined, { onConversionFailed: (error) => problems.push(error) });
    expect(problems).toEqual([]);
    expect(cipherOf(db)).toBe('sqlcipher-4');
    expect(read(db)).toEqual(before);
    db.close();
    otherProcess();

    const alone = openStore(file, key);
    expect(cipherOf(alone)).toBe('aegis-256');
    alone.close();
  });

  it('keys the checkpoint worker for the old format while the conversion waits, so it can still fold the log in', async () => {
    const { dataDir, file, key } = await oldSchool();
    const otherProcess = markStoreOpen(dataDir);
    const db = openStore(file, key);
    const waitUntil = async (done: () => boolean) => {
      for (let tries = 0; tries < 500 && !done(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      return done();
    };
    try {
      const errors: Error[] = [];
      const checkpoints = new BackgroundCheckpoints(file, key, (error) => errors.push(error), cipherOf(db));
      expect(await waitUntil(() => checkpoints.isOpen())).toBe(true);
      checkpoints.stop();
      expect(errors).toEqual([]);
      // Keyed for AEGIS-256 instead, the worker cannot read the old store and says so (the app carries on).
      const mismatched: Error[] = [];
      const wrong = new BackgroundCheckpoints(file, key, (error) => mismatched.push(error), 'aegis-256');
      expect(await waitUntil(() => mismatched.length > 0)).toBe(true);
      wrong.stop();
    } finally {
      db.close();
      otherProcess();
    }
  });

  const steps: ConversionStep[] = ['copy', 're-encrypt', 'check', 'swap'];
  for (const failing of steps) {
    it(`leaves the old store, which opens with all its data, when the step “${failing}” fails; the next open converts it`, async () => {
      const { dataDir, file, key, before } = await oldSchool();
      const problems: Error[] = [];
      const db = openStore(file, key, undefined, {
        onConversionFailed: (error) => problems.push(error),
        conversionHooks: { beforeStep: (step) => { if (step === failing) throw new Error(`ENOSPC: no space left on device (at ${step})`); } },
      });
      expect(problems.map((problem) => problem.message)).toEqual([`ENOSPC: no space left on device (at ${failing})`]);
      expect(cipherOf(db)).toBe('sqlcipher-4');
      expect(read(db)).toEqual(before);
      db.close();
      expect(leftovers(dataDir)).toEqual([]);

      const next = openStore(file, key);
      expect(cipherOf(next)).toBe('aegis-256');
      // Everything as before, and one more audit row: the conversion's own.
      expect(read(next)).toEqual({ ...before, counts: { ...before.counts, audit_log: (before.counts.audit_log as number) + 1 } });
      next.close();
    });
  }

  it('still converts when tidying up afterwards fails: the new store is already in place', async () => {
    const { file, key, before } = await oldSchool();
    const db = openStore(file, key, undefined, { conversionHooks: { beforeStep: (step) => { if (step === 'clean up') throw new Error('EPERM: operation not permitted'); } } });
    expect(cipherOf(db)).toBe('aegis-256');
    expect(read(db).words).toEqual(before.words);
    db.close();
  });

  /** The real file operations, except that the `failAt`-th rename fails, and (for a crash) every rename after it too. */
  function failingRename(failAt: number, undoFails = false): FileOps {
    let renames = 0;
    return {
      ...nodeFileOps,
      rename(from, to) {
        const index = renames;
        renames += 1;
        if (index === failAt || (undoFails && index > failAt)) throw new Error(`EBUSY: resource busy or locked, rename '${from}'`);
        nodeFileOps.rename(from, to);
      },
    };
  }

  // The swap is two renames (the old file aside, the converted copy in: the old store was closed, so it has no log).
  for (const failAt of [0, 1]) {
    it(`puts the old store back when rename ${failAt + 1} of the swap fails`, async () => {
      const { dataDir, file, key, before } = await oldSchool();
      const problems: Error[] = [];
      const db = openStore(file, key, undefined, { onConversionFailed: (error) => problems.push(error), conversionHooks: { fileOps: failingRename(failAt) } });
      expect(problems[0]?.message).toMatch(/EBUSY.*every file was put back where it was/);
      expect(cipherOf(db)).toBe('sqlcipher-4');
      expect(read(db)).toEqual(before);
      db.close();
      expect(leftovers(dataDir)).toEqual([]);
    });
  }

  it('puts the old store back when flushing the folder after the swap fails', async () => {
    const { file, key, before } = await oldSchool();
    const db = openStore(file, key, undefined, { onConversionFailed: () => {}, conversionHooks: { fileOps: { ...nodeFileOps, syncFolder: () => { throw new Error('EIO: i/o error, fsync'); } } } });
    expect(cipherOf(db)).toBe('sqlcipher-4');
    expect(read(db)).toEqual(before);
    db.close();
  });

  it('finishes at once a swap that could neither finish nor be undone, instead of creating an empty store', async () => {
    const { file, key, before } = await oldSchool();
    const problems: Error[] = [];
    const db = openStore(file, key, undefined, { onConversionFailed: (error) => problems.push(error), conversionHooks: { fileOps: failingRename(1, true) } });
    expect(problems[0]?.message).toMatch(/is not as it was/);
    expect(cipherOf(db)).toBe('aegis-256');
    expect(read(db).words).toEqual(before.words);
    db.close();
  });

  it('finishes at the next open a swap that stopped half-way (the old file moved aside, the new one not yet in)', async () => {
    const { dataDir, file, key, before } = await oldSchool();
    // As a power cut would leave it: the first rename done, nothing after it, not even the undo.
    expect(() => convertToAegis(file, key, { fileOps: failingRename(1, true) })).toThrow(/is not as it was/);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(path.join(dataDir, CONVERSION_DIR))).toContain('safeguarding.db');

    // While another process holds the folder the copy cannot be moved in, and no empty store is made in its place.
    const otherProcess = markStoreOpen(dataDir);
    expect(() => openStore(file, key)).toThrow(/part-way through its conversion to AEGIS-256/);
    expect(fs.existsSync(file)).toBe(false);
    otherProcess();

    const db = openStore(file, key);
    expect(cipherOf(db)).toBe('aegis-256');
    expect(read(db).words).toEqual(before.words);
    expect(verifyAuditChain(db).ok).toBe(true);
    expect(db.prepare('SELECT count(*) FROM audit_log WHERE command = ?').pluck().get(CONVERTED_COMMAND)).toBe(1);
    db.close();
    expect(fs.existsSync(path.join(dataDir, CONVERSION_DIR))).toBe(false);
  });
});
