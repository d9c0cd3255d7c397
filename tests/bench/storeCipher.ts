// The cipher's share of the store's cost: the same data and the same workload (inserts, each its own transaction, and
// reads by id across the whole log) on the encrypted store and on plain SQLite with the same settings. Part of
// `npm run bench` (store.encrypted_vs_plain.ratio); run alone with `npx tsx tests/bench/storeCipher.ts`, which also
// times a store in decision 0001's SQLCipher 4 format for comparison (decision 0028).
import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { insertConcern, readConcern, type NewConcern } from '../../electron/core/concerns';
import { applyKey, migrations, type Store } from '../../electron/core/store';
import { benchDir, fillStore, openEncryptedStore, openPlainStore } from './benchStores';
import { machine } from './floors';
import { progress, report, timeEach, total } from './measure';

/** A concern like a member of staff submits: one pupil, one or two categories, a paragraph of text. */
function benchConcern(authorId: string, pupilIds: readonly string[], index: number): NewConcern {
  const now = new Date(Date.UTC(2026, 10, 20, 12, 0, 0) + index * 1000).toISOString();
  return {
    authorId,
    occurredAt: now,
    recordedAt: now,
    location: 'Playground',
    othersPresent: 'Midday supervisor on duty',
    whatHappened: `Benchmark concern ${index}: the child arrived with a bruise about 3 cm across on their upper arm and said their dad had grabbed them when he was angry last night.`,
    childWords: 'Dad did it because I was too loud.',
    actionTaken: 'Reassured the child and told them I would pass this on to the DSL. Did not ask leading questions.',
    immediateDanger: false,
    urgent: false,
    spokenToDsl: null,
    fgmPoliceReference: '',
    status: 'new',
    readAt: null,
    readBy: null,
    pupils: [{ pupilId: pupilIds[index % pupilIds.length]!, part: 'subject' }],
    categories: index % 3 === 0 ? ['physical-abuse', 'domestic-abuse'] : ['physical-abuse'],
  };
}

/** Inserts (each in its own transaction, as a submission is) and reads back existing concerns; timings in µs. */
export function insertAndRead(db: Store, authorId: string, inserts: number, reads: number) {
  const pupilIds = db.prepare('SELECT id FROM pupils ORDER BY id').pluck().all() as string[];
  const concernIds = db.prepare('SELECT id FROM concerns ORDER BY id').pluck().all() as string[];
  const insertOne = db.transaction((index: number) => insertConcern(db, benchConcern(authorId, pupilIds, index)));
  const insertTimings = timeEach(inserts, (index) => insertOne(index + 1_000_000));
  // A fixed stride through the ids visits the whole log in the same order on both stores.
  const readTimings = timeEach(reads, (index) => {
    if (!readConcern(db, concernIds[(index * 7_919) % concernIds.length]!)) throw new Error('A concern went missing.');
  });
  return { insertTimings, readTimings };
}

/** Microseconds of the workload on one store, filled first with the bench school. */
function workloadTime(db: Store): number {
  const authorId = fillStore(db);
  const { insertTimings, readTimings } = insertAndRead(db, authorId, 1_000, 10_000);
  db.close();
  return total(insertTimings) + total(readTimings);
}

/** The workload's time on the store as the app opens it (AEGIS-256) and on plain SQLite, in that order, as before. */
export function measureEncryptedVsPlain(dir: string): { encrypted: number; plain: number } {
  progress('encrypted against plain SQLite: the same data and the same workload');
  const encrypted = workloadTime(openEncryptedStore(path.join(dir, 'encrypted.db')));
  const plain = workloadTime(openPlainStore(path.join(dir, 'plain.db')));
  return { encrypted, plain };
}

/** A store in the format of decision 0001 (SQLCipher 4), with the app's schema and settings: the old side. */
function openSqlcipher4Store(file: string): Store {
  const db = new Database(file);
  applyKey(db, crypto.randomBytes(32), 'sqlcipher-4');
  for (const pragma of ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'temp_store = MEMORY', 'cache_size = -262144']) db.pragma(pragma);
  db.transaction(() => {
    for (const step of migrations) {
      db.exec(step.sql);
      db.pragma(`user_version = ${Number(step.version)}`);
    }
  })();
  return db;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = benchDir();
  try {
    process.stdout.write(`${JSON.stringify({ machine: machine() })}\n`);
    const { encrypted, plain } = measureEncryptedVsPlain(dir);
    report({ metric: 'store.encrypted_vs_plain.ratio', value: encrypted / plain, unit: 'ratio' });
    progress('the same workload on a SQLCipher 4 store, for comparison');
    const sqlcipher = workloadTime(openSqlcipher4Store(path.join(dir, 'sqlcipher4.db')));
    report({ metric: 'store.sqlcipher4_vs_plain.ratio', value: sqlcipher / plain, unit: 'ratio' });
    report({ metric: 'store.workload.aegis256_ms', value: encrypted / 1000, unit: 'ms' });
    report({ metric: 'store.workload.plain_ms', value: plain / 1000, unit: 'ms' });
    report({ metric: 'store.workload.sqlcipher4_ms', value: sqlcipher / 1000, unit: 'ms' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
