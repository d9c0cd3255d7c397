// Long work off the thread that serves requests (decision 0026), on a real encrypted store holding ten years of a large
// school (150,000 concerns, filled as the reports benchmark fills it): the report built on the long-work thread is the
// one the app's thread would build; a save made while it is being built is stored and answered before it is ready;
// locking ends it at once and leaves no thread or connection behind; a job that fails says so instead of hanging.
import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { awaiting, dispatch, dispatchWith, handlers, type SafeguardingApp } from '../../../../../electron/core';
import { LongWorkFailed, LongWorkPool } from '../../../../../electron/core/longWork';
import { cultureReport } from '../../../../../electron/core/reports';
import { DATABASE_FILE, applyKey, writeTransaction } from '../../../../../electron/core/store';
import { commands, type Result } from '../../../../../shared/api';
import type { PeriodChoice, ReportView } from '../../../../../shared/reports';
import { fill } from '../../../../bench/reports';
import { personAt } from '../../../../fixtures/doors/callers';
import { dataKeyFromRecoveryKey, rewriteAsSqlcipher4 } from '../../../../fixtures/store/oldFormat';
import { DSL_PASSWORD, call, newApp, setUpSchool } from '../testSchool';

const NOW = new Date('2026-11-20T12:00:00Z');
const WHOLE_HISTORY: PeriodChoice = { kind: 'custom', from: '2016-09-01', to: '2026-11-20' };
const LAST_WEEK: PeriodChoice = { kind: 'custom', from: '2026-11-13', to: '2026-11-20' };

/** A log kept in memory, so a test can read what a failure left for IT. */
function memoryLog() {
  const lines: string[] = [];
  return {
    lines,
    error(context: string, error: unknown) {
      const reference = crypto.randomBytes(4).toString('hex').toUpperCase();
      lines.push(`[${reference}] ${context}: ${error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error)}`);
      return reference;
    },
  };
}

interface BigSchool {
  app: SafeguardingApp;
  dataDir: string;
  log: ReturnType<typeof memoryLog>;
  pupilId: string;
}

/** A school with the DSL signed in (the only session, so locking closes the store) and 150,000 concerns. */
async function bigSchool(): Promise<BigSchool> {
  const log = memoryLog();
  const app = newApp(undefined, { clock: () => NOW, log });
  await setUpSchool(app);
  const pupilId = (await call(app, 'pupils.create', { legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04', yearGroup: '5' })).id;
  const db = app.store!;
  fill(db, { concerns: 150_000, pupils: 2_000, staff: 250 }, 2026);
  // Into the database file, as the background checkpoints would have after commands. The tallies are left behind, as
  // after a bulk import: the first report folds them in.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { app, dataDir: app.dataDir, log, pupilId };
}

const report = (app: SafeguardingApp, period: PeriodChoice, audience: 'head' | 'governors' = 'head') =>
  dispatch(app, 'reports.dashboard', { period, audience }, personAt(app)) as Promise<Result<ReportView>>;

const submitConcern = (app: SafeguardingApp, pupilId: string, words: string) =>
  dispatch(app, 'concerns.submit', { pupils: [{ pupilId, part: 'subject' }], occurredDate: '2026-11-20', occurredTime: '11:45', whatHappened: words, categories: ['neglect'] }, personAt(app));

describe('the culture report on a long-work thread', () => {
  let school: BigSchool;
  beforeAll(async () => {
    school = await bigSchool();
  }, 600_000);

  it('folds a bulk import into the tallies in short writes, so a save made meanwhile waits for none of the rest', async () => {
    const { app, pupilId } = school;
    const db = app.store!;
    const tallied = () => db.prepare('SELECT concerns_to FROM report_tally_mark').pluck().get() as number;
    const newest = () => db.prepare('SELECT max(rowid) FROM concerns').pluck().get() as number;
    expect(newest() - tallied()).toBeGreaterThan(100_000);

    const building = report(app, WHOLE_HISTORY);
    const saved = await submitConcern(app, pupilId, 'Flinched when a member of staff raised a hand to point at the board.');
    expect(saved.ok).toBe(true);
    // Answered while concerns stored before it were still waiting to be folded in.
    expect(tallied()).toBeLessThan(newest() - 1);

    const built = await building;
    if (!built.ok) throw new Error(built.error.message);
    // The report counts everything, the save made while it was folding included.
    expect(tallied()).toBe(newest());
    expect(built.value.concernsLogged.total.current.value).toBe(db.prepare('SELECT count(*) FROM concerns').pluck().get());
  }, 300_000);

  it('builds exactly the report the app’s own thread builds from the same data, for the head and for governors', async () => {
    const { app } = school;
    const db = app.store!;
    for (const audience of ['head', 'governors'] as const) {
      for (const period of [WHOLE_HISTORY, { kind: 'last_school_year' } as const, LAST_WEEK]) {
        const result = await report(app, period, audience);
        if (!result.ok) throw new Error(result.error.message);
        const onThisThread = commands['reports.dashboard'].output.parse(writeTransaction(db, () => cultureReport(db, period, audience, NOW)));
        expect(result.value).toEqual(onThisThread);
      }
    }
    // And the pool on its own, before the command's output schema has touched it.
    const pool = app.longWork!;
    const view = await pool.run('cultureReport', { period: WHOLE_HISTORY, audience: 'head', now: NOW.toISOString() });
    expect(view).toEqual(writeTransaction(db, () => cultureReport(db, WHOLE_HISTORY, 'head', NOW)));
    expect(view.concernsLogged.total.current.value).toBeGreaterThanOrEqual(150_000);
  }, 300_000);

  it('stores and answers a concern saved while the report is being built, before the report is ready', async () => {
    const { app, pupilId } = school;
    // Locked and unlocked: the store is opened afresh and a new thread reads the report's pages for the first time,
    // as the first report of a morning does. The thread is started (a week's report) and one save made beforehand,
    // so that what is timed below is the report and the save themselves.
    expect((await dispatch(app, 'session.lock', {}, personAt(app))).ok).toBe(true);
    expect((await dispatch(app, 'session.unlock', { password: DSL_PASSWORD }, personAt(app))).ok).toBe(true);
    const db = app.store!;
    expect((await report(app, LAST_WEEK)).ok).toBe(true);
    expect((await submitConcern(app, pupilId, 'Arrived without a coat again.')).ok).toBe(true);
    const before = db.prepare('SELECT count(*) FROM concerns').pluck().get() as number;

    // Five whole-history reports queued on the thread: long enough together for a blocked thread to show on any
    // machine (one alone takes a quarter of a second on a quiet one), with no hook of ours slowing them.
    const started = performance.now();
    const readyAt: number[] = [];
    const building = Array.from({ length: 5 }, () =>
      report(app, WHOLE_HISTORY).then((result) => {
        readyAt.push(performance.now());
        return result;
      }),
    );
    // The first report's snapshot has begun by the time dispatch hands back its promise: this save comes after it.
    const saveStartedAt = performance.now();
    const saved = await submitConcern(app, pupilId, 'Said she had been left alone all weekend; arrived in the same clothes as Friday.');
    const savedAt = performance.now();
    const built = await Promise.all(building);
    const lastReadyAt = Math.max(...readyAt);

    expect(saved.ok).toBe(true);
    expect(built.every((result) => result.ok)).toBe(true);
    // The reports took long enough for a blocked thread to show (a save takes a few milliseconds)…
    expect(lastReadyAt - started).toBeGreaterThanOrEqual(300);
    // …and the save began after the first report and was answered, committed, before the last was ready.
    expect(saveStartedAt).toBeGreaterThan(started);
    expect(savedAt).toBeLessThan(lastReadyAt);
    expect(db.prepare('SELECT count(*) FROM concerns').pluck().get()).toBe(before + 1);
    // The first report is of its snapshot: the save made during it is in the next report, not that one.
    const [first] = built;
    if (!first!.ok) throw new Error(first!.error.message);
    const next = await report(app, WHOLE_HISTORY);
    if (!next.ok) throw new Error(next.error.message);
    expect(next.value.concernsLogged.total.current.value).toBe((first!.value.concernsLogged.total.current.value ?? 0) + 1);
  }, 300_000);

  it('comes back as an error, never a hang, for a job it does not know or one that throws, and goes on working after', async () => {
    const { app, log } = school;
    const pool = app.longWork!;
    const unknown = pool.run('deleteEverything' as never, {} as never);
    await expect(unknown).rejects.toBeInstanceOf(LongWorkFailed);
    const { reference } = (await unknown.catch((error: unknown) => error)) as LongWorkFailed;
    expect(log.lines.find((line) => line.startsWith(`[${reference}]`))).toContain('There is no long-work job called "deleteEverything"');

    // A period whose dates are not dates throws inside the report's own code, on the thread.
    const thrown = await pool.run('cultureReport', { period: { kind: 'custom', from: 'last Tuesday', to: 'next Friday' }, audience: 'head', now: NOW.toISOString() }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(LongWorkFailed);
    expect(log.lines.find((line) => line.startsWith(`[${(thrown as LongWorkFailed).reference}]`))).toMatch(/long work cultureReport/);

    // Through dispatch the person hears "internal" with the reference under which the thread's details were logged
    // (a handler that asks for a job the thread does not know: the only way to make a real job fail on purpose).
    const failing = dispatchWith({ ...handlers, 'reports.dashboard': awaiting<'reports.dashboard'>(({ app: asked }) => asked.longWork!.run('noSuchReport' as never, {} as never)) });
    const result = await failing(app, 'reports.dashboard', { period: LAST_WEEK, audience: 'head' }, personAt(app));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    const quoted = !result.ok ? result.error.reference : undefined;
    expect(result.ok ? '' : result.error.message).toContain(`quote reference ${quoted}`);
    expect(log.lines.filter((line) => line.startsWith(`[${quoted}]`))).toEqual([expect.stringContaining('There is no long-work job called "noSuchReport"')]);

    expect((await report(app, LAST_WEEK)).ok).toBe(true);
  }, 120_000);

  it('ends a report at once when the records lock under it, closes every connection and leaves no thread running', async () => {
    const { app, dataDir } = school;
    await report(app, LAST_WEEK);
    const pool = app.longWork!;
    expect(pool.threadCount).toBe(1);

    const building = report(app, WHOLE_HISTORY);
    const locked = await dispatch(app, 'session.lock', {}, personAt(app));
    expect(locked.ok).toBe(true);
    expect(await building).toMatchObject({ ok: false, error: { code: 'locked', message: 'The records were locked before this was ready. Sign in and ask for it again.' } });

    expect(app.longWork).toBeNull();
    await pool.allEnded();
    expect(pool.threadCount).toBe(0);
    // The thread closed its connection before the app's own close, which was the last: it folded the log in and removed it.
    expect(fs.existsSync(path.join(dataDir, `${DATABASE_FILE}-wal`))).toBe(false);
    await expect(pool.run('cultureReport', { period: LAST_WEEK, audience: 'head', now: NOW.toISOString() })).rejects.toMatchObject({ code: 'locked' });
  }, 120_000);
});

describe('a long-work thread on its own', () => {
  it('reads a store still in SQLCipher 4 (before decision 0028) when told its cipher, and the same report comes back', async () => {
    const app = newApp(undefined, { clock: () => NOW });
    const { recoveryKey } = await setUpSchool(app);
    const pupilId = (await call(app, 'pupils.create', { legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04', yearGroup: '5' })).id;
    expect((await submitConcern(app, pupilId, 'Arrived hungry and said there was no tea last night.')).ok).toBe(true);
    app.close();
    const file = path.join(app.dataDir, DATABASE_FILE);
    const key = dataKeyFromRecoveryKey(app.dataDir, recoveryKey);
    rewriteAsSqlcipher4(file, key);

    // The app's side of a store waiting to convert: its own connection, keyed in the old format, folds the tallies.
    const db = new Database(file, { fileMustExist: true });
    applyKey(db, key, 'sqlcipher-4');
    const log = memoryLog();
    const pool = new LongWorkPool(file, key, log, { cipher: 'sqlcipher-4' });
    try {
      const onThisThread = writeTransaction(db, () => cultureReport(db, LAST_WEEK, 'head', NOW));
      expect(onThisThread.concernsLogged.total.current.value).toBe(1);
      expect(await pool.run('cultureReport', { period: LAST_WEEK, audience: 'head', now: NOW.toISOString() })).toEqual(onThisThread);
    } finally {
      pool.stop();
      db.close();
    }
    expect(log.lines).toEqual([]);
  }, 120_000);

  it('cannot read the store with the wrong key, and says so instead of waiting', async () => {
    const log = memoryLog();
    const app = newApp(undefined, { clock: () => NOW });
    await setUpSchool(app);
    const pool = new LongWorkPool(path.join(app.dataDir, DATABASE_FILE), crypto.randomBytes(32), log);
    try {
      const failed = await pool.run('cultureReport', { period: LAST_WEEK, audience: 'head', now: NOW.toISOString() }).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(LongWorkFailed);
      expect(log.lines.join('\n')).toMatch(/not a database|could not be opened/i);
    } finally {
      pool.stop();
    }
    await pool.allEnded();
    expect(pool.threadCount).toBe(0);
  }, 120_000);
});
