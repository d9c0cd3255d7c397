// Ingestion: sealed envelopes from the queue into the open store. Each concern is stored by the same code as
// concerns.submit (submitConcern), with its audit row, at the time its author recorded it — each in its own
// transaction, so a crash part-way leaves every envelope either stored (and known by its id) or still waiting.
// Ingesting the same envelope again stores nothing: its id is in intake_ingested.
// A concern about an adult (body `{ aboutAdult }`, decision 0020's addendum) is stored by logAdultConcern, the code
// adults.log uses, into the adults' register; nothing about it reaches the children's alerts or the reader's notice.
import { adultConcernInputSchema, concernInputSchema, type ParsedConcern, type Role } from '../../../shared/api';
import { logAdultConcern } from '../adults/adultRegister';
import { appendAudit } from '../audit';
import { submitConcern } from '../concerns/concernLog';
import { CommandError } from '../dispatch/commandError';
import { writeTransaction, type Store } from '../store';
import { preparedOnce } from '../store/preparedOnce';
import { EnvelopeError, intakeOpeningKey, openEnvelope, readEnvelopeHeader, type IntakeOpeningKey, type OpenedEnvelope } from './envelope';
import { intakeQueue, type Frame, type SetAsideRecord } from './intakeQueue';
import { intakePrivateKeys } from './intakeKeys';

/** The audit row's door for a concern that arrived sealed: who submitted it is the row's user. */
export const INTAKE_DOOR = 'intake';

export interface StoredFromIntake {
  envelopeId: string;
  /** The concern's id, or the adult concern's (in its own register) when `about` is 'adult'. */
  concernId: string;
  recordedAt: string;
  immediateDanger: boolean;
  /** A concern about an adult is for its recipient alone: never counted in what a DSL is told (decision 0020). */
  about: 'child' | 'adult';
}

/** The body of an envelope that holds a concern about an adult, sealed while the records were locked. */
export interface AboutAdultBody {
  aboutAdult: unknown;
}

export const isAboutAdult = (body: unknown): body is AboutAdultBody => typeof body === 'object' && body !== null && !Array.isArray(body) && 'aboutAdult' in body;

type Author = { id: string; role: Role; display_name: string };

/** Where a stored concern came in, for its audit row: a sealed envelope names no door or computer, a live session does. */
export interface ArrivedThrough {
  door: string;
  client: string | null;
}

const THROUGH_INTAKE: ArrivedThrough = { door: INTAKE_DOOR, client: null };

/** Run for every concern stored (every save while the records are open), so prepared once per connection. */
const ingestStatements = preparedOnce((db) => ({
  markIngested: db.prepare('INSERT INTO intake_ingested (envelope_id, concern_id, account_id, recorded_at, ingested_at) VALUES (?, ?, ?, ?, ?)'),
  ingested: db.prepare('SELECT 1 FROM intake_ingested WHERE envelope_id = ?').pluck(),
}));

function rejection(error: unknown, envelopeId: string): IngestOutcome {
  if (error instanceof CommandError) {
    const fields = Object.values(error.fields ?? {}).flat();
    return { kind: 'rejected', envelopeId, reason: 'rejected', detail: [error.message, ...fields].join(' ') };
  }
  throw error;
}

/**
 * What every stored envelope leaves behind, in the same transaction as the record: its id in intake_ingested (so it is
 * never stored twice) and the audit row in its author's name.
 */
function markIngested(
  db: Store,
  envelopeId: string,
  author: Pick<Author, 'id' | 'role'>,
  stored: { id: string; recordedAt: string },
  command: 'concerns.submit' | 'adults.log',
  recordIds: string[],
  now: Date,
  through: ArrivedThrough = THROUGH_INTAKE,
): void {
  ingestStatements(db).markIngested.run(envelopeId, stored.id, author.id, stored.recordedAt, now.toISOString());
  appendAudit(db, { at: now.toISOString(), userId: author.id, role: author.role, door: through.door, client: through.client, command, recordIds, outcome: 'ok' });
}

/**
 * Stores a concern about a child under `envelopeId`, with its audit row, as ingestion does, inside the caller's write
 * transaction. A refusal (a pupil no longer on the roster, a date in the future) throws CommandError and leaves nothing
 * of the concern behind. Used for every envelope, and for a submission made while the records are open (intakeDesk).
 */
export function storeChildConcern(
  db: Store,
  envelopeId: string,
  author: Pick<Author, 'id' | 'role'>,
  input: ParsedConcern,
  recorded: Date,
  now: Date,
  through: ArrivedThrough = THROUGH_INTAKE,
): { id: string; recordedAt: string } {
  // A savepoint: a refusal part-way through leaves nothing of this concern behind.
  const concern = db.transaction(() => submitConcern(db, author.id, input, recorded))();
  markIngested(db, envelopeId, author, concern, 'concerns.submit', [concern.id, envelopeId, ...input.pupils.map((pupil) => pupil.pupilId)], now, through);
  return concern;
}

/** A concern about an adult, stored as its author would have stored it at `recorded` (inside ingestEnvelope's transaction). */
function ingestAboutAdult(db: Store, envelopeId: string, author: Author, body: AboutAdultBody, recorded: Date, now: Date): IngestOutcome {
  const parsed = adultConcernInputSchema.safeParse(body.aboutAdult);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // The path and the rule only: never the words, which are about an adult and may reach a log a DSL reads.
    return { kind: 'rejected', envelopeId, reason: 'unreadable', detail: `Not a concern about an adult this app can store (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).` };
  }
  let logged: { id: string; recordedAt: string };
  try {
    logged = db.transaction(() => logAdultConcern(db, { id: author.id, role: author.role, displayName: author.display_name }, parsed.data, recorded))();
  } catch (error) {
    return rejection(error, envelopeId);
  }
  markIngested(db, envelopeId, author, logged, 'adults.log', [logged.id, envelopeId], now);
  return { kind: 'stored', envelopeId, concernId: logged.id, recordedAt: logged.recordedAt, immediateDanger: false, about: 'adult' };
}

export type IngestOutcome =
  | ({ kind: 'stored' } & StoredFromIntake)
  | { kind: 'duplicate'; envelopeId: string }
  /** Opened, but cannot be stored as it is: an unknown account, contents that do not parse, a pupil no longer on the roster. */
  | { kind: 'rejected'; envelopeId: string; reason: 'unknown_account' | 'unreadable' | 'rejected'; detail: string };

/** Stores one opened envelope, once, in its own write transaction (or a savepoint of the caller's). */
export function ingestEnvelope(db: Store, opened: OpenedEnvelope, now: Date): IngestOutcome {
  const { id: envelopeId, accountId, recordedAt } = opened.header;
  return writeTransaction(db, () => {
    if (ingestStatements(db).ingested.get(envelopeId)) return { kind: 'duplicate', envelopeId };
    const author = db.prepare('SELECT id, role, display_name FROM users WHERE id = ?').get(accountId) as Author | undefined;
    if (!author) return { kind: 'rejected', envelopeId, reason: 'unknown_account', detail: `No account ${accountId} in this school.` };
    // The author's own time, unless their computer's clock runs ahead of the hub's: no concern is dated in the future.
    const recorded = new Date(Math.min(Date.parse(recordedAt), now.getTime()));
    if (isAboutAdult(opened.body)) return ingestAboutAdult(db, envelopeId, author, opened.body, recorded, now);
    const parsed = concernInputSchema.safeParse(opened.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { kind: 'rejected', envelopeId, reason: 'unreadable', detail: `Not a concern this app can store (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).` };
    }
    let concern: { id: string; recordedAt: string };
    try {
      concern = storeChildConcern(db, envelopeId, author, parsed.data, recorded, now);
    } catch (error) {
      return rejection(error, envelopeId);
    }
    return { kind: 'stored', envelopeId, concernId: concern.id, recordedAt: concern.recordedAt, immediateDanger: parsed.data.immediateDanger, about: 'child' };
  });
}

export interface IngestSummary {
  /** Immediate danger first, then oldest first: the order a DSL unlocking the hub should read them. */
  stored: StoredFromIntake[];
  duplicates: number;
  /** Everything set aside this round, with the reason; also in intake_set_aside until a DSL is told. */
  setAside: Array<{ envelopeId: string | null; reason: string; detail: string }>;
}

function envelopeIdOf(bytes: Buffer): string | null {
  try {
    return readEnvelopeHeader(bytes).id;
  } catch {
    return null;
  }
}

function openWithStoreKeys(keys: ReadonlyArray<{ keyId: string; key: IntakeOpeningKey }>, bytes: Buffer): OpenedEnvelope {
  if (keys.length === 0) throw new EnvelopeError('wrong_key', 'This store holds no intake key yet.');
  const { keyId } = readEnvelopeHeader(bytes);
  // The envelope names its key; with none of ours matching, the current key gives the "wrong key" answer.
  return openEnvelope(bytes, (keys.find((key) => key.keyId === keyId) ?? keys[0]!).key);
}

/** Envelopes stored per transaction: one flush to disk per hundred instead of per concern, still all-or-nothing each. */
const ENVELOPES_PER_TRANSACTION = 100;

/**
 * Ingests everything waiting in the intake queue beside the store in `dataDir`, sets aside what cannot be stored, and
 * compacts the queue. `afterCommit` is told of each transaction's outcomes once they are on disk (progress, tests).
 */
export function ingestQueue(db: Store, dataDir: string, now = new Date(), afterCommit?: (outcomes: readonly IngestOutcome[]) => void): IngestSummary {
  const queue = intakeQueue(dataDir);
  const { records } = queue.read(now);
  const summary: IngestSummary = { stored: [], duplicates: 0, setAside: [] };
  const toSetAside: Array<{ bytes: Buffer; reason: string; detail: string }> = [];

  // Opened before any transaction: the key agreement and decryption need no lock on the store.
  const opened: Array<{ envelope: OpenedEnvelope; bytes: Buffer }> = [];
  const keys = intakePrivateKeys(db).map((stored) => ({ keyId: stored.keyId, key: intakeOpeningKey(stored.privateKey) }));
  for (const record of records) {
    try {
      opened.push({ envelope: openWithStoreKeys(keys, record.payload), bytes: record.payload });
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
      toSetAside.push({ bytes: record.payload, reason: error.reason, detail: error.message });
    }
  }

  for (let start = 0; start < opened.length; start += ENVELOPES_PER_TRANSACTION) {
    const chunk = opened.slice(start, start + ENVELOPES_PER_TRANSACTION);
    const outcomes = writeTransaction(db, () => chunk.map(({ envelope }) => ingestEnvelope(db, envelope, now)));
    outcomes.forEach((outcome, index) => {
      if (outcome.kind === 'stored') summary.stored.push({ envelopeId: outcome.envelopeId, concernId: outcome.concernId, recordedAt: outcome.recordedAt, immediateDanger: outcome.immediateDanger, about: outcome.about });
      else if (outcome.kind === 'duplicate') summary.duplicates += 1;
      else toSetAside.push({ bytes: chunk[index]!.bytes, reason: outcome.reason, detail: outcome.detail });
    });
    afterCommit?.(outcomes);
  }

  // Set aside (durably) before the queue forgets them; then tell the store, so the DSL can be told.
  queue.setAside(toSetAside, now);
  const everSetAside = queue.readSetAside();
  summary.setAside = recordSetAsideInStore(db, everSetAside);

  const setAsideHashes = new Set(everSetAside.map((entry) => entry.sha256));
  const { ingested } = ingestStatements(db);
  queue.compact((frame: Frame) => {
    if (setAsideHashes.has(frame.sha256)) return true;
    const envelopeId = envelopeIdOf(frame.payload);
    return envelopeId !== null && ingested.get(envelopeId) !== undefined;
  }, now);

  summary.stored.sort((a, b) => Number(b.immediateDanger) - Number(a.immediateDanger) || a.recordedAt.localeCompare(b.recordedAt));
  return summary;
}

/** Copies set-aside records the store has not yet heard of into intake_set_aside; returns those newly added. */
function recordSetAsideInStore(db: Store, records: readonly SetAsideRecord[]): IngestSummary['setAside'] {
  const added: IngestSummary['setAside'] = [];
  writeTransaction(db, () => {
    const insert = db.prepare('INSERT OR IGNORE INTO intake_set_aside (sha256, envelope_id, reason, detail, set_aside_at) VALUES (?, ?, ?, ?, ?)');
    for (const record of records) {
      const envelopeId = envelopeIdOf(record.bytes);
      if (insert.run(record.sha256, envelopeId, record.reason, record.detail, record.at).changes === 1) added.push({ envelopeId, reason: record.reason, detail: record.detail });
    }
  });
  return added;
}
