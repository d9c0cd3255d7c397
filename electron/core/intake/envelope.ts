// The sealed concern envelope: what a member of staff submits, sealed to the hub's intake public key so that only the
// hub, with the store open, can read it. The header travels in the clear and is bound to the ciphertext as HPKE's
// associated data, so no part of it (id, time, account) can be swapped or edited without the envelope failing to open.
//
// Version 1, all integers big-endian (docs/decisions/0018-sealed-intake-envelopes.md):
//   0     4  magic "SRCE"
//   4     1  version (1)
//   5    16  envelope id (UUID v7, as bytes)
//   21    8  recorded at: the submitter's clock, milliseconds since 1970 (signed)
//   29    8  intake key id: the first 8 bytes of SHA-256 of the intake public key it was sealed to
//   37    1  account id length n (1–255)
//   38    n  submitting account id (UTF-8)
//   38+n 32  enc (the ephemeral X25519 public key)
//   70+n  4  ciphertext length c
//   74+n  c  ciphertext (AES-256-GCM, tag last): the body as UTF-8 JSON, zero-padded to a multiple of 256 bytes
// The associated data is bytes 0 to 74+n: everything before the ciphertext.
import crypto from 'node:crypto';
import { parse as parseUuid, stringify as stringifyUuid, v7 as uuidv7, version as uuidVersion } from 'uuid';
import { AEAD_AES_256_GCM, HpkeError, openBase, recipientKey, setupBaseS, type RecipientKey } from './hpke';

export const ENVELOPE_VERSION = 1;
const MAGIC = Buffer.from('SRCE', 'ascii');
/** HPKE's info: a version 1 envelope's key schedule can never be confused with another use of the same key. */
const INFO = Buffer.from('safeguarding-records concern envelope v1', 'ascii');
const PAD_TO = 256;
const TAG_LENGTH = 16;
const ENC_LENGTH = 32;
const FIXED_HEADER = 38;

export type EnvelopeFailure =
  /** Not an envelope at all (no magic): something else was written where one should be. */
  | 'not_an_envelope'
  /** Written by a newer version of the app; kept until an app that reads it is installed. */
  | 'unknown_version'
  /** Ends before its declared length. */
  | 'truncated'
  /** Its layout is impossible (lengths, id, time, bytes after the end). */
  | 'malformed'
  /** Sealed to an intake key this hub does not hold. */
  | 'wrong_key'
  /** Sealed to this hub's key, but changed since: the header, enc or ciphertext no longer match. */
  | 'altered';

export class EnvelopeError extends Error {
  constructor(
    readonly reason: EnvelopeFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface EnvelopeHeader {
  version: number;
  id: string;
  /** The submitter's own time of recording, ISO-8601 UTC. */
  recordedAt: string;
  accountId: string;
  /** Hex of the intake key id. */
  keyId: string;
}

export interface OpenedEnvelope {
  header: EnvelopeHeader;
  body: unknown;
}

/** The 8-byte id of an intake public key, written in each envelope so the hub can tell "not for me" from "changed". */
export function intakeKeyId(publicKey: Buffer): Buffer {
  return crypto.createHash('sha256').update(publicKey).digest().subarray(0, 8);
}

export interface SealRequest {
  /** A UUID v7; a fresh one when absent. */
  id?: string;
  recordedAt: Date;
  accountId: string;
  /** What was submitted; sealed as JSON. */
  body: unknown;
}

function encodeHeader(id: string, recordedAt: Date, keyId: Buffer, accountId: string, enc: Buffer, ciphertextLength: number): Buffer {
  const account = Buffer.from(accountId, 'utf8');
  if (account.length < 1 || account.length > 255) throw new Error('An account id is 1 to 255 bytes.');
  const header = Buffer.alloc(FIXED_HEADER + account.length + ENC_LENGTH + 4);
  MAGIC.copy(header, 0);
  header.writeUInt8(ENVELOPE_VERSION, 4);
  Buffer.from(parseUuid(id)).copy(header, 5);
  header.writeBigInt64BE(BigInt(recordedAt.getTime()), 21);
  keyId.copy(header, 29);
  header.writeUInt8(account.length, 37);
  account.copy(header, FIXED_HEADER);
  enc.copy(header, FIXED_HEADER + account.length);
  header.writeUInt32BE(ciphertextLength, FIXED_HEADER + account.length + ENC_LENGTH);
  return header;
}

/** Seals `body` to the hub's intake public key. The envelope id is the one to wait for a receipt of. */
export function sealEnvelope(intakePublicKey: Buffer, request: SealRequest): { id: string; bytes: Buffer } {
  const id = request.id ?? uuidv7();
  if (uuidVersion(id) !== 7) throw new Error('An envelope id is a UUID v7.');
  if (Number.isNaN(request.recordedAt.getTime())) throw new Error('An envelope needs a real recorded time.');
  const json = Buffer.from(JSON.stringify(request.body), 'utf8');
  // Padding hides a concern's exact length: a short note and a long account look alike to anyone holding the file.
  const plaintext = Buffer.alloc(Math.ceil((json.length + 1) / PAD_TO) * PAD_TO);
  json.copy(plaintext, 0);
  // enc is chosen when the context is set up, before anything is sealed, so the associated data is the whole header.
  const { enc, context } = setupBaseS(AEAD_AES_256_GCM, intakePublicKey, INFO);
  const header = encodeHeader(id, request.recordedAt, intakeKeyId(intakePublicKey), request.accountId, enc, plaintext.length + TAG_LENGTH);
  const ciphertext = context.seal(header, plaintext);
  plaintext.fill(0);
  json.fill(0);
  return { id, bytes: Buffer.concat([header, ciphertext]) };
}

interface ParsedLayout {
  header: EnvelopeHeader;
  keyId: Buffer;
  enc: Buffer;
  associatedData: Buffer;
  ciphertext: Buffer;
}

function parseLayout(bytes: Buffer): ParsedLayout {
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    if (bytes.length < MAGIC.length && MAGIC.subarray(0, bytes.length).equals(bytes)) throw new EnvelopeError('truncated', 'The envelope ends inside its header.');
    throw new EnvelopeError('not_an_envelope', 'These bytes are not a sealed concern envelope.');
  }
  if (bytes.length < 5) throw new EnvelopeError('truncated', 'The envelope ends inside its header.');
  const version = bytes.readUInt8(4);
  if (version !== ENVELOPE_VERSION) {
    throw new EnvelopeError('unknown_version', `The envelope is version ${version}; this version of the app opens version ${ENVELOPE_VERSION}. Install the newer version to read it.`);
  }
  if (bytes.length < FIXED_HEADER) throw new EnvelopeError('truncated', 'The envelope ends inside its header.');
  const accountLength = bytes.readUInt8(37);
  const encAt = FIXED_HEADER + accountLength;
  const ciphertextAt = encAt + ENC_LENGTH + 4;
  if (accountLength === 0) throw new EnvelopeError('malformed', 'The envelope names no account.');
  if (bytes.length < ciphertextAt) throw new EnvelopeError('truncated', 'The envelope ends inside its header.');
  const ciphertextLength = bytes.readUInt32BE(encAt + ENC_LENGTH);
  if (ciphertextLength < TAG_LENGTH) throw new EnvelopeError('malformed', 'The envelope’s ciphertext is shorter than its tag.');
  if (bytes.length < ciphertextAt + ciphertextLength) throw new EnvelopeError('truncated', `The envelope ends ${ciphertextAt + ciphertextLength - bytes.length} bytes early.`);
  if (bytes.length > ciphertextAt + ciphertextLength) throw new EnvelopeError('malformed', 'The envelope has bytes after its end.');

  const idBytes = bytes.subarray(5, 21);
  const id = stringifyUuid(idBytes);
  if (uuidVersion(id) !== 7) throw new EnvelopeError('malformed', 'The envelope’s id is not a UUID v7.');
  const recordedMs = Number(bytes.readBigInt64BE(21));
  const recordedAt = new Date(recordedMs);
  if (!Number.isSafeInteger(recordedMs) || Number.isNaN(recordedAt.getTime())) throw new EnvelopeError('malformed', 'The envelope’s recorded time is not a real time.');
  const keyId = bytes.subarray(29, 37);
  const accountId = bytes.subarray(FIXED_HEADER, encAt).toString('utf8');
  const enc = bytes.subarray(encAt, encAt + ENC_LENGTH);
  const associatedData = bytes.subarray(0, ciphertextAt);
  return {
    header: { version, id, recordedAt: recordedAt.toISOString(), accountId, keyId: keyId.toString('hex') },
    keyId,
    enc,
    associatedData,
    ciphertext: bytes.subarray(ciphertextAt),
  };
}

/** The header, read without the key (the hub is locked): enough to know the id and who sent it. */
export function readEnvelopeHeader(bytes: Buffer): EnvelopeHeader {
  return parseLayout(bytes).header;
}

/** The hub's intake private key made ready to open many envelopes (see hpke.ts recipientKey). */
export type IntakeOpeningKey = RecipientKey;
export const intakeOpeningKey = (intakePrivateKey: Buffer): IntakeOpeningKey => recipientKey(intakePrivateKey);

/**
 * Opens an envelope with the hub's intake key. Throws EnvelopeError naming why it cannot: the caller sets the
 * envelope aside with that reason, never drops it.
 */
export function openEnvelope(bytes: Buffer, intakePrivateKey: Buffer | IntakeOpeningKey): OpenedEnvelope {
  const layout = parseLayout(bytes);
  const key = Buffer.isBuffer(intakePrivateKey) ? recipientKey(intakePrivateKey) : intakePrivateKey;
  const publicKey = key.publicKey;
  if (!layout.keyId.equals(intakeKeyId(publicKey))) {
    throw new EnvelopeError('wrong_key', `The envelope was sealed to intake key ${layout.header.keyId}, which is not this hub’s (${intakeKeyId(publicKey).toString('hex')}).`);
  }
  let plaintext: Buffer;
  try {
    plaintext = openBase(AEAD_AES_256_GCM, layout.enc, key, INFO, layout.associatedData, layout.ciphertext);
  } catch (error) {
    if (error instanceof HpkeError && error.reason === 'open_failed') {
      throw new EnvelopeError('altered', 'The envelope does not open: its header or its sealed contents have been changed since it was sealed.');
    }
    throw error;
  }
  // JSON escapes every control character, so the padding's zero bytes can only be padding.
  let end = plaintext.length;
  while (end > 0 && plaintext[end - 1] === 0) end -= 1;
  let body: unknown;
  try {
    body = JSON.parse(plaintext.subarray(0, end).toString('utf8'));
  } catch {
    // Sealed by someone holding the public key, with contents no version of the app writes.
    throw new EnvelopeError('malformed', 'The envelope opened, but what is inside is not a concern this app can read.');
  } finally {
    plaintext.fill(0);
  }
  return { header: layout.header, body };
}
