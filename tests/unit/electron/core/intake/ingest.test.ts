// Ingestion into the real encrypted store: each sealed concern stored once, as its author recorded it, with its
// audit row; whatever cannot be stored set aside with the reason, in the file and in the store for the DSL.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { integrityCheck, verifyAuditChain } from '../../../../../electron/core/audit';
import { readConcern } from '../../../../../electron/core/concerns';
import { sealEnvelope } from '../../../../../electron/core/intake/envelope';
import { generateKeyPair } from '../../../../../electron/core/intake/hpke';
import { ingestQueue } from '../../../../../electron/core/intake/ingest';
import { INTAKE_PUBLIC_KEY_FILE, ensureIntakeKey, readIntakePublicKey } from '../../../../../electron/core/intake/intakeKeys';
import { INTAKE_QUEUE_FILE, intakeQueue } from '../../../../../electron/core/intake/intakeQueue';
import { Outbox, deliverWaiting } from '../../../../../electron/core/intake/outbox';
import { generateReceiptKeyPair, signReceipt } from '../../../../../electron/core/intake/receipt';
import { concernAbout, intakeSchool, sealedConcern } from '../../../../fixtures/intake/intakeSchool';
import { writeTransaction } from '../../../../../electron/core/store';
import { tempDataDir } from '../testSchool';

const INGESTED_AT = new Date('2026-11-23T15:05:00Z');
const countConcerns = (school: Awaited<ReturnType<typeof intakeSchool>>) => school.db.prepare('SELECT count(*) FROM concerns').pluck().get() as number;

describe('ingesting sealed concerns', () => {
  it('stores each as its author recorded it, with an audit row in their name, and empties the queue', async () => {
    const school = await intakeSchool();
    const sealed = [0, 1, 2].map((index) => sealedConcern(school, index));
    for (const envelope of sealed) intakeQueue(school.dataDir).append(envelope.bytes);

    const summary = ingestQueue(school.db, school.dataDir, INGESTED_AT);
    expect(summary.stored).toHaveLength(3);
    expect(summary.setAside).toEqual([]);
    for (const [index, stored] of summary.stored.entries()) {
      const concern = readConcern(school.db, stored.concernId)!;
      expect(concern).toMatchObject({ authorId: school.supervisor.id, recordedAt: `2026-11-23T12:40:0${index}.000Z`, status: 'new', whatHappened: concernAbout(school.amy.id, index).whatHappened });
      expect(concern.pupils).toEqual([{ pupilId: school.amy.id, part: 'subject' }]);
      const audit = school.db.prepare("SELECT * FROM audit_log WHERE door = 'intake' AND record_ids LIKE ?").get(`%${stored.concernId}%`) as Record<string, string>;
      expect(audit).toMatchObject({ user_id: school.supervisor.id, role: 'staff', command: 'concerns.submit', outcome: 'ok', at: INGESTED_AT.toISOString() });
      expect(JSON.parse(audit.record_ids!)).toEqual([stored.concernId, sealed[index]!.id, school.amy.id]);
    }
    expect(verifyAuditChain(school.db).ok).toBe(true);
    expect(fs.statSync(path.join(school.dataDir, INTAKE_QUEUE_FILE)).size).toBe(0);
  });

  it('stores a concern that names the child in words and chooses no pupil, with the words as typed', async () => {
    const school = await intakeSchool();
    const envelope = sealedConcern(school, 0, { pupils: [], childDescribed: 'Amy in 5H (red coat)' });
    intakeQueue(school.dataDir).append(envelope.bytes);
    const summary = ingestQueue(school.db, school.dataDir, INGESTED_AT);
    expect(summary.setAside).toEqual([]);
    const concern = readConcern(school.db, summary.stored[0]!.concernId)!;
    expect(concern).toMatchObject({ authorId: school.supervisor.id, childDescribed: 'Amy in 5H (red coat)', pupils: [], status: 'new' });
    const audit = school.db.prepare("SELECT record_ids FROM audit_log WHERE door = 'intake'").pluck().get() as string;
    expect(JSON.parse(audit)).toEqual([concern.id, envelope.id]);
  });

  it('sets aside an envelope that neither chooses a pupil nor names the child, saying why', async () => {
    const school = await intakeSchool();
    intakeQueue(school.dataDir).append(sealedConcern(school, 0, { pupils: [], childDescribed: '' }).bytes);
    const summary = ingestQueue(school.db, school.dataDir, INGESTED_AT);
    expect(summary.stored).toEqual([]);
    expect(summary.setAside.map((entry) => [entry.reason, entry.detail])).toEqual([['unreadable', expect.stringMatching(/type the child’s name and class/)]]);
  });

  it('stores an envelope once however often it arrives, even after the queue has been compacted', async () => {
    const school = await intakeSchool();
    const envelope = sealedConcern(school, 1);
    const queue = intakeQueue(school.dataDir);
    queue.append(envelope.bytes);
    queue.append(envelope.bytes); // the client never saw its receipt and sent it again
    expect(ingestQueue(school.db, school.dataDir, INGESTED_AT)).toMatchObject({ stored: [{ envelopeId: envelope.id }], duplicates: 1 });
    queue.append(envelope.bytes); // and once more, a day later
    expect(ingestQueue(school.db, school.dataDir, INGESTED_AT)).toMatchObject({ stored: [], duplicates: 1 });
    expect(countConcerns(school)).toBe(1);
    expect(school.db.prepare("SELECT count(*) FROM audit_log WHERE door = 'intake'").pluck().get()).toBe(1);
  });

  it('keeps each author’s own time when envelopes arrive out of order', async () => {
    const school = await intakeSchool();
    const sealed = [0, 1, 2, 3].map((index) => sealedConcern(school, index));
    for (const envelope of [...sealed].reverse()) intakeQueue(school.dataDir).append(envelope.bytes);
    ingestQueue(school.db, school.dataDir, INGESTED_AT);
    const byRecordedTime = school.db.prepare('SELECT what_happened FROM concerns ORDER BY recorded_at').pluck().all() as string[];
    expect(byRecordedTime.map((text) => text.slice(0, 10))).toEqual(['Concern 0:', 'Concern 1:', 'Concern 2:', 'Concern 3:']);
  });

  it('does not let a computer whose clock runs ahead date a concern after it reached the hub', async () => {
    const school = await intakeSchool();
    const fromTheFuture = sealEnvelope(school.intakePublicKey, { recordedAt: new Date('2026-11-23T18:00:00Z'), accountId: school.supervisor.id, body: concernAbout(school.amy.id) });
    intakeQueue(school.dataDir).append(fromTheFuture.bytes);
    const [stored] = ingestQueue(school.db, school.dataDir, INGESTED_AT).stored;
    expect(readConcern(school.db, stored!.concernId)!.recordedAt).toBe(INGESTED_AT.toISOString());
  });

  it('lists immediate danger first for the DSL who unlocks the hub', async () => {
    const school = await intakeSchool();
    intakeQueue(school.dataDir).append(sealedConcern(school, 0).bytes);
    const danger = sealedConcern(school, 1, { immediateDanger: true, spokenToDslInPerson: 'no' });
    intakeQueue(school.dataDir).append(danger.bytes);
    const summary = ingestQueue(school.db, school.dataDir, INGESTED_AT);
    expect(summary.stored.map((stored) => [stored.envelopeId, stored.immediateDanger])).toEqual([
      [danger.id, true],
      [expect.any(String), false],
    ]);
  });

  it('sets aside an altered envelope, one for another hub and a torn one, stores the good ones, and tells the store why', async () => {
    const school = await intakeSchool();
    const queue = intakeQueue(school.dataDir);
    const good = sealedConcern(school, 0);
    const altered = Buffer.from(sealedConcern(school, 1).bytes);
    altered[altered.length - 40]! ^= 0x01;
    const forAnotherHub = sealEnvelope(generateKeyPair().publicKey, { recordedAt: new Date('2026-11-23T12:41:00Z'), accountId: school.supervisor.id, body: concernAbout(school.amy.id) });
    queue.append(good.bytes);
    queue.append(altered);
    queue.append(forAnotherHub.bytes);
    queue.append(sealedConcern(school, 3).bytes);
    const file = path.join(school.dataDir, INTAKE_QUEUE_FILE);
    fs.truncateSync(file, fs.statSync(file).size - 100); // the last one's write cut short by a power cut

    const summary = ingestQueue(school.db, school.dataDir, INGESTED_AT);
    expect(summary.stored.map((stored) => stored.envelopeId)).toEqual([good.id]);
    expect(summary.setAside.map((entry) => entry.reason).sort()).toEqual(['altered', 'truncated', 'wrong_key']);
    const inStore = school.db.prepare('SELECT reason, envelope_id AS envelopeId, noticed_at AS noticedAt FROM intake_set_aside ORDER BY reason').all();
    expect(inStore).toEqual([
      { reason: 'altered', envelopeId: expect.any(String), noticedAt: null },
      { reason: 'truncated', envelopeId: null, noticedAt: null },
      { reason: 'wrong_key', envelopeId: forAnotherHub.id, noticedAt: null },
    ]);
    expect(intakeQueue(school.dataDir).readSetAside()).toHaveLength(3);
    expect(fs.statSync(file).size).toBe(0);
    // A second round finds nothing new to tell.
    expect(ingestQueue(school.db, school.dataDir, INGESTED_AT).setAside).toEqual([]);
  });

  it('sets aside a concern about a pupil no longer on the roster, or from an account the school never had, with the reason', async () => {
    const school = await intakeSchool();
    const queue = intakeQueue(school.dataDir);
    queue.append(sealedConcern({ ...school, amy: { ...school.amy, id: '0192f5a0-7c1e-7000-8000-00000000dead' } }, 0).bytes);
    queue.append(sealedConcern({ ...school, supervisor: { ...school.supervisor, id: '0192f5a0-7c1e-7000-8000-0000000fffff' } }, 1).bytes);
    const summary = ingestQueue(school.db, school.dataDir, INGESTED_AT);
    expect(summary.stored).toEqual([]);
    expect(summary.setAside.map((entry) => [entry.reason, entry.detail])).toEqual([
      ['rejected', expect.stringMatching(/not on the roster/)],
      ['unknown_account', expect.stringMatching(/No account/)],
    ]);
    expect(countConcerns(school)).toBe(0);
  });

  it('keeps the intake private key in the store and only the public key beside it', async () => {
    const school = await intakeSchool();
    expect(readIntakePublicKey(school.dataDir)!.publicKey.equals(school.intakePublicKey)).toBe(true);
    const privateKey = school.db.prepare('SELECT private_key FROM intake_keys').pluck().get() as Buffer;
    for (const name of fs.readdirSync(school.dataDir).filter((entry) => fs.statSync(path.join(school.dataDir, entry)).isFile())) {
      expect([name, fs.readFileSync(path.join(school.dataDir, name)).includes(privateKey)]).toEqual([name, false]);
      expect([name, fs.readFileSync(path.join(school.dataDir, name)).includes(privateKey.toString('base64'))]).toEqual([name, false]);
    }
    expect(fs.existsSync(path.join(school.dataDir, INTAKE_PUBLIC_KEY_FILE))).toBe(true);
    // One current key at a time: a second, unretired one would leave clients and hub disagreeing about where to seal.
    const another = generateKeyPair();
    const addCurrent = () => school.db.prepare("INSERT INTO intake_keys (key_id, private_key, public_key, created_at) VALUES ('other', ?, ?, '2026-11-23T08:00:00Z')").run(another.privateKey, another.publicKey);
    expect(addCurrent).toThrow(/UNIQUE/);
  });

  it('refuses a public key file whose key no longer matches its id, and writes it again from the store at the next unlock', async () => {
    const school = await intakeSchool();
    const file = path.join(school.dataDir, INTAKE_PUBLIC_KEY_FILE);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { publicKey: string };
    fs.writeFileSync(file, JSON.stringify({ ...stored, publicKey: generateKeyPair().publicKey.toString('base64') }));
    expect(() => readIntakePublicKey(school.dataDir)).toThrow(/has been changed/);
    writeTransaction(school.db, () => ensureIntakeKey(school.db, school.dataDir, INGESTED_AT));
    expect(readIntakePublicKey(school.dataDir)!.publicKey.equals(school.intakePublicKey)).toBe(true);
  });

  it('receives 50 concerns from a client whose hub was down, each exactly once, and leaves its outbox empty', async () => {
    const school = await intakeSchool();
    const receiptKey = generateReceiptKeyPair();
    const outbox = new Outbox(tempDataDir());
    for (let index = 0; index < 50; index += 1) outbox.add(sealedConcern(school, index).bytes);
    let hubUp = false;
    let sends = 0;
    const send = async (envelope: Buffer) => {
      if (!hubUp) throw new Error('connect ECONNREFUSED');
      intakeQueue(school.dataDir).append(envelope);
      sends += 1;
      if (sends % 9 === 0) throw new Error('socket hang up'); // queued, but the receipt is lost: sent again later
      return signReceipt(receiptKey, envelope, new Date());
    };
    expect((await deliverWaiting(outbox, send, receiptKey.publicKey)).stillWaiting).toBe(50);
    hubUp = true;
    for (let round = 0; round < 10 && outbox.waiting().envelopes.length > 0; round += 1) await deliverWaiting(outbox, send, receiptKey.publicKey);
    expect(outbox.waiting().envelopes).toEqual([]);

    const summary = ingestQueue(school.db, school.dataDir, INGESTED_AT);
    expect(summary.stored).toHaveLength(50);
    expect(summary.duplicates).toBeGreaterThan(0);
    expect(countConcerns(school)).toBe(50);
    expect(integrityCheck(school.db).ok).toBe(true);
  });
});
