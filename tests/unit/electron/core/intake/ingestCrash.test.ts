// The hub killed (SIGKILL, as a power cut would stop it) in the middle of ingesting 500 sealed concerns, then started
// again: every concern stored exactly once, the database whole and the audit chain unbroken.
import { personAt } from '../../../../fixtures/doors/callers';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { integrityCheck, verifyAuditChain } from '../../../../../electron/core/audit';
import { ingestQueue } from '../../../../../electron/core/intake/ingest';
import { INTAKE_QUEUE_FILE, encodeFrame } from '../../../../../electron/core/intake/intakeQueue';
import { projectDir } from '../../../../fixtures/cli/runCli';
import { intakeSchool, sealedConcern } from '../../../../fixtures/intake/intakeSchool';
import { DSL_PASSWORD, call, newApp } from '../testSchool';

const BATCH = 500;

/** Starts the child ingesting and kills it once `killAfter` concerns are committed; resolves with what it printed. */
function ingestUntilKilled(dataDir: string, killAfter: number): Promise<{ signal: NodeJS.Signals | null; printed: number }> {
  // Node itself runs the child (not the tsx wrapper), so the signal reaches the process doing the work.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/intake/ingestInChild.ts', dataDir], {
    cwd: projectDir,
    env: { ...process.env, SAFEGUARDING_PASSWORD: DSL_PASSWORD },
  });
  let printed = 0;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout.on('data', (chunk: Buffer) => {
    for (const [, total] of chunk.toString('utf8').matchAll(/^stored (\d+)$/gm)) printed = Math.max(printed, Number(total));
    if (printed >= killAfter && child.exitCode === null && !child.killed) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => (signal === 'SIGKILL' ? resolve({ signal, printed }) : reject(new Error(`The ingesting child was not killed (exit ${code}): ${stderr}`))));
  });
}

describe('a hub killed while ingesting', () => {
  it('stores each of 500 concerns exactly once after a restart, with integrity and the audit chain intact', async () => {
    const school = await intakeSchool();
    const sealed = Array.from({ length: BATCH }, (_, index) => sealedConcern(school, index));
    // Written in one go (each append's own flush is tested in intakeQueue.test.ts): the same frames, 1,000 fewer fsyncs.
    fs.writeFileSync(path.join(school.dataDir, INTAKE_QUEUE_FILE), Buffer.concat(sealed.map((envelope) => encodeFrame(envelope.bytes))));
    school.app.close();

    const killed = await ingestUntilKilled(school.dataDir, 100 + Math.floor(Math.random() * 101));
    expect(killed.signal).toBe('SIGKILL');

    // Restart: the DSL's sign-in ingests the queue from the start (decision 0022), before it returns.
    const app = newApp(school.dataDir);
    await call(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    const db = app.store!;
    const notice = app.status(personAt(app)).intakeNotice;
    expect(notice?.arrived).toBeGreaterThan(0); // killed mid-batch, not after it
    expect(notice?.arrived).toBeLessThanOrEqual(BATCH - killed.printed);
    expect(notice?.setAside).toBe(0);
    // Nothing is left to ingest, and a second round stores nothing twice.
    expect(ingestQueue(db, school.dataDir, new Date())).toMatchObject({ stored: [], duplicates: 0, setAside: [] });

    expect(db.prepare('SELECT count(*) FROM concerns').pluck().get()).toBe(BATCH);
    const ingested = db.prepare('SELECT envelope_id FROM intake_ingested ORDER BY envelope_id').pluck().all() as string[];
    expect(ingested).toEqual(sealed.map((envelope) => envelope.id).sort());
    // Each concern's audit row, once: the concern and its row landed together or not at all.
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE door = 'intake' AND command = 'concerns.submit'").pluck().get()).toBe(BATCH);
    expect(db.prepare("SELECT count(DISTINCT json_extract(record_ids, '$[0]')) FROM audit_log WHERE door = 'intake'").pluck().get()).toBe(BATCH);
    expect(integrityCheck(db)).toEqual({ ok: true, messages: ['ok'] });
    expect(verifyAuditChain(db).ok).toBe(true);
    expect(fs.statSync(path.join(school.dataDir, INTAKE_QUEUE_FILE)).size).toBe(0);
  }, 180_000);
});
