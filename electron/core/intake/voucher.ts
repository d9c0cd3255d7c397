// A voucher lets a connect-mode computer deliver what its outbox holds after the hub has restarted (and so forgotten
// every session), without a long-lived password or token on that computer's disk (decision 0024, addendum).
//
// While a member of staff is signed in, the computer makes an Ed25519 key pair in memory and the hub signs a voucher
// for its public half: "account A may vouch for envelopes recorded between T1 and T2". Each envelope sealed into the
// outbox is signed with the private half there and then; the private half never reaches the disk and dies with the
// session. On the disk are only envelopes, vouchers and signatures: enough to deliver exactly those envelopes again,
// never to make a new one. The hub signs vouchers with its receipt key (kept beside the store, so it works while the
// records are locked), under its own context line so a voucher can never pass as a receipt or the reverse.
import crypto from 'node:crypto';
import { z } from 'zod';
import { intakeVoucherSchema, type Role } from '../../../shared/api';
import { readEnvelopeHeader, type EnvelopeHeader } from './envelope';
import { ed25519PrivateKey, ed25519PublicKey, type ReceiptKeyPair } from './receipt';

const VOUCHER_CONTEXT = Buffer.from('safeguarding-records intake voucher v1\n', 'ascii');
const ENVELOPE_SIGNATURE_CONTEXT = Buffer.from('safeguarding-records vouched envelope v1\n', 'ascii');
/** Clocks on school computers drift: an envelope recorded this long outside its voucher's window is still its. */
export const VOUCHER_CLOCK_ALLOWANCE_MS = 5 * 60_000;

export { intakeVoucherSchema };
export type IntakeVoucher = z.infer<typeof intakeVoucherSchema>;

/** What a delivery without a session carries beside the envelope: the voucher, and the envelope's signature under it. */
export const vouchedDeliverySchema = z.object({ voucher: intakeVoucherSchema, signature: z.base64() });
export type VouchedDelivery = z.infer<typeof vouchedDeliverySchema>;

function voucherBytes(voucher: Omit<IntakeVoucher, 'signature'>): Buffer {
  return Buffer.concat([VOUCHER_CONTEXT, Buffer.from(JSON.stringify([voucher.version, voucher.accountId, voucher.role, voucher.publicKey, voucher.issuedAt, voucher.notAfter]), 'utf8')]);
}

/** The hub's voucher for a signed-in account's session key. */
export function issueVoucher(hubKey: ReceiptKeyPair, grant: { accountId: string; role: Role; publicKey: Buffer; issuedAt: Date; notAfter: Date }): IntakeVoucher {
  const unsigned = { version: 1 as const, accountId: grant.accountId, role: grant.role, publicKey: grant.publicKey.toString('base64'), issuedAt: grant.issuedAt.toISOString(), notAfter: grant.notAfter.toISOString() };
  return { ...unsigned, signature: crypto.sign(null, voucherBytes(unsigned), ed25519PrivateKey(hubKey.privateKey)).toString('base64') };
}

/** True only for a voucher the hub whose receipt key this is signed, unchanged. */
export function voucherIsGenuine(voucher: IntakeVoucher, hubPublicKey: Buffer): boolean {
  try {
    return crypto.verify(null, voucherBytes(voucher), ed25519PublicKey(hubPublicKey), Buffer.from(voucher.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The computer's signature of an envelope with the session's private key (held in memory only). */
export function signEnvelope(sessionKey: crypto.KeyObject, envelope: Buffer): string {
  return crypto.sign(null, Buffer.concat([ENVELOPE_SIGNATURE_CONTEXT, envelope]), sessionKey).toString('base64');
}

/** Why the hub would not take a vouched delivery; each says what a reviewer of the log needs to know. */
export class VoucherError extends Error {}

/**
 * Checks a delivery made without a session: the voucher is the hub's own, the envelope is signed by the voucher's key,
 * names the voucher's account, and was recorded while the voucher was good. Returns the envelope's header; throws
 * VoucherError otherwise (and EnvelopeError for bytes that are not an envelope).
 */
export function checkVouchedEnvelope(delivery: VouchedDelivery, envelope: Buffer, hubPublicKey: Buffer): EnvelopeHeader {
  const header = readEnvelopeHeader(envelope);
  const { voucher } = delivery;
  if (!voucherIsGenuine(voucher, hubPublicKey)) throw new VoucherError('The voucher was not signed by this hub.');
  let signed = false;
  try {
    signed = crypto.verify(null, Buffer.concat([ENVELOPE_SIGNATURE_CONTEXT, envelope]), ed25519PublicKey(Buffer.from(voucher.publicKey, 'base64')), Buffer.from(delivery.signature, 'base64'));
  } catch {
    signed = false;
  }
  if (!signed) throw new VoucherError('The envelope was not signed with the key its voucher names.');
  if (header.accountId !== voucher.accountId) throw new VoucherError('The envelope names another account than its voucher.');
  const recorded = new Date(header.recordedAt).getTime();
  if (recorded < new Date(voucher.issuedAt).getTime() - VOUCHER_CLOCK_ALLOWANCE_MS || recorded > new Date(voucher.notAfter).getTime() + VOUCHER_CLOCK_ALLOWANCE_MS) {
    throw new VoucherError('The envelope was recorded outside the time its voucher covers.');
  }
  return header;
}
