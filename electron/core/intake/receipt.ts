// The hub's receipt for an envelope it has queued: an Ed25519 signature over the envelope's id and hash. A client
// clears an envelope from its outbox only on a receipt that verifies under the hub's pinned receipt key and names
// exactly the bytes it sent, so a stranger on the network cannot make it throw away an undelivered concern.
//
// The hub gives receipts while its store is locked (that is the point of the queue), so the signing key cannot live
// in the store: it sits beside it, owner-only (docs/decisions/0018-sealed-intake-envelopes.md says what that costs).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { syncFolder } from '../store/syncFolder';
import { readEnvelopeHeader } from './envelope';

export const RECEIPT_KEY_FILE = 'intake-receipt-key.json';
const SIGNED_CONTEXT = Buffer.from('safeguarding-records intake receipt v1\n', 'ascii');

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface ReceiptKeyPair {
  /** The 32-byte Ed25519 seed. */
  privateKey: Buffer;
  publicKey: Buffer;
}

/** A receipt as it arrives over the network: parse with this before trusting its shape. */
export const intakeReceiptSchema = z.object({
  version: z.literal(1),
  envelopeId: z.uuid(),
  /** SHA-256 of the envelope's bytes, hex. */
  envelopeSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** When the hub had the envelope on disk. */
  queuedAt: z.iso.datetime(),
  /** Ed25519 over the context line, the id, the hash and the time; base64. */
  signature: z.base64(),
});
export type IntakeReceipt = z.infer<typeof intakeReceiptSchema>;

/** An Ed25519 private key from its 32-byte seed. */
export function ed25519PrivateKey(seed: Buffer): crypto.KeyObject {
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** An Ed25519 public key from its raw 32 bytes. */
export function ed25519PublicKey(raw: Buffer): crypto.KeyObject {
  return crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function generateReceiptKeyPair(): ReceiptKeyPair {
  const pair = crypto.generateKeyPairSync('ed25519');
  return {
    privateKey: Buffer.from(pair.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519_PREFIX.length)),
    publicKey: Buffer.from(pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length)),
  };
}

function signedBytes(receipt: Omit<IntakeReceipt, 'signature'>): Buffer {
  return Buffer.concat([SIGNED_CONTEXT, Buffer.from(JSON.stringify([receipt.version, receipt.envelopeId, receipt.envelopeSha256, receipt.queuedAt]), 'utf8')]);
}

/** The receipt for an envelope now safely in the queue. */
export function signReceipt(keyPair: ReceiptKeyPair, envelope: Buffer, queuedAt: Date): IntakeReceipt {
  const unsigned = {
    version: 1 as const,
    envelopeId: readEnvelopeHeader(envelope).id,
    envelopeSha256: crypto.createHash('sha256').update(envelope).digest('hex'),
    queuedAt: queuedAt.toISOString(),
  };
  return { ...unsigned, signature: crypto.sign(null, signedBytes(unsigned), ed25519PrivateKey(keyPair.privateKey)).toString('base64') };
}

/** True only for a receipt the pinned hub signed, for exactly these envelope bytes. */
export function verifyReceipt(receipt: IntakeReceipt, hubReceiptPublicKey: Buffer, envelope: Buffer): boolean {
  if (receipt.version !== 1) return false;
  if (receipt.envelopeSha256 !== crypto.createHash('sha256').update(envelope).digest('hex')) return false;
  let envelopeId: string;
  try {
    envelopeId = readEnvelopeHeader(envelope).id;
  } catch {
    return false;
  }
  if (receipt.envelopeId !== envelopeId) return false;
  try {
    return crypto.verify(null, signedBytes(receipt), ed25519PublicKey(hubReceiptPublicKey), Buffer.from(receipt.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The hub's receipt key, made on first use and kept owner-only beside the store. */
function readReceiptKey(file: string): ReceiptKeyPair {
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { privateKey: string; publicKey: string };
  return { privateKey: Buffer.from(stored.privateKey, 'base64'), publicKey: Buffer.from(stored.publicKey, 'base64') };
}

export function loadOrCreateReceiptKey(dataDir: string): ReceiptKeyPair {
  const file = path.join(dataDir, RECEIPT_KEY_FILE);
  if (fs.existsSync(file)) return readReceiptKey(file);
  const keyPair = generateReceiptKeyPair();
  const temporary = `${file}.${process.pid}.tmp`;
  const descriptor = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(descriptor, JSON.stringify({ privateKey: keyPair.privateKey.toString('base64'), publicKey: keyPair.publicKey.toString('base64') }));
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  // Never replaces a key another process made meanwhile: clients may already have pinned that one.
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readReceiptKey(file);
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  syncFolder(dataDir);
  return keyPair;
}
