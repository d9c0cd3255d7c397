// Where submitted concerns go (decisions 0018 and 0022). With the records locked, each is sealed to the hub's intake
// public key and appended durably to the queue beside the store, for the next opening; with them open, it is stored at
// once by the same code ingestion uses, so it reaches the records (and the DSL's alert) in the same call.
import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { ParsedConcern, ParsedInput, SessionUser } from '../../../shared/api';
import type { AlertBus } from '../alerts';
import { CommandError } from '../dispatch/commandError';
import {
  ensureIntakeKey,
  ingestQueue,
  intakeQueue,
  issueVoucher,
  loadOrCreateReceiptKey,
  readEnvelopeHeader,
  readIntakePublicKey,
  sealEnvelope,
  signReceipt,
  storeChildConcern,
  type AboutAdultBody,
  type ArrivedThrough,
  type EnvelopeHeader,
  type IngestSummary,
  type IntakeReceipt,
  type IntakeVoucher,
  type ReceiptKeyPair,
} from '../intake';
import { writeTransaction, type Store } from '../store';
import { preparedOnce } from '../store/preparedOnce';
import type { Log } from './log';

export const SENT_TO_DSL = 'Sent to the DSL.';
export const SEALED_WAITING = 'Saved and sealed — the DSL will see it when the records are next opened.';

export interface SubmitReply {
  /** The concern's id once it is in the records; the envelope's id while it waits, sealed. */
  id: string;
  recordedAt: string;
  delivery: 'stored' | 'sealed';
  message: string;
}

/**
 * What a reader who opened the records is told about the concerns about children that were waiting for them. Concerns
 * about adults are never in it: the reader may be their subject (decision 0020); their recipient finds them unread.
 */
export interface IntakeNotice {
  arrived: number;
  immediateDanger: number;
  setAside: number;
  /** The concerns that arrived, immediate danger first. */
  concernIds: string[];
}

/**
 * What the hub answers a computer delivering an envelope from its outbox: the signed receipt for exactly those bytes,
 * and what became of them — `stored` in the records, `waiting` sealed in the queue for the records to open, or
 * `set_aside` (sealed to another key, or changed since sealing: kept for an expert, never stored).
 */
export interface SealedDelivery {
  receipt: IntakeReceipt;
  outcome: 'stored' | 'waiting' | 'set_aside';
}

/** The public halves a connect-mode computer keeps: the key to seal to, and the key the hub signs receipts with. */
export interface HubIntakeKeys {
  /** Null until the records have been opened once (the intake key is made in the store). */
  intake: { keyId: string; publicKey: Buffer } | null;
  receiptPublicKey: Buffer;
}

/** Looked up on every submission that carries an id and every delivered envelope, so prepared once per connection. */
const submissionStatements = preparedOnce((db) => ({
  owner: db.prepare('SELECT account_id FROM intake_ingested WHERE envelope_id = ?').pluck(),
  stored: db.prepare('SELECT concern_id AS id, recorded_at AS recordedAt FROM intake_ingested WHERE envelope_id = ?'),
}));

/** An envelope naming another account than the one delivering it: no one delivers in someone else's name. */
export class ForeignEnvelopeError extends Error {
  constructor(readonly header: EnvelopeHeader) {
    super('This concern was sealed by another account: only the person who wrote it can send it.');
  }
}

export class IntakeDesk {
  private receiptKeyPair: ReceiptKeyPair | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly openStore: () => Store | null,
    private readonly alerts: AlertBus,
    private readonly log: Log,
  ) {}

  /** The intake key's public half: from the store when it is open (made there if missing), else from the file beside it. */
  private publicKey(db: Store | null, now: Date): Buffer {
    if (db) {
      try {
        return writeTransaction(db, () => ensureIntakeKey(db, this.dataDir, now)).publicKey;
      } catch (error) {
        // A store that cannot be written to (a full disk) must not stop a concern being sealed: the copy beside it will do.
        this.log.error('reading the intake key from the store; sealing to the copy beside it', error);
      }
    }
    const stored = readIntakePublicKey(this.dataDir);
    if (!stored) throw new CommandError('unavailable', 'Concerns cannot be taken yet: the records have never been opened on this computer. Ask a DSL to sign in once, then try again — your words are still on the screen.');
    return stored.publicKey;
  }

  /**
   * Takes a concern from a signed-in person. With the records open it is stored at once, in one transaction with its
   * audit row (the door and computer it came from) and its id in intake_ingested — the code ingestion uses, so the same
   * checks run and a refusal reaches the person while their words are on screen. With the records locked, or if storing
   * fails for any reason but a refusal, it is sealed and queued (flushed) for the next opening. Either way it is on
   * disk before the person is answered.
   */
  async submit(user: SessionUser, input: ParsedConcern, now: Date, through?: ArrivedThrough): Promise<SubmitReply> {
    const db = this.openStore();
    const { submissionId, ...concern } = input;
    // The same submission sent again (its answer was lost on the way back): answered as the first time, stored once.
    const earlier = submissionId ? this.earlierSubmission(db, user.id, submissionId, now) : null;
    if (earlier) return earlier;
    const envelopeId = submissionId ?? uuidv7();
    if (db) {
      const stored = this.storeNow(db, user, envelopeId, concern, now, through);
      if (stored) return stored;
    }
    const sealed = sealEnvelope(this.publicKey(db, now), { id: envelopeId, recordedAt: now, accountId: user.id, body: concern });
    // On disk (flushed) before anything else: from here the concern cannot be lost, whatever happens next.
    intakeQueue(this.dataDir).append(sealed.bytes);
    const waiting: SubmitReply = { id: sealed.id, recordedAt: now.toISOString(), delivery: 'sealed', message: SEALED_WAITING };
    return db ? this.ingestSubmitted(db, sealed.id, now, waiting) : waiting;
  }

  /**
   * Stores a submission in the open records in one durable transaction (decision 0022, addendum: one flush where the
   * sealed route takes three). Null if it could not be stored for a reason that is not the person's to correct (the
   * disk, the store): the caller then seals it, as with the records locked.
   */
  private storeNow(db: Store, user: SessionUser, envelopeId: string, concern: ParsedConcern, now: Date, through?: ArrivedThrough): SubmitReply | null {
    let stored: { id: string; recordedAt: string };
    try {
      stored = writeTransaction(db, () => storeChildConcern(db, envelopeId, user, concern, now, now, through));
    } catch (error) {
      if (error instanceof CommandError) throw error;
      this.log.error('storing a submitted concern; sealed for the next opening instead', error);
      return null;
    }
    this.alerts.publish({ kind: 'concern.new', immediateDanger: concern.immediateDanger, at: now.toISOString() });
    return { ...stored, delivery: 'stored', message: SENT_TO_DSL };
  }

  /** Ingests what was just queued and answers with the stored concern, or with `waiting` if it is still sealed. */
  private ingestSubmitted(db: Store, envelopeId: string, now: Date, waiting: SubmitReply): SubmitReply {
    try {
      this.ingest(db, now);
    } catch (error) {
      // It is sealed and queued: the next opening of the records ingests it.
      this.log.error('ingesting a submitted concern', error);
      return waiting;
    }
    return this.storedReply(db, envelopeId) ?? waiting;
  }

  private storedReply(db: Store, envelopeId: string): SubmitReply | null {
    const stored = submissionStatements(db).stored.get(envelopeId) as
      | { id: string; recordedAt: string }
      | undefined;
    return stored ? { ...stored, delivery: 'stored', message: SENT_TO_DSL } : null;
  }

  /**
   * What became of a submission with this id, if it arrived before: stored (its concern), or still sealed in the queue
   * (ingested now if the records are open). An id another account used is refused: ids are not guessed by honest pages.
   */
  private earlierSubmission(db: Store | null, accountId: string, envelopeId: string, now: Date): SubmitReply | null {
    const ingested = db ? (submissionStatements(db).owner.get(envelopeId) as string | undefined) : undefined;
    const queued = ingested === undefined ? this.queuedHeaders().find((header) => header.id === envelopeId) : undefined;
    const owner = ingested ?? queued?.accountId;
    if (owner === undefined) return null;
    if (owner !== accountId) throw new CommandError('invalid_input', 'This submission’s id belongs to another concern: reload the page and submit again (your words are kept in your draft).');
    if (db && ingested) return this.storedReply(db, envelopeId);
    const waiting: SubmitReply = { id: envelopeId, recordedAt: queued!.recordedAt, delivery: 'sealed', message: SEALED_WAITING };
    return db ? this.ingestSubmitted(db, envelopeId, now, waiting) : waiting;
  }

  /** The headers of what waits in the queue (no key needed); damaged envelopes are skipped, ingestion sets them aside. */
  private queuedHeaders(): EnvelopeHeader[] {
    const headers: EnvelopeHeader[] = [];
    const queue = intakeQueue(this.dataDir);
    // With the records open the queue is nearly always empty: a save then costs no lock and no read of the file.
    if (queue.isEmpty()) return headers;
    for (const record of queue.read().records) {
      try {
        headers.push(readEnvelopeHeader(record.payload));
      } catch {
        // Set aside, with its reason, by the next ingestion.
      }
    }
    return headers;
  }

  /** The receipt key, made beside the store on first use; the same for the hub's whole life (clients pin it). */
  private receiptKey(): ReceiptKeyPair {
    this.receiptKeyPair ??= loadOrCreateReceiptKey(this.dataDir);
    return this.receiptKeyPair;
  }

  /**
   * The hub's voucher for a connect-mode computer's session key, good for what the account records until `notAfter`
   * (the session's absolute end). Signed with the receipt key, under its own context line (voucher.ts).
   */
  voucherFor(user: Pick<SessionUser, 'id' | 'role'>, publicKey: Buffer, now: Date, notAfter: Date): IntakeVoucher {
    return issueVoucher(this.receiptKey(), { accountId: user.id, role: user.role, publicKey, issuedAt: now, notAfter });
  }

  /** What a connect-mode computer learns at enrolment: public keys only, handed out locked or open. */
  hubKeys(): HubIntakeKeys {
    return { intake: readIntakePublicKey(this.dataDir), receiptPublicKey: this.receiptKey().publicKey };
  }

  /**
   * An envelope sealed on another computer while the hub was out of reach, delivered by `user`'s session. Queued
   * (flushed) unless these exact bytes already wait there, ingested at once if the records are open, and answered
   * with a receipt for exactly these bytes. Delivering the same envelope again stores nothing more: ingestion knows
   * each envelope's id. Throws EnvelopeError for bytes that are not an envelope, ForeignEnvelopeError for another
   * account's.
   */
  receiveSealed(user: Pick<SessionUser, 'id'>, bytes: Buffer, now: Date): SealedDelivery {
    const header = readEnvelopeHeader(bytes);
    if (header.accountId !== user.id) throw new ForeignEnvelopeError(header);
    const queue = intakeQueue(this.dataDir);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    // A client that lost its receipt sends the same bytes again: while the records stay locked, one copy is enough.
    if (!queue.read(now).records.some((record) => record.sha256 === sha256)) queue.append(bytes);
    const receipt = signReceipt(this.receiptKey(), bytes, now);
    const db = this.openStore();
    if (!db) return { receipt, outcome: 'waiting' };
    try {
      this.ingest(db, now);
    } catch (error) {
      // It is queued: the next opening of the records ingests it.
      this.log.error('ingesting a delivered concern', error);
      return { receipt, outcome: 'waiting' };
    }
    if (queue.readSetAside().some((record) => record.sha256 === sha256)) return { receipt, outcome: 'set_aside' };
    const stored = submissionStatements(db).owner.get(header.id) !== undefined;
    return { receipt, outcome: stored ? 'stored' : 'waiting' };
  }

  /**
   * A concern about an adult while the records are locked (decision 0020, addendum): sealed and queued like any
   * concern, body `{ aboutAdult }`, and stored in the adults' register by the next reader's opening. With the
   * records open, adults.log stores it directly instead, with its routing.
   */
  submitAboutAdult(user: SessionUser, input: ParsedInput<'adults.log'>, now: Date): { id: string; recordedAt: string } {
    const body: AboutAdultBody = { aboutAdult: input };
    const sealed = sealEnvelope(this.publicKey(this.openStore(), now), { recordedAt: now, accountId: user.id, body });
    // Flushed to disk before the person is told it is saved.
    intakeQueue(this.dataDir).append(sealed.bytes);
    return { id: sealed.id, recordedAt: now.toISOString() };
  }

  /** Ingests everything waiting into the open store; tells the DSLs' pages, and logs why anything was set aside. */
  ingest(db: Store, now: Date): IngestSummary {
    const summary = ingestQueue(db, this.dataDir, now);
    for (const item of summary.setAside) this.log.error('intake set aside', new Error(`Envelope ${item.envelopeId ?? '(unreadable id)'} set aside: ${item.reason} — ${item.detail}`));
    // The DSLs' alert is for concerns about children; one about an adult shows only in its recipient's register.
    for (const concern of summary.stored.filter((stored) => stored.about === 'child')) this.alerts.publish({ kind: 'concern.new', immediateDanger: concern.immediateDanger, at: now.toISOString() });
    return summary;
  }

  /** Ingests at the opening of the records and says what was waiting; null when nothing was. */
  ingestOnOpening(db: Store, now: Date): IntakeNotice | null {
    // Only concerns about children: the reader opening the records may be the subject of one about an adult.
    const aboutChildren = this.ingest(db, now).stored.filter((concern) => concern.about === 'child');
    const unnoticed = db.prepare('SELECT sha256 FROM intake_set_aside WHERE noticed_at IS NULL').pluck().all() as string[];
    if (aboutChildren.length === 0 && unnoticed.length === 0) return null;
    writeTransaction(db, () => db.prepare('UPDATE intake_set_aside SET noticed_at = ? WHERE noticed_at IS NULL').run(now.toISOString()));
    return {
      arrived: aboutChildren.length,
      immediateDanger: aboutChildren.filter((concern) => concern.immediateDanger).length,
      setAside: unnoticed.length,
      concernIds: aboutChildren.map((concern) => concern.concernId),
    };
  }

  /**
   * This account's concerns still sealed in the queue, from the envelopes' headers alone (no key needed). The header
   * cannot tell a concern about a child from one about an adult (it is the same for both, by design), so both are here.
   */
  waitingFor(accountId: string): Array<{ envelopeId: string; recordedAt: string }> {
    const mine = new Map<string, { envelopeId: string; recordedAt: string }>();
    // One entry per envelope id: a submission whose answer was lost may wait twice, and is stored once.
    for (const header of this.queuedHeaders()) {
      if (header.accountId === accountId && !mine.has(header.id)) mine.set(header.id, { envelopeId: header.id, recordedAt: header.recordedAt });
    }
    return [...mine.values()].reverse();
  }
}
