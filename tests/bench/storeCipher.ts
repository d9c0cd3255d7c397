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
import { median, progress, report, timeEach, total } from './measure';

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

/** One store under the workload: its insert and read timings (µs) so far, and where its stride through the log is. */
interface Side {
  db: Store;
  insertOne: (index: number) => void;
  readOne: (index: number) => void;
  inserts: number[];
  reads: number[];
}

function sideFor(db: Store): Side {
  const authorId = fillStore(db);
  const pupilIds = db.prepare('SELECT id FROM pupils ORDER BY id').pluck().all() as string[];
  const concernIds = db.prepare('SELECT id FROM concerns ORDER BY id').pluck().all() as string[];
  const insertOne = db.transaction((index: number) => insertConcern(db, benchConcern(authorId, pupilIds, index)));
  // A fixed stride through the ids visits the whole log in the same order on every store.
  const readOne = (index: number) => {
    if (!readConcern(db, concernIds[(index * 7_919) % concernIds.length]!)) throw new Error('A concern went missing.');
  };
  return { db, insertOne: (index) => void insertOne(index), readOne, inserts: [], reads: [] };
}

const ROUNDS = 10;
const INSERTS_PER_ROUND = 100;
const READS_PER_ROUND = 1_000;

/**
 * The workload (1,000 inserts, each its own transaction, and 10,000 reads by id) on each store, filled first with the
 * same school, in rounds that take the stores in turn (the first store changes each round): a busy moment on a shared
 * machine falls on all of them alike, where running one store's whole workload after the other's let the load decide
 * the ratio (decision 0017: 1.18 to 2.22 on the same code). Returns each store's total time and its timings.
 */
export function measureEncryptedVsPlain(dir: string, withSqlcipher4 = false) {
  progress('encrypted against plain SQLite: the same data and the same workload, in alternating rounds');
  const sides: Array<[string, Side]> = [
    ['aegis256', sideFor(openEncryptedStore(path.join(dir, 'encrypted.db')))],
    ['plain', sideFor(openPlainStore(path.join(dir, 'plain.db')))],
  ];
  if (withSqlcipher4) sides.push(['sqlcipher4', sideFor(openSqlcipher4Store(path.join(dir, 'sqlcipher4.db')))]);
  for (const [, side] of sides) {
    // Warm-up, untimed, as timeEach did: a first statement's preparation is not the cipher's cost.
    for (let index = 0; index < 100; index += 1) side.insertOne(2_000_000 + index);
    for (let index = 0; index < 100; index += 1) side.readOne(index);
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let turn = 0; turn < sides.length; turn += 1) {
      const side = sides[(round + turn) % sides.length]![1];
      const from = round * INSERTS_PER_ROUND;
      side.inserts.push(...timeEach(INSERTS_PER_ROUND, (index) => side.insertOne(1_000_000 + from + index), 0));
      side.reads.push(...timeEach(READS_PER_ROUND, (index) => side.readOne(round * READS_PER_ROUND + index), 0));
    }
  }
  for (const [, side] of sides) side.db.close();
  const result = Object.fromEntries(sides.map(([name, side]) => [name, { total: total(side.inserts) + total(side.reads), inserts: side.inserts, reads: side.reads }]));
  return { encrypted: result.aegis256!.total, plain: result.plain!.total, sides: result };
}

/** A store in the format of decision 0001 (SQLCipher 4), with the app's schema and settings: the old side. */
function openSqlcipher4Store(file: string): Store {
  const db = new Database(file);
  applyKey(db, crypto.randomBytes(32), 'sqlcipher-4');
  for (const pragma of ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'temp_store = MEMORY', 'wal_autocheckpoint = 1000', 'cache_size = -262144']) db.pragma(pragma);
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
    const { encrypted, plain, sides } = measureEncryptedVsPlain(dir, true);
    report({ metric: 'store.encrypted_vs_plain.ratio', value: encrypted / plain, unit: 'ratio' });
    report({ metric: 'store.sqlcipher4_vs_plain.ratio', value: sides.sqlcipher4!.total / plain, unit: 'ratio' });
    for (const [name, side] of Object.entries(sides)) {
      report({ metric: `store.${name}.insert.p50_us`, value: median(side.inserts), unit: 'us' });
      report({ metric: `store.${name}.read.p50_us`, value: median(side.reads), unit: 'us' });
      report({ metric: `store.${name}.workload_ms`, value: side.total / 1000, unit: 'ms' });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
