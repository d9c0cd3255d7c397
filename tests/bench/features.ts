// Benchmarks for the concern log, the review queue and the threshold packs, each through the real dispatch (audit
// row included) on a large secondary school at ten years' volume: 2,000 pupils and 150,000 concerns.
import fs from 'node:fs';
import { SafeguardingApp, dispatch } from '../../electron/core';
import { databasePath } from '../../electron/core/store';
import { insertConcern } from '../../electron/core/concerns';
import { writeDemoSchool } from '../../electron/core/demoData';
import { readShippedPacks } from '../../electron/core/packs/packLibrary';
import { loadPackLibrary, suggestLevel } from '../../shared/thresholds';
import { generateMisExport } from '../fixtures/roster/generateMisExport';
import { DSL, benchDir } from './benchStores';
import { overFloor, timeBesideFloor, type PlainInsertFloor } from './floors';
import { WalFrameCounter } from './walFrames';
import { median, percentile, progress, report, timeEach, timeEachAsync } from './measure';
import { personAt } from '../fixtures/doors/callers';
import { passSecondFactor } from '../fixtures/doors/authenticator';

const LARGE_SCHOOL = { pupils: 2_000, concerns: 150_000, seed: 2036, asOf: '2026-11-20', phase: 'secondary' as const };

async function call(app: SafeguardingApp, name: string, input: unknown): Promise<unknown> {
  const result = await dispatch(app, name, input, personAt(app, 'bench'));
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

async function largeSchool(dataDir: string): Promise<SafeguardingApp> {
  const app = new SafeguardingApp({ dataDir, log: { error: (_context, error) => (console.error(error), 'bench') } });
  const { user } = await app.setup({ school: { name: 'Large Secondary', urn: '100001', localAuthority: 'worcestershire' }, dsl: DSL }, personAt(app, 'bench'));
  // The first DSL enrols an authenticator, as setup asks (decision 0021).
  await passSecondFactor(app, personAt(app, 'bench'));
  writeDemoSchool(app.store!, LARGE_SCHOOL, { userId: user.id, door: 'bench', now: new Date() });
  return app;
}

/** One pupil with 500 concerns, the longest chronology a DSL is likely to open. */
function pupilWithLongHistory(app: SafeguardingApp): string {
  const { db, session } = app.current(personAt(app))!;
  const pupilId = db.prepare('SELECT id FROM pupils ORDER BY id LIMIT 1').pluck().get() as string;
  db.transaction(() => {
    for (let index = 0; index < 500; index += 1) {
      const at = new Date(Date.UTC(2017, 0, 1) + index * 6 * 86_400_000).toISOString();
      insertConcern(db, {
        authorId: session.user.id,
        occurredAt: at,
        recordedAt: at,
        location: 'Classroom',
        othersPresent: '',
        whatHappened: `Chronology benchmark entry ${index}: arrived hungry and tired again.`,
        childWords: 'There was no breakfast.',
        actionTaken: 'Breakfast club; told the DSL.',
        immediateDanger: false,
        urgent: false,
        spokenToDsl: null,
        fgmPoliceReference: '',
        status: 'closed',
        readAt: at,
        readBy: session.user.id,
        closure: { outcome: 'support_provided', reason: 'Breakfast club in place.', closedAt: at, closedBy: session.user.id },
        pupils: [{ pupilId, part: 'subject' }],
        categories: ['neglect'],
      });
    }
  })();
  // A bulk write folds its log into the file when it finishes, as the demo school does, so the timings below do not
  // share the machine with a background checkpoint of 500 concerns.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return pupilId;
}

/** A concern as the bench's member of staff submits it: one pupil, two categories, a body-map mark. */
const benchSubmission = (pupilId: string | undefined) => ({
  pupils: [{ pupilId, part: 'subject' }],
  occurredDate: '2026-11-20',
  occurredTime: '10:15',
  location: 'Corridor by the science block',
  whatHappened: 'Was crying at break and said she did not want to go home because of the shouting. Sleeve pulled down over a mark on her wrist.',
  childWords: 'Mum’s boyfriend shouts all the time and I hide in my room.',
  categories: ['domestic-abuse', 'emotional-abuse'],
  bodyMap: [{ view: 'front', x: 0.2, y: 0.5, size: '2 cm', colour: 'red', shape: 'line', childExplanation: 'Did it on a door' }],
  actionTaken: 'Listened, reassured, told her I would pass it on to the DSL.',
});

/** Returns the floor's timings taken beside the saves, for the run's pooled floor figure. */
export async function measureConcernLogAndQueue(floor: PlainInsertFloor): Promise<number[]> {
  const dataDir = benchDir();
  try {
    progress('concern log and queue: a school with 2,000 pupils and 150,000 concerns (takes a minute)');
    const app = await largeSchool(dataDir);
    const { db } = app.current(personAt(app))!;
    const pupilIds = db.prepare('SELECT id FROM pupils ORDER BY id').pluck().all() as string[];
    const surnames = db.prepare('SELECT DISTINCT lower(substr(legal_last_name, 1, 3)) FROM pupils').pluck().all() as string[];

    progress('concern.submit: a full concern through dispatch, audit row included');
    // 1,000 saves, so the 99th percentile is the 10th slowest: with 200 it was the 2nd slowest, and one garbage
    // collection or one busy moment of the machine decided it.
    const submits = await timeBesideFloor(1_000, floor, (index) => call(app, 'concerns.submit', benchSubmission(pupilIds[Math.abs(index) % pupilIds.length])));
    report({ metric: 'concern.submit.p99_ms', value: percentile(submits.work, 0.99) / 1000, unit: 'ms' });
    // The median beside the tail: on a shared machine the p99 swings with its neighbours, the median much less.
    report({ metric: 'concern.submit.p50_ms', value: median(submits.work) / 1000, unit: 'ms' });
    report({ metric: 'concern.submit_over_floor.ratio', value: overFloor(submits), unit: 'ratio' });

    // Pages each save writes to the log (one frame per page), counted untimed over another 200 saves.
    const frames = new WalFrameCounter(`${databasePath(dataDir)}-wal`);
    const pages: number[] = [];
    for (let index = 0; index < 200; index += 1) {
      await call(app, 'concerns.submit', benchSubmission(pupilIds[(index * 7) % pupilIds.length]));
      pages.push(frames.pagesSinceLastCall().pages);
    }
    report({ metric: 'concern.submit.pages_written', value: median(pages), unit: 'pages' });

    progress('pupil.search: partial names among 2,000 pupils');
    const searches = await timeEachAsync(500, (index) => call(app, 'pupils.search', { query: surnames[index % surnames.length] }));
    report({ metric: 'pupil.search.p99_ms', value: percentile(searches, 0.99) / 1000, unit: 'ms' });

    progress('queue: the first page, and a filtered page, in alternating blocks so both see the same machine');
    const firstPage = () => call(app, 'queue.concerns', { tab: 'all', sort: 'priority', limit: 50 });
    const filteredPage = (index: number) => call(app, 'queue.concerns', { tab: index % 2 ? 'open' : 'all', filters: { category: 'neglect', yearGroup: '9', from: '2024-09-01', to: '2026-07-31' }, sort: 'newest', limit: 50 });
    const firstPages: number[] = [];
    const filtered: number[] = [];
    for (let block = 0; block < 10; block += 1) {
      firstPages.push(...(await timeEachAsync(10, firstPage, block === 0 ? 5 : 0)));
      filtered.push(...(await timeEachAsync(10, filteredPage, block === 0 ? 5 : 0)));
    }
    report({ metric: 'queue.first_page.p99_ms', value: percentile(firstPages, 0.99) / 1000, unit: 'ms' });
    report({ metric: 'queue.first_page.p50_ms', value: median(firstPages) / 1000, unit: 'ms' });
    report({ metric: 'queue.filtered.p99_ms', value: percentile(filtered, 0.99) / 1000, unit: 'ms' });
    report({ metric: 'queue.filtered.p50_ms', value: median(filtered) / 1000, unit: 'ms' });
    report({ metric: 'queue.filtered_over_first_page.ratio', value: median(filtered) / median(firstPages), unit: 'ratio' });

    progress('chronology: a child with 500 entries');
    const pupilId = pupilWithLongHistory(app);
    const chronologies = await timeEachAsync(50, () => call(app, 'children.chronology', { pupilId }), 3);
    report({ metric: 'chronology.500.p99_ms', value: percentile(chronologies, 0.99) / 1000, unit: 'ms' });
    app.close();
    return submits.floor;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureRosterImport(): Promise<void> {
  const dataDir = benchDir();
  try {
    progress('roster: importing a 1,500-pupil MIS export into a new school');
    const app = new SafeguardingApp({ dataDir, log: { error: (_context, error) => (console.error(error), 'bench') } });
    await app.setup({ school: { name: 'Roster School', urn: '100002', localAuthority: 'other' }, dsl: DSL }, personAt(app, 'bench'));
    // The first DSL enrols an authenticator, as setup asks (decision 0021).
    await passSecondFactor(app, personAt(app, 'bench'));
    const file = { fileName: 'sims-export.csv', dataBase64: generateMisExport().toString('base64') };
    const { suggestedMapping } = (await call(app, 'roster.preview', { file })) as { suggestedMapping: Record<string, string | null> };
    const started = process.hrtime.bigint();
    await call(app, 'roster.import', { file, mapping: suggestedMapping, leftOn: '2026-07-22' });
    report({ metric: 'roster.import1500_ms', value: Number(process.hrtime.bigint() - started) / 1e6, unit: 'ms' });
    app.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function measurePacks(): void {
  progress('packs: load and validate every shipped pack; a suggestion for 40 ticked indicators');
  const files = readShippedPacks().map((file) => file.json);
  const loads = timeEach(20, () => loadPackLibrary(files), 2);
  report({ metric: 'packs.load_all_ms', value: percentile(loads, 0.5) / 1000, unit: 'ms' });
  const library = loadPackLibrary(files);
  const largest = [...library.packs.values()].sort((a, b) => b.indicators.length - a.indicators.length)[0]!;
  const raising = largest.indicators.filter((indicator) => indicator.kind !== 'red_flag');
  const suggestions = timeEach(5_000, (index) =>
    suggestLevel(largest, {
      ticked: Array.from({ length: 40 }, (_, offset) => ({ indicatorId: raising[(index + offset * 3) % raising.length]!.id })),
      dateOfBirth: '2014-05-01',
      assessmentDate: '2026-11-20',
    }),
  );
  report({ metric: 'packs.suggest40.p99_us', value: percentile(suggestions, 0.99), unit: 'us' });
  progress(`  (largest pack: ${largest.id}, ${largest.indicators.length} indicators)`);
}

