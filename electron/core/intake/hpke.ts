// RFC 9180 HPKE, base mode, with DHKEM(X25519, HKDF-SHA256) and HKDF-SHA256, built from node:crypto alone. Sealed
// intake uses AES-256-GCM; AES-128-GCM is here too so the RFC's own Appendix A.1 vectors check this code. Every step
// is named as the RFC names it, so a reader can hold the two side by side.
import crypto from 'node:crypto';

export const KEM_X25519_HKDF_SHA256 = 0x0020;
export const KDF_HKDF_SHA256 = 0x0001;
export const AEAD_AES_128_GCM = 0x0001;
export const AEAD_AES_256_GCM = 0x0002;
export type AeadId = typeof AEAD_AES_128_GCM | typeof AEAD_AES_256_GCM;

const aeads: Record<AeadId, { cipher: 'aes-128-gcm' | 'aes-256-gcm'; keyLength: number }> = {
  [AEAD_AES_128_GCM]: { cipher: 'aes-128-gcm', keyLength: 16 },
  [AEAD_AES_256_GCM]: { cipher: 'aes-256-gcm', keyLength: 32 },
};

/** Nn, Nt, Nh, Nsecret, Npk and Nsk of the RFC for this KEM, KDF and these AEADs. */
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
const HASH_LENGTH = 32;
const KEY_LENGTH_X25519 = 32;

export class HpkeError extends Error {
  constructor(
    message: string,
    /** open_failed: the ciphertext, its associated data, `enc` or the key is not the one it was sealed with. */
    readonly reason: 'open_failed' | 'invalid_key' | 'message_limit',
  ) {
    super(message);
  }
}

const EMPTY = Buffer.alloc(0);
const VERSION_LABEL = Buffer.from('HPKE-v1', 'ascii');

function i2osp(value: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  out.writeUIntBE(value, 0, length);
  return out;
}

const KEM_SUITE_ID = Buffer.concat([Buffer.from('KEM', 'ascii'), i2osp(KEM_X25519_HKDF_SHA256, 2)]);
const hpkeSuiteId = (aead: AeadId) => Buffer.concat([Buffer.from('HPKE', 'ascii'), i2osp(KEM_X25519_HKDF_SHA256, 2), i2osp(KDF_HKDF_SHA256, 2), i2osp(aead, 2)]);

// HKDF in its two halves (RFC 5869): the labelled forms feed Extract's and Expand's inputs separately, which
// crypto.hkdf (Extract and Expand in one call) cannot express.
function extract(salt: Buffer, ikm: Buffer): Buffer {
  return crypto.createHmac('sha256', salt.length > 0 ? salt : Buffer.alloc(HASH_LENGTH)).update(ikm).digest();
}

function expand(prk: Buffer, info: Buffer, length: number): Buffer {
  if (length > 255 * HASH_LENGTH) throw new Error('HKDF-Expand cannot give that many bytes.');
  const blocks: Buffer[] = [];
  let previous = EMPTY;
  for (let counter = 1; blocks.length * HASH_LENGTH < length; counter += 1) {
    previous = crypto.createHmac('sha256', prk).update(previous).update(info).update(Buffer.of(counter)).digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function labeledExtract(suiteId: Buffer, salt: Buffer, label: string, ikm: Buffer): Buffer {
  return extract(salt, Buffer.concat([VERSION_LABEL, suiteId, Buffer.from(label, 'ascii'), ikm]));
}

function labeledExpand(suiteId: Buffer, prk: Buffer, label: string, info: Buffer, length: number): Buffer {
  return expand(prk, Buffer.concat([i2osp(length, 2), VERSION_LABEL, suiteId, Buffer.from(label, 'ascii'), info]), length);
}

// Raw X25519 keys (RFC 7748's 32 bytes) into node:crypto's key objects. Public keys go through JWK, about fifteen
// times quicker than OpenSSL's DER decoder and run for every envelope; a private key through its fixed PKCS #8
// wrapper (RFC 8410), since a JWK would need its public half first.
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

function privateKeyObject(raw: Buffer): crypto.KeyObject {
  if (raw.length !== KEY_LENGTH_X25519) throw new HpkeError('An X25519 private key is 32 bytes.', 'invalid_key');
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_X25519_PREFIX, raw]), format: 'der', type: 'pkcs8' });
}

function publicKeyObject(raw: Buffer): crypto.KeyObject {
  if (raw.length !== KEY_LENGTH_X25519) throw new HpkeError('An X25519 public key is 32 bytes.', 'invalid_key');
  return crypto.createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') }, format: 'jwk' });
}

const rawPublic = (key: crypto.KeyObject) => Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
const rawPrivate = (key: crypto.KeyObject) => key.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_X25519_PREFIX.length);

export interface X25519KeyPair {
  privateKey: Buffer;
  publicKey: Buffer;
}

export function publicKeyOf(privateKey: Buffer): Buffer {
  return Buffer.from(rawPublic(crypto.createPublicKey(privateKeyObject(privateKey))));
}

export function generateKeyPair(): X25519KeyPair {
  const pair = crypto.generateKeyPairSync('x25519');
  return { privateKey: Buffer.from(rawPrivate(pair.privateKey)), publicKey: Buffer.from(rawPublic(pair.publicKey)) };
}

/** DeriveKeyPair (RFC 9180 §7.1.3): the same key pair from the same input keying material, as the vectors need. */
export function deriveKeyPair(ikm: Buffer): X25519KeyPair {
  const dkpPrk = labeledExtract(KEM_SUITE_ID, EMPTY, 'dkp_prk', ikm);
  const privateKey = labeledExpand(KEM_SUITE_ID, dkpPrk, 'sk', EMPTY, KEY_LENGTH_X25519);
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

function dh(privateKey: Buffer | crypto.KeyObject, publicKey: Buffer): Buffer {
  let shared: Buffer;
  try {
    shared = crypto.diffieHellman({ privateKey: Buffer.isBuffer(privateKey) ? privateKeyObject(privateKey) : privateKey, publicKey: publicKeyObject(publicKey) });
  } catch {
    // OpenSSL refuses a small-order public key (the all-zero result); RFC 9180 §7.1.4 requires exactly that refusal.
    throw new HpkeError('The X25519 public key is not a usable key.', 'invalid_key');
  }
  if (shared.every((byte) => byte === 0)) throw new HpkeError('The X25519 public key is not a usable key.', 'invalid_key');
  return shared;
}

/**
 * A recipient's private key made ready once: turning raw bytes into a key object costs more than the rest of opening
 * an envelope (OpenSSL's decoder), so a hub opening a thousand envelopes prepares its key once.
 */
export interface RecipientKey {
  privateKey: crypto.KeyObject;
  publicKey: Buffer;
}

export function recipientKey(privateKey: Buffer): RecipientKey {
  const keyObject = privateKeyObject(privateKey);
  return { privateKey: keyObject, publicKey: Buffer.from(rawPublic(crypto.createPublicKey(keyObject))) };
}

const asRecipientKey = (key: Buffer | RecipientKey) => (Buffer.isBuffer(key) ? recipientKey(key) : key);

function extractAndExpand(dhResult: Buffer, kemContext: Buffer): Buffer {
  const eaePrk = labeledExtract(KEM_SUITE_ID, EMPTY, 'eae_prk', dhResult);
  return labeledExpand(KEM_SUITE_ID, eaePrk, 'shared_secret', kemContext, HASH_LENGTH);
}

/** Encap: a fresh ephemeral key (or the one given, for the vectors) and the shared secret with the recipient. */
export function encap(recipientPublicKey: Buffer, ephemeral?: X25519KeyPair): { sharedSecret: Buffer; enc: Buffer } {
  // A fresh key is used as generated: exporting its private half only to import it again would double the cost.
  const generated = ephemeral ? null : crypto.generateKeyPairSync('x25519');
  const enc = ephemeral ? Buffer.from(ephemeral.publicKey) : Buffer.from(rawPublic(generated!.publicKey));
  const sharedSecret = extractAndExpand(dh(ephemeral ? ephemeral.privateKey : generated!.privateKey, recipientPublicKey), Buffer.concat([enc, recipientPublicKey]));
  return { sharedSecret, enc };
}

export function decap(enc: Buffer, recipient: Buffer | RecipientKey): Buffer {
  const key = asRecipientKey(recipient);
  return extractAndExpand(dh(key.privateKey, enc), Buffer.concat([enc, key.publicKey]));
}

export interface KeySchedule {
  keyScheduleContext: Buffer;
  secret: Buffer;
  key: Buffer;
  baseNonce: Buffer;
  exporterSecret: Buffer;
}

/** KeySchedule for mode_base: no pre-shared key, no sender key. */
export function keySchedule(aead: AeadId, sharedSecret: Buffer, info: Buffer): KeySchedule {
  const suiteId = hpkeSuiteId(aead);
  const pskIdHash = labeledExtract(suiteId, EMPTY, 'psk_id_hash', EMPTY);
  const infoHash = labeledExtract(suiteId, EMPTY, 'info_hash', info);
  const keyScheduleContext = Buffer.concat([Buffer.of(0x00), pskIdHash, infoHash]);
  const secret = labeledExtract(suiteId, sharedSecret, 'secret', EMPTY);
  return {
    keyScheduleContext,
    secret,
    key: labeledExpand(suiteId, secret, 'key', keyScheduleContext, aeads[aead].keyLength),
    baseNonce: labeledExpand(suiteId, secret, 'base_nonce', keyScheduleContext, NONCE_LENGTH),
    exporterSecret: labeledExpand(suiteId, secret, 'exp', keyScheduleContext, HASH_LENGTH),
  };
}

/** An encryption context: each seal or open uses the next sequence number, so messages must be opened in order. */
export class HpkeContext {
  private sequence = 0n;

  constructor(
    private readonly aead: AeadId,
    private readonly schedule: KeySchedule,
  ) {}

  private nonce(): Buffer {
    if (this.sequence >= (1n << 96n) - 1n) throw new HpkeError('This context has sealed all the messages it may.', 'message_limit');
    const nonce = Buffer.from(this.schedule.baseNonce);
    let sequence = this.sequence;
    for (let index = NONCE_LENGTH - 1; index >= 0 && sequence > 0n; index -= 1) {
      nonce[index]! ^= Number(sequence & 0xffn);
      sequence >>= 8n;
    }
    return nonce;
  }

  seal(aad: Buffer, plaintext: Buffer): Buffer {
    const cipher = crypto.createCipheriv(aeads[this.aead].cipher, this.schedule.key, this.nonce(), { authTagLength: TAG_LENGTH });
    cipher.setAAD(aad);
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    this.sequence += 1n;
    return sealed;
  }

  open(aad: Buffer, ciphertext: Buffer): Buffer {
    if (ciphertext.length < TAG_LENGTH) throw new HpkeError('The ciphertext is shorter than its tag.', 'open_failed');
    let plaintext: Buffer;
    try {
      const decipher = crypto.createDecipheriv(aeads[this.aead].cipher, this.schedule.key, this.nonce(), { authTagLength: TAG_LENGTH });
      decipher.setAAD(aad);
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_LENGTH));
      plaintext = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_LENGTH)), decipher.final()]);
    } catch {
      throw new HpkeError('The ciphertext does not open with this key and associated data.', 'open_failed');
    }
    this.sequence += 1n;
    return plaintext;
  }

  /** Export (RFC 9180 §5.3): a secret both sides can derive from the context, for another purpose. */
  export(exporterContext: Buffer, length: number): Buffer {
    return labeledExpand(hpkeSuiteId(this.aead), this.schedule.exporterSecret, 'sec', exporterContext, length);
  }
}

export function setupBaseS(aead: AeadId, recipientPublicKey: Buffer, info: Buffer, ephemeral?: X25519KeyPair): { enc: Buffer; context: HpkeContext } {
  const { sharedSecret, enc } = encap(recipientPublicKey, ephemeral);
  const context = new HpkeContext(aead, keySchedule(aead, sharedSecret, info));
  sharedSecret.fill(0);
  return { enc, context };
}

export function setupBaseR(aead: AeadId, enc: Buffer, recipientPrivateKey: Buffer | RecipientKey, info: Buffer): HpkeContext {
  const sharedSecret = decap(enc, recipientPrivateKey);
  const context = new HpkeContext(aead, keySchedule(aead, sharedSecret, info));
  sharedSecret.fill(0);
  return context;
}

/** Single-shot Seal (RFC 9180 §6.1): one message to the recipient's public key. */
export function sealBase(aead: AeadId, recipientPublicKey: Buffer, info: Buffer, aad: Buffer, plaintext: Buffer): { enc: Buffer; ciphertext: Buffer } {
  const { enc, context } = setupBaseS(aead, recipientPublicKey, info);
  return { enc, ciphertext: context.seal(aad, plaintext) };
}

/** Single-shot Open; throws HpkeError('open_failed') for any change to what was sealed, or the wrong key. */
export function openBase(aead: AeadId, enc: Buffer, recipientPrivateKey: Buffer | RecipientKey, info: Buffer, aad: Buffer, ciphertext: Buffer): Buffer {
  let context: HpkeContext;
  try {
    context = setupBaseR(aead, enc, recipientPrivateKey, info);
  } catch (error) {
    // An altered `enc` may not even be a usable key: to the caller that is one more way of not opening.
    if (error instanceof HpkeError && error.reason === 'invalid_key' && enc.length === KEY_LENGTH_X25519) throw new HpkeError(error.message, 'open_failed');
    throw error;
  }
  return context.open(aad, ciphertext);
}
