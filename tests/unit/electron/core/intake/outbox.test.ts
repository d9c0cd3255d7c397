// The client's outbox and the hub's receipts: the words never reach the disk in plain text, and only the pinned hub's
// receipt for exactly the bytes sent clears an envelope.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sealEnvelope } from '../../../../../electron/core/intake/envelope';
import { generateKeyPair } from '../../../../../electron/core/intake/hpke';
import { Outbox, deliverWaiting } from '../../../../../electron/core/intake/outbox';
import { generateReceiptKeyPair, intakeReceiptSchema, loadOrCreateReceiptKey, signReceipt, verifyReceipt, type IntakeReceipt } from '../../../../../electron/core/intake/receipt';
import { tempDataDir } from '../testSchool';

const hubIntake = generateKeyPair();
const hubReceipts = generateReceiptKeyPair();
const accountId = '0192f5a0-7c1e-7000-8000-00000000a11c';

const words = ['Amelia', 'bruises', 'cigarette', 'burns', 'uncle', 'Don’t tell anyone'];
const concernNumber = (index: number) => ({
  whatHappened: `Concern ${index}: Amelia showed me round marks like cigarette burns on her wrist; she said her uncle did it.`,
  childWords: 'Don’t tell anyone, he said he would hurt the dog',
  location: 'Year 4 cloakroom, bruises seen at 12:40',
});
const seal = (index: number) => sealEnvelope(hubIntake.publicKey, { recordedAt: new Date(Date.UTC(2026, 10, 23, 12, 40, index)), accountId, body: concernNumber(index) });

afterEach(() => vi.restoreAllMocks());

describe('receipts', () => {
  it('verify for the envelope they were signed for, under the hub’s key', () => {
    const sealed = seal(1);
    const receipt = signReceipt(hubReceipts, sealed.bytes, new Date('2026-11-23T12:40:02Z'));
    expect(receipt).toMatchObject({ envelopeId: sealed.id, queuedAt: '2026-11-23T12:40:02.000Z' });
    // As it arrives over the network: its shape is checked before anything trusts it.
    expect(intakeReceiptSchema.parse(JSON.parse(JSON.stringify(receipt)))).toEqual(receipt);
    expect(intakeReceiptSchema.safeParse({ ...receipt, envelopeSha256: 'not a hash' }).success).toBe(false);
    expect(verifyReceipt(receipt, hubReceipts.publicKey, sealed.bytes)).toBe(true);
  });

  it('do not verify when forged by another key, edited, or shown for other bytes', () => {
    const sealed = seal(1);
    const other = seal(2);
    const receipt = signReceipt(hubReceipts, sealed.bytes, new Date());
    expect(verifyReceipt(signReceipt(generateReceiptKeyPair(), sealed.bytes, new Date()), hubReceipts.publicKey, sealed.bytes)).toBe(false);
    expect(verifyReceipt({ ...receipt, queuedAt: '2026-11-24T09:00:00.000Z' }, hubReceipts.publicKey, sealed.bytes)).toBe(false);
    expect(verifyReceipt({ ...receipt, envelopeId: other.id }, hubReceipts.publicKey, sealed.bytes)).toBe(false);
    expect(verifyReceipt(receipt, hubReceipts.publicKey, other.bytes)).toBe(false);
    expect(verifyReceipt({ ...receipt, signature: 'AAAA' }, hubReceipts.publicKey, sealed.bytes)).toBe(false);
  });

  it('are signed by one key kept owner-only beside the store, the same after a restart', () => {
    const dataDir = tempDataDir();
    const first = loadOrCreateReceiptKey(dataDir);
    const again = loadOrCreateReceiptKey(dataDir);
    expect(again.publicKey.equals(first.publicKey)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(`${dataDir}/intake-receipt-key.json`).mode & 0o077).toBe(0);
  });
});

describe('the outbox', () => {
  it('never holds a word of the concerns in plain text', () => {
    const outbox = new Outbox(tempDataDir());
    for (let index = 0; index < 10; index += 1) outbox.add(seal(index).bytes);
    const onDisk = fs.readFileSync(outbox.file);
    for (const word of words) {
      expect([word, onDisk.includes(Buffer.from(word, 'utf8'))]).toEqual([word, false]);
      expect([word, onDisk.includes(Buffer.from(word, 'utf16le'))]).toEqual([word, false]);
    }
    expect(outbox.waiting().envelopes).toHaveLength(10);
  });

  it('refuses anything that is not a sealed envelope, so the words cannot be written by mistake', () => {
    const outbox = new Outbox(tempDataDir());
    expect(() => outbox.add(Buffer.from(JSON.stringify(concernNumber(1))))).toThrow();
    expect(fs.existsSync(outbox.file)).toBe(false);
  });

  it('lets an envelope go only on the pinned hub’s receipt for it', () => {
    const outbox = new Outbox(tempDataDir());
    const [first, second] = [seal(1), seal(2)];
    outbox.add(first.bytes);
    outbox.add(second.bytes);
    const impostor = generateReceiptKeyPair();
    expect(outbox.clear(signReceipt(impostor, first.bytes, new Date()), hubReceipts.publicKey)).toBe(false);
    expect(outbox.clear({ ...signReceipt(hubReceipts, second.bytes, new Date()), envelopeId: first.id }, hubReceipts.publicKey)).toBe(false);
    expect(outbox.waiting().envelopes.map((envelope) => envelope.envelopeId)).toEqual([first.id, second.id]);
    expect(outbox.clear(signReceipt(hubReceipts, first.bytes, new Date()), hubReceipts.publicKey)).toBe(true);
    expect(outbox.waiting().envelopes.map((envelope) => envelope.envelopeId)).toEqual([second.id]);
  });

  it('keeps every envelope if clearing one fails half-way (a crash or a full disk)', () => {
    const outbox = new Outbox(tempDataDir());
    for (let index = 0; index < 3; index += 1) outbox.add(seal(index).bytes);
    const [first] = outbox.waiting().envelopes;
    vi.spyOn(fs, 'renameSync').mockImplementationOnce(() => {
      throw new Error('power cut');
    });
    expect(() => outbox.clear(signReceipt(hubReceipts, first!.bytes, new Date()), hubReceipts.publicKey)).toThrow('power cut');
    expect(outbox.waiting().envelopes).toHaveLength(3);
  });

  it('delivers what waits when the hub answers, stops while it does not, and ends empty', async () => {
    const outbox = new Outbox(tempDataDir());
    const sealed = Array.from({ length: 50 }, (_, index) => seal(index));
    for (const envelope of sealed) outbox.add(envelope.bytes);
    const arrived: Buffer[] = [];
    let hubUp = false;
    let sends = 0;
    const send = async (envelope: Buffer): Promise<IntakeReceipt> => {
      sends += 1;
      if (!hubUp) throw new Error('connect ECONNREFUSED');
      // Every seventh receipt is lost on the way back: the hub has it, the client sends it again.
      arrived.push(envelope);
      if (sends % 7 === 0) throw new Error('socket hang up');
      return signReceipt(hubReceipts, envelope, new Date());
    };
    const whileDown = await deliverWaiting(outbox, send, hubReceipts.publicKey);
    expect(whileDown).toMatchObject({ delivered: [], stillWaiting: 50 });
    hubUp = true;
    let rounds = 0;
    while (outbox.waiting().envelopes.length > 0 && rounds < 20) {
      await deliverWaiting(outbox, send, hubReceipts.publicKey);
      rounds += 1;
    }
    expect(outbox.waiting().envelopes).toEqual([]);
    // Every concern reached the hub, some more than once: the hub's ingestion stores each once (ingest.test.ts).
    expect(new Set(arrived.map((bytes) => bytes.toString('hex'))).size).toBe(50);
    expect(arrived.length).toBeGreaterThan(50);
  });
});
