// Benchmarks for sealed intake: sealing one typical concern on a member of staff's computer, and ingesting 1,000
// waiting envelopes into a large secondary school's store (150,000 concerns) when a DSL unlocks the hub.
// Each function reports through measure.ts like the rest of `npm run bench`. Run alone with
// `tsx tests/bench/intake.ts [concerns]` (a smaller store for a quick look; the metric is defined at 150,000).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SafeguardingApp } from '../../electron/core';
import { writeDemoSchool } from '../../electron/core/demoData';
import { ensureIntakeKey, ingestQueue, sealEnvelope } from '../../electron/core/intake';
import { generateKeyPair } from '../../electron/core/intake/hpke';
import { INTAKE_QUEUE_FILE, encodeFrame } from '../../electron/core/intake/intakeQueue';
import { writeTransaction } from '../../electron/core/store';
import type { ConcernInput } from '../../shared/api';
import { DSL, benchDir } from './benchStores';
import { median, percentile, progress, report, timeEach } from './measure';
import { personAt } from '../fixtures/doors/callers';
import { passSecondFactor } from '../fixtures/doors/authenticator';

const LARGE_SCHOOL = { pupils: 2_000, concerns: 150_000, seed: 2036, asOf: '2026-11-20', phase: 'secondary' as const };

/** What a member of staff typically submits: one pupil, a category, a paragraph, the child's words. */
function typicalConcern(pupilId: string, index: number): ConcernInput {
  return {
    pupils: [{ pupilId, part: 'subject' }],
    occurredDate: '2026-11-20',
    occurredTime: '12:30',
    location: 'Dinner hall',
    othersPresent: 'Two midday supervisors',
    whatHappened: `Intake benchmark ${index}: the child arrived with a bruise about 3 cm across on their upper arm and said their dad had grabbed them when he was angry last night. They flinched when I reached past them for a tray.`,
    childWords: 'Dad did it because I was too loud. Don’t tell him I told you.',
    actionTaken: 'Reassured the child and told them I would pass this on to the DSL. Did not ask leading questions.',
    categories: ['physical-abuse'],
  };
}

/** intake.seal.p99_us: sealing one typical concern to the hub's intake key (ephemeral X25519, HKDF, AES-256-GCM). */
export function measureIntakeSeal(): void {
  progress('intake: sealing a typical concern');
  const hub = generateKeyPair();
  const accountId = '0192f5a0-7c1e-7000-8000-00000000a11c';
  const body = typicalConcern('0192f5a0-7c1e-7000-8000-0000000000aa', 1);
  const timings = timeEach(5_000, () => sealEnvelope(hub.publicKey, { recordedAt: new Date(), accountId, body }), 500);
  report({ metric: 'intake.seal.p99_us', value: percentile(timings, 0.99), unit: 'us' });
  // The median beside the tail: on a shared machine the p99 swings with its neighbours, the median much less.
  report({ metric: 'intake.seal.p50_us', value: median(timings), unit: 'us' });
}

/**
 * intake.ingest_1000_ms: 1,000 envelopes waiting in the queue, ingested into `app`'s open store (each concern through
 * submitConcern with its audit row, a hundred per transaction), the set-aside check and the queue's compaction
 * included. Three rounds into the same growing store; the median is reported.
 */
export function measureIntakeIngest(app: SafeguardingApp, dataDir: string): void {
  progress('intake: ingesting 1,000 waiting envelopes');
  const db = app.store!;
  const { publicKey } = writeTransaction(db, () => ensureIntakeKey(db, dataDir, new Date()));
  const author = (db.prepare("SELECT id FROM users WHERE role = 'staff' AND status = 'active' LIMIT 1").pluck().get() ??
    db.prepare('SELECT id FROM users LIMIT 1').pluck().get()) as string;
  const pupilIds = db.prepare('SELECT id FROM pupils ORDER BY id LIMIT 1000').pluck().all() as string[];
  const rounds: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const frames = Array.from({ length: 1_000 }, (_, index) => {
      const sealed = sealEnvelope(publicKey, { recordedAt: new Date(Date.UTC(2026, 10, 20, 12, 40) + index * 1000), accountId: author, body: typicalConcern(pupilIds[index % pupilIds.length]!, index) });
      return encodeFrame(sealed.bytes);
    });
    // Queued in one write (each append's own flush is not what is measured here).
    fs.writeFileSync(path.join(dataDir, INTAKE_QUEUE_FILE), Buffer.concat(frames));
    const started = process.hrtime.bigint();
    const summary = ingestQueue(db, dataDir, new Date());
    rounds.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (summary.stored.length !== 1_000) throw new Error(`Ingested ${summary.stored.length} of 1,000: ${JSON.stringify(summary.setAside.slice(0, 3))}`);
  }
  report({ metric: 'intake.ingest_1000_ms', value: median(rounds), unit: 'ms' });
}

/** Both metrics on a school of its own (`concerns` at 150,000 unless told otherwise). */
export async function measureIntake(concerns = LARGE_SCHOOL.concerns): Promise<void> {
  measureIntakeSeal();
  const dataDir = benchDir();
  try {
    progress(`intake: a secondary school with ${LARGE_SCHOOL.pupils.toLocaleString('en-GB')} pupils and ${concerns.toLocaleString('en-GB')} concerns`);
    const app = new SafeguardingApp({ dataDir, log: { error: (_context, error) => (console.error(error), 'bench') } });
    const { user } = await app.setup({ school: { name: 'Large Secondary', urn: '100001', localAuthority: 'worcestershire' }, dsl: DSL }, personAt(app, 'bench'));
    // The first DSL enrols an authenticator, as setup asks (decision 0021).
    await passSecondFactor(app, personAt(app, 'bench'));
    writeDemoSchool(app.store!, { ...LARGE_SCHOOL, concerns }, { userId: user.id, door: 'bench', now: new Date() });
    app.store!.pragma('wal_checkpoint(TRUNCATE)');
    measureIntakeIngest(app, dataDir);
    app.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  measureIntake(process.argv[2] ? Number(process.argv[2]) : undefined).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
