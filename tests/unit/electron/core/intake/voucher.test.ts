// The voucher construction (decision 0024, addendum), pinned by a known-answer vector so a later version still accepts
// what this one signed, and its byte layout checked with node:crypto directly rather than through our own code. Then
// the checks the hub makes of a delivery with no session, each tried as an attacker would.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  VOUCHER_CLOCK_ALLOWANCE_MS,
  VoucherError,
  checkVouchedEnvelope,
  generateReceiptKeyPair,
  issueVoucher,
  sealEnvelope,
  signEnvelope,
  voucherIsGenuine,
} from '../../../../../electron/core/intake';

const ACCOUNT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
// RFC 8410's DER prefixes around a raw Ed25519 key: written out here, not taken from the code under test.
const pkcs8 = (seed: Buffer) => crypto.createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
const spki = (raw: Buffer) => crypto.createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
const rawPublic = (key: crypto.KeyObject) => Buffer.from(key.export({ format: 'der', type: 'spki' }).subarray(-32));

describe('the voucher construction', () => {
  const seed = Buffer.alloc(32, 7);
  const hubKey = { privateKey: seed, publicKey: rawPublic(crypto.createPublicKey(pkcs8(seed))) };
  const grant = { accountId: ACCOUNT, role: 'staff' as const, publicKey: Buffer.alloc(32, 9), issuedAt: new Date('2026-11-30T08:15:00Z'), notAfter: new Date('2026-11-30T20:15:00Z') };

  it('matches its known-answer vector (Ed25519 is deterministic: the same key and fields give the same signature)', () => {
    expect(hubKey.publicKey.toString('hex')).toBe('ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c');
    expect(issueVoucher(hubKey, grant)).toEqual({
      version: 1,
      accountId: ACCOUNT,
      role: 'staff',
      publicKey: 'CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=',
      issuedAt: '2026-11-30T08:15:00.000Z',
      notAfter: '2026-11-30T20:15:00.000Z',
      signature: '1Za37hyxuoOapmW+SkTF/e8NJN6NUeLh12F4NLbvvNfAH3lOXZZK6ytsNhHP4ue+jdg8eDOUVXFulfqlSFUCAQ==',
    });
  });

  it('signs the context line and a JSON array of the fields, as the decision writes them down', () => {
    const voucher = issueVoucher(hubKey, grant);
    const bytes = Buffer.concat([
      Buffer.from('safeguarding-records intake voucher v1\n', 'ascii'),
      Buffer.from(JSON.stringify([1, ACCOUNT, 'staff', voucher.publicKey, voucher.issuedAt, voucher.notAfter]), 'utf8'),
    ]);
    expect(crypto.verify(null, bytes, spki(hubKey.publicKey), Buffer.from(voucher.signature, 'base64'))).toBe(true);
    // A receipt's context is not a voucher's: the same key signing one can never be taken for the other.
    const asReceipt = Buffer.concat([Buffer.from('safeguarding-records intake receipt v1\n', 'ascii'), bytes.subarray(39)]);
    expect(crypto.verify(null, asReceipt, spki(hubKey.publicKey), Buffer.from(voucher.signature, 'base64'))).toBe(false);
  });

  it('is genuine only unchanged and under the hub’s own key', () => {
    const voucher = issueVoucher(hubKey, grant);
    expect(voucherIsGenuine(voucher, hubKey.publicKey)).toBe(true);
    expect(voucherIsGenuine(voucher, generateReceiptKeyPair().publicKey)).toBe(false);
    for (const changed of [{ accountId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c' }, { role: 'dsl' as const }, { notAfter: '2026-12-30T20:15:00.000Z' }, { publicKey: Buffer.alloc(32, 8).toString('base64') }]) {
      expect([changed, voucherIsGenuine({ ...voucher, ...changed }, hubKey.publicKey)]).toEqual([changed, false]);
    }
  });
});

describe('a vouched envelope', () => {
  const hub = generateReceiptKeyPair();
  const intake = crypto.generateKeyPairSync('x25519');
  const intakePublic = rawPublic(intake.publicKey);
  const session = crypto.generateKeyPairSync('ed25519');
  const voucher = issueVoucher(hub, { accountId: ACCOUNT, role: 'staff', publicKey: rawPublic(session.publicKey), issuedAt: new Date('2026-11-30T08:15:00Z'), notAfter: new Date('2026-11-30T20:15:00Z') });
  const sealedAt = (recordedAt: Date, accountId = ACCOUNT) => sealEnvelope(intakePublic, { recordedAt, accountId, body: { whatHappened: 'Amy said she was hungry.' } }).bytes;

  it('signs the context line and every byte of the envelope, which node:crypto verifies on its own', () => {
    const envelope = sealedAt(new Date('2026-11-30T12:40:00Z'));
    const signature = signEnvelope(session.privateKey, envelope);
    const bytes = Buffer.concat([Buffer.from('safeguarding-records vouched envelope v1\n', 'ascii'), envelope]);
    expect(crypto.verify(null, bytes, session.publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    expect(checkVouchedEnvelope({ voucher, signature }, envelope, hub.publicKey).accountId).toBe(ACCOUNT);
  });

  it('is taken within the voucher’s time and the clock allowance, and refused outside it', () => {
    const allowance = VOUCHER_CLOCK_ALLOWANCE_MS;
    const at = (iso: string, offsetMs: number) => new Date(new Date(iso).getTime() + offsetMs);
    for (const [recordedAt, taken] of [
      [at('2026-11-30T08:15:00Z', -allowance + 1_000), true],
      [at('2026-11-30T20:15:00Z', allowance - 1_000), true],
      [at('2026-11-30T08:15:00Z', -allowance - 1_000), false],
      [at('2026-11-30T20:15:00Z', allowance + 1_000), false],
    ] as const) {
      const envelope = sealedAt(recordedAt);
      const check = () => checkVouchedEnvelope({ voucher, signature: signEnvelope(session.privateKey, envelope) }, envelope, hub.publicKey);
      if (taken) expect(check().recordedAt).toBe(recordedAt.toISOString());
      else expect(check).toThrow(VoucherError);
    }
  });

  it('is refused in another account’s name, under another key, or changed after signing', () => {
    const theirs = sealedAt(new Date('2026-11-30T12:40:00Z'), '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c');
    expect(() => checkVouchedEnvelope({ voucher, signature: signEnvelope(session.privateKey, theirs) }, theirs, hub.publicKey)).toThrow('another account');
    const mine = sealedAt(new Date('2026-11-30T12:40:00Z'));
    const otherKey = crypto.generateKeyPairSync('ed25519').privateKey;
    expect(() => checkVouchedEnvelope({ voucher, signature: signEnvelope(otherKey, mine) }, mine, hub.publicKey)).toThrow('not signed with the key');
    const changed = Buffer.from(mine);
    changed[changed.length - 1]! ^= 0x01;
    expect(() => checkVouchedEnvelope({ voucher, signature: signEnvelope(session.privateKey, mine) }, changed, hub.publicKey)).toThrow('not signed with the key');
    expect(() => checkVouchedEnvelope({ voucher, signature: signEnvelope(session.privateKey, mine) }, mine, generateReceiptKeyPair().publicKey)).toThrow('not signed by this hub');
  });
});
