// Fills an empty store with the synthetic school, through the repositories, in batched transactions — each batch
// with its audit row, so a reviewer can see that the records are demo data and who made them.
import { insertAccount } from '../accounts';
import { appendAudit } from '../audit';
import { insertConcern } from '../concerns';
import { insertPupil } from '../pupils';
import { bringTalliesUpToDate } from '../reports/reportTallies';
import { schemaVersion, type Store } from '../store';
import { migration0016 } from '../store/migrations/0016-link-copies-folded';
import { generateConcerns } from './demoConcerns';
import { generatePupils, yearIndexesFor, type DemoPupil, type SchoolPhase } from './demoPupils';
import { generateStaff, staffCountFor, type DemoStaffMember } from './demoStaff';
import { seededRandom } from './random';
import { schoolYearStarting } from './schoolCalendar';

export interface DemoSchoolOptions {
  pupils: number;
  concerns: number;
  seed: number;
  /** The demo's "today" (yyyy-mm-dd): the school year it falls in is the current one; nothing is dated later. */
  asOf: string;
  phase?: SchoolPhase;
  /** How many school years of concerns, ending with the current one. */
  schoolYears?: number;
  /** Staff accounts to create; by default about one adult for every seven pupils. */
  staff?: number;
}

export interface DemoProgress {
  stage: 'staff' | 'pupils' | 'concerns';
  done: number;
  total: number;
}

export interface DemoSchoolSummary {
  pupils: number;
  staff: number;
  concerns: number;
  schoolYears: string[];
  /** One generated account of each role, for a demo sign-in once a password is set. */
  sampleAccounts: Array<Pick<DemoStaffMember, 'id' | 'username' | 'displayName' | 'role'>>;
}

export class DemoDataError extends Error {}

const BATCH = 5_000;

/**
 * Writes the synthetic school into `db` as the signed-in DSL `by`. Refuses a store that already has pupils or
 * concerns: demo data belongs in a store of its own, never mixed with a real school's records.
 */
export function writeDemoSchool(db: Store, options: DemoSchoolOptions, by: { userId: string; door: string; now: Date }, onProgress: (progress: DemoProgress) => void = () => {}): DemoSchoolSummary {
  const existing = db.prepare('SELECT (SELECT count(*) FROM pupils) + (SELECT count(*) FROM concerns)').pluck().get() as number;
  if (existing > 0) throw new DemoDataError('This store already has pupils or concerns. Demo data goes into a new, empty store: run `init` with a new --data-dir first.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf) || Number.isNaN(Date.parse(options.asOf))) throw new DemoDataError(`The demo date ${options.asOf} is not a date (yyyy-mm-dd).`);

  const random = seededRandom(options.seed);
  const phase = options.phase ?? 'all-through';
  const schoolYears = Math.max(1, options.schoolYears ?? 3);
  const schoolYearStart = schoolYearStarting(options.asOf);
  const earliestYearStart = schoolYearStart - schoolYears + 1;
  const createdAtMs = Date.parse(`${earliestYearStart}-09-01T07:00:00.000Z`);
  // The demo's "now" is the end of its school day, in UTC so that the same seed makes the same store anywhere.
  const asOf = new Date(`${options.asOf}T16:00:00.000Z`);

  const takenUsernames = new Set(db.prepare('SELECT username FROM users').pluck().all() as string[]);
  const staff = generateStaff(random, options.staff ?? staffCountFor(options.pupils), takenUsernames, createdAtMs);
  const pupils = generatePupils(random, options.pupils, phase, schoolYearStart, earliestYearStart);
  const audit = (command: string, recordIds: string[]) =>
    appendAudit(db, { at: by.now.toISOString(), userId: by.userId, role: 'dsl', door: by.door, client: null, command, recordIds, outcome: 'ok' });

  db.transaction(() => {
    for (const member of staff) {
      insertAccount(db, { ...member, mustChangePassword: true, createdAt: new Date(createdAtMs).toISOString(), createdBy: by.userId });
    }
    audit('demoData.staff', staff.map((member) => member.id));
  })();
  onProgress({ stage: 'staff', done: staff.length, total: staff.length });

  writeInBatches(db, pupils, (pupil: DemoPupil) => insertPupil(db, { ...pupil, createdBy: by.userId }), (done) => {
    audit('demoData.pupils', []);
    onProgress({ stage: 'pupils', done, total: pupils.length });
  });

  const dslIds = [by.userId, ...staff.filter((member) => member.role === 'dsl').map((member) => member.id)];
  const concerns = generateConcerns(random, options.concerns, { pupils, staff, dslIds, schoolYearStart, schoolYears, firstYearIndex: yearIndexesFor(phase)[0]!, asOf });
  writeInBatches(db, concerns, (concern) => insertConcern(db, concern), (done) => {
    audit('demoData.concerns', []);
    onProgress({ stage: 'concerns', done, total: options.concerns });
  });

  // The report tallies and the links' dated copies are folded in now, a batch at a time, so the first filter or report
  // on the demo school does not fold ten years of concerns (reports/reportTallies.ts). A store at an older schema (the
  // migrations' tests write one) is folded by the migration that adds the copies.
  for (let caughtUp = schemaVersion(db) < migration0016.version; !caughtUp; ) caughtUp = bringTalliesUpToDate(db, BATCH);

  // A bulk write folds its log into the database file and empties it when it finishes, so the first person to use
  // the school does not wait for it (routine checkpoints follow each command: store/backgroundCheckpoints.ts).
  db.pragma('wal_checkpoint(TRUNCATE)');

  const sampleAccounts = (['head', 'dsl', 'admin', 'staff'] as const)
    .map((role) => staff.find((member) => member.role === role))
    .filter((member): member is DemoStaffMember => member !== undefined)
    .map(({ id, username, displayName, role }) => ({ id, username, displayName, role }));
  return {
    pupils: pupils.length,
    staff: staff.length,
    concerns: options.concerns,
    schoolYears: Array.from({ length: schoolYears }, (_, index) => `${earliestYearStart + index}/${String((earliestYearStart + index + 1) % 100).padStart(2, '0')}`),
    sampleAccounts,
  };
}

/** One transaction per batch: fast (one sync per batch, not per row), and a failure loses at most one batch. */
function writeInBatches<T>(db: Store, items: Iterable<T>, write: (item: T) => unknown, afterBatch: (done: number) => void): void {
  const iterator = items[Symbol.iterator]();
  let done = 0;
  let finished = false;
  while (!finished) {
    db.transaction(() => {
      let inBatch = 0;
      for (let next = iterator.next(); ; next = iterator.next()) {
        if (next.done) {
          finished = true;
          break;
        }
        write(next.value);
        inBatch += 1;
        if (inBatch === BATCH) break;
      }
      done += inBatch;
      if (inBatch > 0) afterBatch(done);
    })();
  }
}
