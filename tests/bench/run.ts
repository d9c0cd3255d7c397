// `npm run bench`: one JSON object per line on stdout ({"metric", "value", "unit"}), progress on stderr. The first line
// says which machine ran it ({"machine": …}). Measured on stores at realistic scale; temp folders are removed
// afterwards. Benchmarks are not tests: no thresholds. The figures with targets are ratios to the physical floor
// measured in the same run (floors.ts, decision 0017); the absolute figures are printed beside them, with medians.
import fs from 'node:fs';
import { dispatch } from '../../electron/core';
import { deriveKeyFromPassword, newKdfParams, readKeyring, unwrapWithPassword } from '../../electron/core/crypto';
import { databasePath, openStore } from '../../electron/core/store';
import { benchDir, benchSchool, DSL } from './benchStores';
import { insertAndRead, measureEncryptedVsPlain } from './storeCipher';
import { fsyncFloor, machine, overFloor, PlainInsertFloor, timeBesideFloor } from './floors';
import { measureExports } from './exports';
import { measureHub } from './hub';
import { measureIntake } from './intake';
import { measureConcernLogAndQueue, measurePacks, measureRosterImport } from './features';
import { measureReports } from './reports';
import { median, percentile, progress, report, timeEach, timeEachAsync } from './measure';
import { personAt } from '../fixtures/doors/callers';

async function measureUnlock(dataDir: string): Promise<void> {
  progress('unlock: Argon2id with the default parameters');
  const kdf = await timeEachAsync(5, () => deriveKeyFromPassword(DSL.password, newKdfParams()), 1);
  report({ metric: 'unlock.kdf_ms', value: median(kdf) / 1000, unit: 'ms' });

  const unwrapped = await unwrapWithPassword(readKeyring(dataDir)!, DSL.username, DSL.password, newKdfParams());
  if (!unwrapped) throw new Error('The bench DSL’s password did not unwrap the data key.');
  progress('unlock: open and key the store');
  const opens = timeEach(20, () => openStore(databasePath(dataDir), unwrapped.dataKey).close(), 2);
  unwrapped.dataKey.fill(0);
  report({ metric: 'unlock.open_ms', value: median(opens) / 1000, unit: 'ms' });
}

async function main(): Promise<void> {
  const started = Date.now();
  const schoolDir = benchDir();
  const compareDir = benchDir();
  const floorDir = benchDir();
  const floor = new PlainInsertFloor(floorDir);
  try {
    process.stdout.write(`${JSON.stringify({ machine: machine() })}\n`);
    progress('floor: fsync of a small write, and a one-row durable insert into plain SQLite, in the temp folder');
    report({ metric: 'floor.fsync.p50_us', value: median(fsyncFloor(floorDir)), unit: 'us' });

    progress('setting up a school with 1,500 pupils and 20,000 concerns');
    const app = await benchSchool(schoolDir);
    const { db, session } = app.current(personAt(app))!;

    progress('dispatch: system.noop through the full path, with its audit row, beside the floor');
    const noop = await timeBesideFloor(2_000, floor, async () => {
      const result = await dispatch(app, 'system.noop', {}, personAt(app, 'bench'));
      if (!result.ok) throw new Error(result.error.message);
    });
    report({ metric: 'dispatch.noop.p99_us', value: percentile(noop.work, 0.99), unit: 'us' });
    report({ metric: 'dispatch.noop.p50_us', value: median(noop.work), unit: 'us' });
    report({ metric: 'dispatch.noop_over_floor.ratio', value: overFloor(noop), unit: 'ratio' });

    progress('store: insert and read concerns');
    const encrypted = insertAndRead(db, session.user.id, 2_000, 10_000);
    report({ metric: 'store.insert_concern.p99_us', value: percentile(encrypted.insertTimings, 0.99), unit: 'us' });
    report({ metric: 'store.insert_concern.p50_us', value: median(encrypted.insertTimings), unit: 'us' });
    report({ metric: 'store.read_concern.p99_us', value: percentile(encrypted.readTimings, 0.99), unit: 'us' });
    app.close();

    await measureUnlock(schoolDir);

    const cipher = measureEncryptedVsPlain(compareDir);
    report({ metric: 'store.encrypted_vs_plain.ratio', value: cipher.encrypted / cipher.plain, unit: 'ratio' });

    measurePacks();
    await measureRosterImport();
    await measureExports();
    const submitFloor = await measureConcernLogAndQueue(floor);
    report({ metric: 'floor.plain_insert.p50_us', value: median([...noop.floor, ...submitFloor]), unit: 'us' });
    for (const metric of await measureReports()) report(metric);
    await measureIntake();
    await measureHub();
    progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    floor.close();
    fs.rmSync(floorDir, { recursive: true, force: true });
    fs.rmSync(schoolDir, { recursive: true, force: true });
    fs.rmSync(compareDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
