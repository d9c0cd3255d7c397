// A client's outbox: concerns sealed on this computer to the pinned hub's intake key while the hub cannot be reached.
// Only sealed envelopes are written (never the words), each flushed before the person is told it is saved; one leaves
// only on the hub's signed receipt for exactly its bytes.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../network/atomicFile';
import { EnvelopeError, readEnvelopeHeader, type EnvelopeHeader } from './envelope';
import { FramedLog, type SetAsideRecord } from './intakeQueue';
import { verifyReceipt, type IntakeReceipt } from './receipt';
import { vouchedDeliverySchema, type VouchedDelivery } from './voucher';

export const OUTBOX_FILE = 'outbox.bin';
export const OUTBOX_SET_ASIDE_FILE = 'outbox-set-aside.bin';
/** Each waiting envelope's voucher and signature, by envelope id: public and signed, no words and no secret. */
export const OUTBOX_VOUCHERS_FILE = 'outbox-vouchers.json';

const vouchersFileSchema = z.object({ version: z.literal(1), vouched: z.record(z.uuid(), vouchedDeliverySchema) });

export interface WaitingEnvelope {
  envelopeId: string;
  /** Whose it is: only that account's session can deliver it. */
  accountId: string;
  /** The submitter's own time, for "Saved on this computer at 12:40, not yet delivered". */
  recordedAt: string;
  bytes: Buffer;
  /** Present when it was sealed with a voucher: it can then be delivered with no session at all. */
  vouched?: VouchedDelivery;
}

export class Outbox {
  private readonly log: FramedLog;
  private readonly vouchersFile: string;

  constructor(dir: string) {
    this.log = new FramedLog(dir, OUTBOX_FILE, OUTBOX_SET_ASIDE_FILE);
    this.vouchersFile = path.join(dir, OUTBOX_VOUCHERS_FILE);
  }

  get file(): string {
    return this.log.file;
  }

  /** Keeps a sealed envelope until the hub confirms it; on disk when this returns. */
  add(envelope: Buffer, vouched?: VouchedDelivery): void {
    const header = readEnvelopeHeader(envelope); // only envelopes: a slip that passed plain words here must fail, not be written
    // The voucher first: an envelope on disk without its voucher would wait for its author's next sign-in here.
    if (vouched) this.writeVouchers({ ...this.readVouchers(), [header.id]: vouched });
    this.log.append(envelope);
  }

  /** The vouchers kept beside the outbox; none if the file is missing or damaged (those envelopes wait for a sign-in). */
  private readVouchers(): Record<string, VouchedDelivery> {
    if (!fs.existsSync(this.vouchersFile)) return {};
    try {
      return vouchersFileSchema.parse(JSON.parse(fs.readFileSync(this.vouchersFile, 'utf8'))).vouched;
    } catch {
      return {};
    }
  }

  private writeVouchers(vouched: Record<string, VouchedDelivery>): void {
    writeFileAtomically(this.vouchersFile, JSON.stringify({ version: 1, vouched }), 0o600);
  }

  /** What is still to deliver, oldest first; each envelope once even if it was added twice. */
  waiting(): { envelopes: WaitingEnvelope[]; setAside: SetAsideRecord[] } {
    const { records, setAside } = this.log.read();
    const vouchers = this.readVouchers();
    const seen = new Set<string>();
    const envelopes: WaitingEnvelope[] = [];
    const unreadable: Array<{ bytes: Buffer; reason: string; detail: string }> = [];
    for (const record of records) {
      let header: EnvelopeHeader;
      try {
        header = readEnvelopeHeader(record.payload);
      } catch (error) {
        unreadable.push({ bytes: record.payload, reason: error instanceof EnvelopeError ? error.reason : 'malformed', detail: (error as Error).message });
        continue;
      }
      if (seen.has(header.id)) continue;
      seen.add(header.id);
      const vouched = vouchers[header.id];
      envelopes.push({ envelopeId: header.id, accountId: header.accountId, recordedAt: header.recordedAt, bytes: Buffer.from(record.payload), ...(vouched ? { vouched } : {}) });
    }
    if (unreadable.length > 0) {
      setAside.push(...this.log.setAside(unreadable));
      const gone = new Set(unreadable.map((item) => item.bytes));
      this.log.compact((record) => [...gone].some((bytes) => bytes.equals(record.payload)));
    }
    return { envelopes, setAside };
  }

  /**
   * Moves an envelope the hub will never take (it says the bytes are not an envelope it can read, or too large) out of
   * the way of delivery, into the set-aside file with the hub's reason: kept for an expert, never deleted.
   */
  setAside(envelope: Buffer, reason: string, detail: string): void {
    this.log.setAside([{ bytes: envelope, reason, detail }]);
    this.log.compact((record) => record.payload.equals(envelope));
  }

  /** Everything ever set aside on this computer, oldest first. */
  setAsideRecords(): SetAsideRecord[] {
    return this.log.readSetAside();
  }

  /** Removes the envelope a receipt is for, if the receipt verifies under the hub's key; false (nothing removed) if not. */
  clear(receipt: IntakeReceipt, hubReceiptPublicKey: Buffer): boolean {
    let cleared = false;
    this.log.compact((record) => {
      if (record.sha256 !== receipt.envelopeSha256 || !verifyReceipt(receipt, hubReceiptPublicKey, record.payload)) return false;
      cleared = true;
      return true;
    });
    if (cleared) this.forgetVoucher(receipt.envelopeId);
    return cleared;
  }

  /** A delivered envelope's voucher goes with it (another copy of the same envelope id, if any, is delivered by then too). */
  private forgetVoucher(envelopeId: string): void {
    const vouched = this.readVouchers();
    if (!(envelopeId in vouched)) return;
    delete vouched[envelopeId];
    this.writeVouchers(vouched);
  }
}

/**
 * Sends each waiting envelope in turn; each verified receipt clears its envelope. Stops at the first failure (the
 * hub is still out of reach) and leaves the rest for the next try. A receipt that does not verify is not trusted: the
 * envelope stays, and is sent again (the hub stores a concern once however often it arrives).
 */
export async function deliverWaiting(
  outbox: Outbox,
  send: (envelope: Buffer) => Promise<IntakeReceipt>,
  hubReceiptPublicKey: Buffer,
): Promise<{ delivered: string[]; stillWaiting: number; error: unknown }> {
  const delivered: string[] = [];
  const { envelopes } = outbox.waiting();
  for (const [index, envelope] of envelopes.entries()) {
    let receipt: IntakeReceipt;
    try {
      receipt = await send(envelope.bytes);
    } catch (error) {
      return { delivered, stillWaiting: envelopes.length - index, error };
    }
    if (outbox.clear(receipt, hubReceiptPublicKey)) delivered.push(envelope.envelopeId);
  }
  return { delivered, stillWaiting: envelopes.length - delivered.length, error: null };
}
