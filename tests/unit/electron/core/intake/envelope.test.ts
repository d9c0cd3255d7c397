// The sealed envelope tried as someone holding the queue file would try it: edit, cut, swap, re-address.
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { EnvelopeError, intakeKeyId, openEnvelope, readEnvelopeHeader, sealEnvelope, type EnvelopeFailure } from '../../../../../electron/core/intake/envelope';
import { generateKeyPair } from '../../../../../electron/core/intake/hpke';

const hub = generateKeyPair();
const accountId = '0192f5a0-7c1e-7000-8000-00000000a11c';
const recordedAt = new Date('2026-11-23T12:40:07.123Z');
const concern = { whatHappened: 'Jayden said his stepdad locks him in the shed', childWords: 'I have to sleep out there' };

function failureOf(open: () => unknown): EnvelopeFailure | 'opened' {
  try {
    open();
    return 'opened';
  } catch (error) {
    if (error instanceof EnvelopeError) return error.reason;
    throw error;
  }
}

/** Offsets of the version 1 layout, for an account id of `accountLength` bytes. */
const layout = (accountLength: number) => ({ version: 4, id: 5, recordedAt: 21, keyId: 29, account: 38, enc: 38 + accountLength, ciphertextLength: 70 + accountLength, ciphertext: 74 + accountLength });

describe('the sealed concern envelope', () => {
  it('opens to what was sealed, with the submitter’s id, account and own recorded time', () => {
    const id = uuidv7();
    const sealed = sealEnvelope(hub.publicKey, { id, recordedAt, accountId, body: concern });
    expect(sealed.id).toBe(id);
    const opened = openEnvelope(sealed.bytes, hub.privateKey);
    expect(opened.body).toEqual(concern);
    expect(opened.header).toEqual({ version: 1, id, recordedAt: '2026-11-23T12:40:07.123Z', accountId, keyId: intakeKeyId(hub.publicKey).toString('hex') });
  });

  it('shows the header without the key (a locked hub knows the id and sender), and none of the words', () => {
    const sealed = sealEnvelope(hub.publicKey, { recordedAt, accountId, body: concern });
    expect(readEnvelopeHeader(sealed.bytes)).toMatchObject({ id: sealed.id, accountId, recordedAt: recordedAt.toISOString() });
    for (const word of ['Jayden', 'stepdad', 'shed', 'sleep']) expect(sealed.bytes.includes(Buffer.from(word))).toBe(false);
  });

  it('gives a one-line note and a long account the same length, so the size does not hint at the contents', () => {
    const short = sealEnvelope(hub.publicKey, { recordedAt, accountId, body: { whatHappened: 'Bruise on arm' } });
    const longer = sealEnvelope(hub.publicKey, { recordedAt, accountId, body: { whatHappened: 'Bruise on arm. '.repeat(10) } });
    expect(short.bytes.length).toBe(longer.bytes.length);
  });

  it('refuses to open if any byte of the header, enc or ciphertext is changed', () => {
    const sealed = sealEnvelope(hub.publicKey, { recordedAt, accountId, body: concern });
    const at = layout(Buffer.byteLength(accountId));
    const places = { id: at.id + 15, recordedAt: at.recordedAt + 7, account: at.account + 3, enc: at.enc + 10, ciphertext: at.ciphertext + 5, tag: sealed.bytes.length - 1 };
    for (const [part, offset] of Object.entries(places)) {
      const altered = Buffer.from(sealed.bytes);
      altered[offset]! ^= 0x01;
      expect([part, failureOf(() => openEnvelope(altered, hub.privateKey))]).toEqual([part, 'altered']);
    }
  });

  it('refuses an earlier time or another account put on someone’s envelope', () => {
    const sealed = sealEnvelope(hub.publicKey, { recordedAt, accountId, body: concern });
    const backdated = Buffer.from(sealed.bytes);
    backdated.writeBigInt64BE(BigInt(recordedAt.getTime() - 86_400_000), 21);
    expect(failureOf(() => openEnvelope(backdated, hub.privateKey))).toBe('altered');
    const otherAccount = Buffer.from(sealed.bytes);
    Buffer.from('0192f5a0-7c1e-7000-8000-0000000b0b00').copy(otherAccount, 38);
    expect(failureOf(() => openEnvelope(otherAccount, hub.privateKey))).toBe('altered');
  });

  it('refuses one envelope’s header put on another’s sealed contents', () => {
    const first = sealEnvelope(hub.publicKey, { recordedAt, accountId, body: concern });
    const second = sealEnvelope(hub.publicKey, { recordedAt, accountId, body: { whatHappened: 'something else' } });
    const at = layout(Buffer.byteLength(accountId));
    const firstHeadSecondBody = Buffer.concat([first.bytes.subarray(0, at.ciphertext), second.bytes.subarray(at.ciphertext)]);
    const firstHeadSecondEnc = Buffer.concat([first.bytes.subarray(0, at.enc), second.bytes.subarray(at.enc, at.ciphertextLength), first.bytes.subarray(at.ciphertextLength)]);
    expect(failureOf(() => openEnvelope(firstHeadSecondBody, hub.privateKey))).toBe('altered');
    expect(failureOf(() => openEnvelope(firstHeadSecondEnc, hub.privateKey))).toBe('altered');
  });

  it('says "truncated" for an envelope cut short at any length', () => {
    const sealed = sealEnvelope(hub.publicKey, { recordedAt, accountId, body: concern });
    for (let length = 0; length < sealed.bytes.length; length += 1) {
      expect([length, failureOf(() => openEnvelope(sealed.bytes.subarray(0, length), hub.privateKey))]).toEqual([length, 'truncated']);
    }
  });

  it('says "wrong key" for an envelope sealed to another hub, and "altered" if it is re-addressed to this one', () => {
    const otherHub = generateKeyPair();
    const sealed = sealEnvelope(otherHub.publicKey, { recordedAt, accountId, body: concern });
    expect(failureOf(() => openEnvelope(sealed.bytes, hub.privateKey))).toBe('wrong_key');
    const readdressed = Buffer.from(sealed.bytes);
    intakeKeyId(hub.publicKey).copy(readdressed, 29);
    expect(failureOf(() => openEnvelope(readdressed, hub.privateKey))).toBe('altered');
  });

  it('says "unknown version" for a newer envelope, "malformed" for bytes after the end, and "not an envelope" for anything else', () => {
    const sealed = sealEnvelope(hub.publicKey, { recordedAt, accountId, body: concern });
    const newer = Buffer.from(sealed.bytes);
    newer[4] = 2;
    expect(failureOf(() => openEnvelope(newer, hub.privateKey))).toBe('unknown_version');
    expect(failureOf(() => openEnvelope(Buffer.concat([sealed.bytes, Buffer.of(0)]), hub.privateKey))).toBe('malformed');
    expect(failureOf(() => openEnvelope(Buffer.from('{"whatHappened":"plain text"}'), hub.privateKey))).toBe('not_an_envelope');
  });
});
