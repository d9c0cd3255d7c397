// Connect mode when the school's records computer cannot be reached (issue 16, decision 0024). A concern submitted
// then is sealed here, to the intake key this computer learned over the pinned connection, in the signed-in person's
// name, signed with the session key the hub vouched for, and kept in the outbox (ciphertext only, flushed before the
// person is told). A loop delivers it as soon as the hub answers — under the voucher, even if the hub restarted and
// forgot every session, or else by its author's session; only the hub's signed receipt for exactly those bytes takes it
// out of the outbox. Everything else goes to the hub as before (hubTransport).
import crypto from 'node:crypto';
import { adultConcernKindOf, commands, intakeVoucherSchema, invalidInput, roleMay, type AppStatus, type ParsedInput, type Result, type SessionUser } from '../../../shared/api';
// The intake modules themselves, not its index: connect mode holds no store, so none of the store's code comes with it.
import { sealEnvelope } from '../intake/envelope';
import { Outbox, type WaitingEnvelope } from '../intake/outbox';
import { intakeReceiptSchema } from '../intake/receipt';
import { signEnvelope, voucherIsGenuine, type IntakeVoucher, type VouchedDelivery } from '../intake/voucher';
import { HUB_INTAKE_PATH, VOUCHED_DELIVERY_HEADER, fetchHubKeys, readConnectSettings, rememberHubKeys, type HubKeysSetting } from './enrolment';
import { sendToHub, type HubReply, type RemoteInvoke } from './hubTransport';
import { HubIdentityError, type PinnedClient } from './pinnedClient';

/** What the person is told when their concern waits in this computer's outbox. */
export const SAVED_ON_THIS_COMPUTER = 'Saved on this computer, not yet delivered — it will be sent when the records computer is back.';

/** Why a delivery round stopped before the outbox was empty. */
export type DeliveryStop =
  /** The hub did not answer, or answered with something other than a receipt: tried again after a wait. */
  | 'not_answering'
  /** Nobody whose envelopes wait is signed in here (or the hub restarted and forgot the session): tried after the next sign-in. */
  | 'not_signed_in'
  /** The hub refused this session (a temporary password, a second factor not given): tried after the next sign-in. */
  | 'refused'
  /** The answering machine cannot show the pinned certificate: tried again after the longest wait. */
  | 'not_your_hub'
  /** A receipt did not verify under the pinned receipt key: the envelope stays, tried again after a wait. */
  | 'receipt_not_verified'
  /** This computer does not know the hub's receipt key yet. */
  | 'no_receipt_key';

export interface DeliveryRound {
  /** Envelope ids whose receipts verified and which left the outbox. */
  delivered: string[];
  /** Envelopes still in the outbox, whoever's. */
  waiting: number;
  stoppedBy: DeliveryStop | null;
}

export interface ConnectModeOptions {
  client: PinnedClient;
  /** This computer's data folder: connect.json is read from it and the outbox kept in it. */
  dataDir: string;
  clock?: () => Date;
  log?: { error(context: string, error: unknown): unknown };
  /** The first wait after a delivery that failed, and the longest it grows to (5 s and 60 s unless given). */
  retryMs?: { first: number; max: number };
}

export interface ConnectMode {
  /** The page's commands, to the hub; `concerns.submit` to the outbox when the hub does not answer. */
  invoke: RemoteInvoke;
  readonly outbox: Outbox;
  /** One delivery round now (or joins the one under way); the loop calls this itself. */
  deliverNow(): Promise<DeliveryRound>;
  /** Whether the hub has vouched for this computer's key for the person signed in here (what they seal can then go with no session). */
  readonly holdsVoucher: boolean;
  /** Starts the loop: a round now if anything waits, then after each failure with a growing wait. */
  start(): void;
  stop(): void;
}

type KnownSession = { user: SessionUser; state: 'signed_in' | 'locked' | 'needs_code' };
/** The signed-in person's session key (memory only) and the hub's voucher for it. */
type Signer = { accountId: string; privateKey: crypto.KeyObject; voucher: IntakeVoucher };

/** A voucher is asked for again when less than this is left of it (a session nearing its absolute end). */
const RENEW_VOUCHER_MS = 30 * 60_000;
type DeliveryAnswer = { ok?: boolean; value?: { receipt?: unknown }; error?: { code?: string; message?: string } };

/** Commands after whose success the hub's view of the session is asked for again. */
const CHANGES_THE_SESSION = new Set(['session.signIn', 'session.unlock', 'session.verifyCode', 'session.changePassword', 'secondFactor.confirmEnrolment']);

/** The voucher header's value: base64url of the voucher and signature's JSON. */
function encodeVouched(vouched: VouchedDelivery): string {
  return Buffer.from(JSON.stringify(vouched), 'utf8').toString('base64url');
}

export function connectModeWithOutbox(options: ConnectModeOptions): ConnectMode {
  const { client, dataDir } = options;
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? { error: () => undefined };
  const firstWaitMs = options.retryMs?.first ?? 5_000;
  const longestWaitMs = options.retryMs?.max ?? 60_000;
  const outbox = new Outbox(dataDir);
  let keys: HubKeysSetting | undefined = readConnectSettings(dataDir)?.hubKeys;
  let lastKeyLookup = 0;
  // Learned only from what the hub itself answered through this process: never from the page.
  let known: KnownSession | null = null;
  let signer: Signer | null = null;
  let lastVoucherTry = 0;
  /** Counts what the hub has said of the session, so a refusal of a request sent before a new sign-in forgets nothing. */
  let heardOfSession = 0;
  let waitMs = firstWaitMs;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<DeliveryRound> | null = null;
  let runAgain = false;
  let lastStop: DeliveryStop | null = null;
  let started = false;
  let stopped = false;

  const mineWaiting = (): WaitingEnvelope[] => (known ? outbox.waiting().envelopes.filter((envelope) => envelope.accountId === known!.user.id) : []);
  /** A session that may deliver: signed in, or locked since (what its owner sealed is theirs to send), not half-way through a second factor. */
  const deliverer = (): SessionUser | null => (known && known.state !== 'needs_code' ? known.user : null);

  function learnFromStatus(status: AppStatus): void {
    known = status.user && (status.state === 'signed_in' || status.state === 'locked' || status.state === 'needs_code') ? { user: status.user, state: status.state } : null;
    if (signer && signer.accountId !== known?.user.id) signer = null;
    heardOfSession += 1;
  }

  /** Whether the signed-in person may seal here: the hub said so, with nothing owed first. */
  function maySeal(session: KnownSession | null): session is KnownSession {
    return session !== null && session.state === 'signed_in' && !session.user.mustChangePassword && roleMay(session.user.role, 'concerns.log');
  }

  /**
   * Makes a session key and asks the hub to vouch for it, while the person is signed in and the hub answers; again as
   * the voucher nears its end. Kept only if it is the pinned hub's, for this person and this key.
   */
  async function ensureVoucher(): Promise<void> {
    const session = known;
    if (!maySeal(session) || !keys) return;
    const now = clock().getTime();
    if (signer && signer.accountId === session.user.id && new Date(signer.voucher.notAfter).getTime() - now > RENEW_VOUCHER_MS) return;
    if (now - lastVoucherTry < 60_000) return;
    lastVoucherTry = now;
    const pair = crypto.generateKeyPairSync('ed25519');
    const publicKey = Buffer.from(pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32));
    const reply = await sendToHub(client, 'intake.voucher', { publicKey: publicKey.toString('base64') });
    if (reply.kind !== 'answered' || !reply.result.ok) return;
    const voucher = intakeVoucherSchema.safeParse(reply.result.value);
    if (
      voucher.success &&
      voucher.data.accountId === session.user.id &&
      voucher.data.publicKey === publicKey.toString('base64') &&
      voucherIsGenuine(voucher.data, Buffer.from(keys.receiptPublicKey, 'base64')) &&
      known?.user.id === session.user.id
    ) {
      signer = { accountId: session.user.id, privateKey: pair.privateKey, voucher: voucher.data };
    } else {
      log.error('asking the hub to vouch for this computer', new Error('The hub’s voucher did not verify under the receipt key kept at enrolment, or was not for this person and key.'));
    }
  }

  async function refreshSession(): Promise<void> {
    const reply = await sendToHub(client, 'app.status', {});
    if (reply.kind === 'answered' && reply.result.ok) learnFromStatus(reply.result.value as AppStatus);
  }

  /** Keys not known at enrolment (the hub's records had never been opened then) are learned at a later contact. */
  async function learnKeys(): Promise<void> {
    if (keys?.intake || clock().getTime() - lastKeyLookup < 60_000) return;
    lastKeyLookup = clock().getTime();
    try {
      const learned = await fetchHubKeys(client);
      if (learned) keys = rememberHubKeys(dataDir, learned);
    } catch (error) {
      log.error('learning the hub’s keys', error);
    }
  }

  function schedule(ms: number): void {
    if (stopped || !started) return;
    clearTimeout(timer);
    timer = setTimeout(() => void deliverNow(), ms);
    // The loop never keeps the app alive on its own.
    timer.unref();
  }

  async function deliverOnce(): Promise<DeliveryRound> {
    const all = outbox.waiting().envelopes;
    if (all.length === 0) return { delivered: [], waiting: 0, stoppedBy: null };
    if (!keys) await learnKeys();
    if (!keys) return { delivered: [], waiting: all.length, stoppedBy: 'no_receipt_key' };
    const receiptKey = Buffer.from(keys.receiptPublicKey, 'base64');
    const delivered: string[] = [];
    let user = deliverer();
    const asHeard = heardOfSession;
    let stoppedBy: DeliveryStop | null = null;
    for (const envelope of all) {
      // The author's own session if it is here; otherwise the voucher it was sealed with; otherwise it waits for them.
      const bySession = user !== null && envelope.accountId === user.id;
      if (!bySession && !envelope.vouched) continue;
      const headers: Record<string, string> = bySession ? {} : { [VOUCHED_DELIVERY_HEADER]: encodeVouched(envelope.vouched!) };
      let status: number;
      let body: DeliveryAnswer | undefined;
      try {
        const response = await client.request<DeliveryAnswer>('POST', HUB_INTAKE_PATH, envelope.bytes, headers);
        status = response.status;
        body = response.json;
      } catch (error) {
        stoppedBy = error instanceof HubIdentityError ? 'not_your_hub' : 'not_answering';
        if (error instanceof HubIdentityError) log.error('outbox delivery', new Error(error.detail));
        break;
      }
      if (status === 200 && body?.ok === true) {
        const receipt = intakeReceiptSchema.safeParse(body.value?.receipt);
        if (receipt.success && outbox.clear(receipt.data, receiptKey)) {
          delivered.push(envelope.envelopeId);
          continue;
        }
        // Not trusted: the envelope stays and is sent again (the hub stores a concern once however often it arrives).
        log.error('outbox delivery', new Error(`The hub’s receipt for envelope ${envelope.envelopeId} did not verify under the receipt key kept at enrolment.`));
        stoppedBy = 'receipt_not_verified';
        break;
      }
      if (status === 400 || status === 413) {
        // The hub will never take these bytes: kept aside on this computer with its reason, and the rest go on.
        outbox.setAside(envelope.bytes, body?.error?.code ?? String(status), body?.error?.message ?? `The hub refused it (${status}).`);
        log.error('outbox delivery', new Error(`The hub refused envelope ${envelope.envelopeId} for good (${status}); it is kept in the outbox's set-aside file.`));
        continue;
      }
      if (status === 401 && bySession) {
        // The hub no longer knows this session (it restarted, or it ended): the person's next sign-in delivers.
        if (heardOfSession === asHeard) known = null;
        user = null;
        stoppedBy ??= 'not_signed_in';
        continue;
      }
      if (status === 403) {
        // A session refused (a temporary password, a code owed) or a voucher refused: it waits for its author's sign-in.
        log.error('outbox delivery', new Error(`The hub refused envelope ${envelope.envelopeId}${bySession ? '' : ' under its voucher'}: ${body?.error?.message ?? status}`));
        if (bySession) user = null;
        stoppedBy ??= bySession ? 'refused' : 'not_signed_in';
        continue;
      }
      stoppedBy = 'not_answering';
      break;
    }
    const waiting = countWaiting();
    // What is left and was not tried waits for its author's sign-in here.
    return { delivered, waiting, stoppedBy: stoppedBy ?? (waiting > 0 ? 'not_signed_in' : null) };
  }

  function countWaiting(): number {
    try {
      return outbox.waiting().envelopes.length;
    } catch {
      return 0;
    }
  }

  function afterRound(round: DeliveryRound): void {
    lastStop = round.stoppedBy;
    if (round.stoppedBy === 'not_answering' || round.stoppedBy === 'receipt_not_verified' || round.stoppedBy === 'not_your_hub' || round.stoppedBy === 'no_receipt_key') {
      schedule(round.stoppedBy === 'not_your_hub' ? longestWaitMs : waitMs);
      waitMs = Math.min(longestWaitMs, waitMs * 2);
      return;
    }
    // Delivered, or waiting for a sign-in (which calls deliverNow): the next failure starts from the shortest wait.
    waitMs = firstWaitMs;
    clearTimeout(timer);
  }

  function deliverNow(): Promise<DeliveryRound> {
    if (running) {
      runAgain = true;
      return running;
    }
    running = (async () => {
      let round: DeliveryRound;
      do {
        runAgain = false;
        round = await deliverOnce();
      } while (runAgain && !stopped);
      return round;
    })()
      .catch((error: unknown): DeliveryRound => {
        log.error('outbox delivery', error);
        return { delivered: [], waiting: countWaiting(), stoppedBy: 'not_answering' };
      })
      .then((round) => {
        running = null;
        afterRound(round);
        return round;
      });
    return running;
  }

  /** After the hub answered anything: learn what it says of the session, and deliver if it may now succeed. */
  async function afterAnswer(command: unknown, reply: Extract<HubReply, { kind: 'answered' }>): Promise<void> {
    const { result } = reply;
    if (command === 'app.status' && result.ok) learnFromStatus(result.value as AppStatus);
    else if ((command === 'session.signOut' && result.ok) || (!result.ok && result.error.code === 'unauthenticated')) {
      known = null;
      // The person has gone (or the hub forgot them): nothing more is sealed or signed in their name here.
      signer = null;
      heardOfSession += 1;
    }
    else if (typeof command === 'string' && CHANGES_THE_SESSION.has(command) && result.ok) await refreshSession();
    await learnKeys();
    await ensureVoucher();
    // A refusal of the session is not asked again until the session has changed (no audit row per page poll).
    const sessionChanged = typeof command === 'string' && CHANGES_THE_SESSION.has(command) && result.ok;
    const mayNowSucceed =
      lastStop === null ||
      lastStop === 'not_answering' ||
      lastStop === 'no_receipt_key' ||
      (lastStop === 'not_signed_in' && (sessionChanged || command === 'app.status')) ||
      (lastStop === 'refused' && sessionChanged);
    const vouchedWaiting = () => outbox.waiting().envelopes.some((envelope) => envelope.vouched !== undefined);
    if (started && mayNowSucceed && ((deliverer() && mineWaiting().length > 0) || vouchedWaiting())) await deliverNow();
  }

  /**
   * `concerns.submit` or `adults.log` while the hub does not answer: sealed here, or null when it cannot be (the words
   * stay on screen). A concern about an adult is sealed as the hub seals one while its records are locked (body
   * `{ aboutAdult }`, decision 0020's addendum): where it goes is decided inside the records, so the reply says only
   * which register it is for.
   */
  function sealHere(command: 'concerns.submit' | 'adults.log', input: unknown): Result<unknown> | null {
    const session = known;
    const intake = keys?.intake;
    // Only for the person the hub last said was signed in here, able to log it: never a guess.
    if (!maySeal(session) || !roleMay(session.user.role, command === 'adults.log' ? 'adults.log' : 'concerns.log') || !intake) return null;
    const parsed = commands[command].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
    const now = clock();
    try {
      let sealed: { id: string; bytes: Buffer };
      if (command === 'concerns.submit') {
        // The page's submission id becomes the envelope's: if the hub stored the try whose answer was lost, it stores this once.
        const { submissionId, ...concern } = parsed.data as ParsedInput<'concerns.submit'>;
        sealed = sealEnvelope(Buffer.from(intake.publicKey, 'base64'), { id: submissionId, recordedAt: now, accountId: session.user.id, body: concern });
      } else {
        sealed = sealEnvelope(Buffer.from(intake.publicKey, 'base64'), { recordedAt: now, accountId: session.user.id, body: { aboutAdult: parsed.data } });
      }
      // Flushed to disk (with its voucher, if this session has one) before the person is told it is saved.
      outbox.add(sealed.bytes, vouchFor(session.user.id, sealed.bytes, now));
      schedule(waitMs);
      const saved = { id: sealed.id, recordedAt: now.toISOString(), delivery: 'outbox' as const };
      if (command === 'concerns.submit') return { ok: true, value: { ...saved, message: SAVED_ON_THIS_COMPUTER } };
      const adult = parsed.data as ParsedInput<'adults.log'>;
      return { ok: true, value: { ...saved, kind: adultConcernKindOf(adult), sentTo: null, nobodyToReceive: false, ladoDirectly: false, ladoContact: null } };
    } catch (error) {
      log.error('saving a concern to the outbox', error);
      return null;
    }
  }

  /** The envelope signed with this person's session key, if the hub vouched for it and the voucher covers now. */
  function vouchFor(accountId: string, envelope: Buffer, now: Date): VouchedDelivery | undefined {
    if (!signer || signer.accountId !== accountId) return undefined;
    if (now.getTime() < new Date(signer.voucher.issuedAt).getTime() || now.getTime() > new Date(signer.voucher.notAfter).getTime()) return undefined;
    return { voucher: signer.voucher, signature: signEnvelope(signer.privateKey, envelope) };
  }

  const invoke: RemoteInvoke = async (command, input) => {
    const reply = await sendToHub(client, command, input);
    if (reply.kind === 'answered') {
      void afterAnswer(command, reply).catch((error: unknown) => log.error('outbox after an answer', error));
      const { result } = reply;
      if (command === 'app.status' && result.ok) {
        return { ok: true, value: { ...(result.value as AppStatus), outboxWaiting: mineWaiting().length } };
      }
      if (command === 'concerns.mine' && result.ok && Array.isArray(result.value)) {
        const waitingHere = mineWaiting()
          .reverse()
          .map((envelope) => ({ id: envelope.envelopeId, recordedAt: envelope.recordedAt, occurredAt: null, pupilNames: [], childDescribed: '', status: 'outbox', immediateDanger: false }));
        return { ok: true, value: [...waitingHere, ...(result.value as unknown[])] };
      }
      return result;
    }
    if (reply.kind === 'not_answering' && (command === 'concerns.submit' || command === 'adults.log')) return sealHere(command, input) ?? { ok: false, error: reply.error };
    return { ok: false, error: reply.error };
  };

  return {
    invoke,
    outbox,
    deliverNow,
    get holdsVoucher() {
      return signer !== null && signer.accountId === known?.user.id;
    },
    start() {
      started = true;
      stopped = false;
      if (outbox.waiting().envelopes.length > 0) schedule(0);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
