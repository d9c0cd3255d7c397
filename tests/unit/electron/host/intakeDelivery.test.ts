// The hub's door for concerns sealed in a connect-mode outbox (decision 0024), over real HTTPS with its own certificate
// authority: the author's session delivers and gets a receipt that verifies for exactly those bytes; another account's
// envelope, an altered one and a delivery without the session or the app's header are tried as an attacker would.
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeQueue, issueVoucher, sealEnvelope, signEnvelope, verifyReceipt, type IntakeReceipt, type IntakeVoucher } from '../../../../electron/core/intake';
import { HUB_INTAKE_PATH, VOUCHED_DELIVERY_HEADER, connectModeWithOutbox, createPinnedClient, fetchHubKeys, type HubKeysSetting, type HubPin, type PinnedClient } from '../../../../electron/core/network';
import { writeConnectSettings } from '../../../../electron/core/network/enrolment';
import { generateReceiptKeyPair } from '../../../../electron/core/intake/receipt';
import { parseHubArguments, startHubFromArguments, type RunningHub } from '../../../../electron/host/hubMain';
import type { CommandInput } from '../../../../shared/api';
import { as } from '../../../fixtures/doors/as';
import { newCaller } from '../../../fixtures/doors/callers';
import { DSL_PASSWORD, cheapKdf, tempDataDir } from '../core/testSchool';

let running: RunningHub;
let pin: HubPin;
let keys: HubKeysSetting;
let dataDir: string;
const clients: PinnedClient[] = [];
const office = newCaller('test');
const staff: Record<'tom' | 'bea', { id: string; client: PinnedClient }> = {} as never;

type Delivered = { ok: boolean; value?: { receipt: IntakeReceipt; outcome: string }; error?: { code: string; message: string } };

function client(): PinnedClient {
  const made = createPinnedClient(pin, { timeoutMs: 20_000 });
  clients.push(made);
  return made;
}

const concern = (whatHappened: string): CommandInput<'concerns.submit'> => ({
  pupils: [],
  childDescribed: 'Amy in 5H',
  occurredDate: '2026-11-30',
  occurredTime: '10:15',
  location: 'Year 5 cloakroom',
  whatHappened,
});

const sealAs = (accountId: string, whatHappened: string) =>
  sealEnvelope(Buffer.from(keys.intake!.publicKey, 'base64'), { recordedAt: new Date(), accountId, body: concern(whatHappened) });

const deliver = (through: PinnedClient, bytes: Buffer) => through.request<Delivered>('POST', HUB_INTAKE_PATH, bytes);

const queued = (bytes: Buffer) => {
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  return intakeQueue(dataDir).read().records.filter((record) => record.sha256 === sha256).length;
};

const storedWith = (words: string) => running.hub.app.store!.prepare('SELECT count(*) FROM concerns WHERE what_happened = ?').pluck().get(words) as number;

/** A raw HTTPS request trusting the hub's root, so the test sets every header an attacker could. */
function raw(options: { headers: Record<string, string>; body: Buffer }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      { host: '127.0.0.1', port: running.hub.port, method: 'POST', path: HUB_INTAKE_PATH, headers: { Host: `localhost:${running.hub.port}`, ...options.headers }, ca: pin.caCertificatePem, servername: 'localhost' },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

beforeAll(async () => {
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Safeguarding Records</title>');
  dataDir = tempDataDir();
  running = await startHubFromArguments(parseHubArguments(['--listen', '127.0.0.1:0', '--name', 'localhost', '--data-dir', dataDir]), staticDir, { kdfCost: cheapKdf });
  pin = { hubUrl: `https://localhost:${running.hub.port}`, caCertificatePem: running.certificates.rootPem, spkiSha256: running.certificates.fingerprint.spkiSha256 };
  const app = running.hub.app;
  await as(app, office, 'setup.create', { school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' }, dsl: { username: 'dsl.jones', displayName: 'Priya Jones', password: DSL_PASSWORD } });
  await as(app, office, 'setup.confirmRecoveryKey', { confirmed: true });
  const tom = await as(app, office, 'accounts.create', { username: 'ta.smith', displayName: 'Tom Smith', role: 'staff', staffGroup: 'support', temporaryPassword: 'temporary password 1' });
  const bea = await as(app, office, 'accounts.create', { username: 'tb.jones', displayName: 'Bea Jones', role: 'staff', staffGroup: 'teaching', temporaryPassword: 'temporary password 2' });
  await as(app, office, 'session.signOut', {});
  for (const [who, account, temporary] of [['tom', tom, 'temporary password 1'], ['bea', bea, 'temporary password 2']] as const) {
    const through = client();
    const invoke = (command: string, input: unknown) => through.request<{ ok: boolean }>('POST', '/api/invoke', { command, input });
    expect((await invoke('session.signIn', { username: account.username, password: temporary })).json).toMatchObject({ ok: true });
    expect((await invoke('session.changePassword', { currentPassword: temporary, newPassword: `${who} chose this password` })).json).toMatchObject({ ok: true });
    staff[who] = { id: account.id, client: through };
  }
  const learned = await fetchHubKeys(client());
  expect(learned?.intake, 'the hub hands out its intake key while its records are locked').toBeDefined();
  keys = learned!;
}, 120_000);

afterAll(async () => {
  for (const made of clients) made.close();
  await running?.stop();
});

describe('a concern delivered from a connect-mode outbox', () => {
  it('is taken from its author’s session with a receipt for exactly those bytes, and stored once however often it arrives', async () => {
    const words = 'Amy said her stepdad locks her in the shed when she is naughty.';
    const sealed = sealAs(staff.tom.id, words);
    expect(running.hub.app.store, 'nobody who holds the key is signed in: the records are locked').toBeNull();

    const first = await deliver(staff.tom.client, sealed.bytes);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ ok: true, value: { outcome: 'waiting', receipt: { envelopeId: sealed.id } } });
    const receiptKey = Buffer.from(keys.receiptPublicKey, 'base64');
    expect(verifyReceipt(first.json!.value!.receipt, receiptKey, sealed.bytes)).toBe(true);
    // Its receipt lost on the way back, the client sends it again: a receipt again, and one copy in the queue.
    const again = await deliver(staff.tom.client, sealed.bytes);
    expect(verifyReceipt(again.json!.value!.receipt, receiptKey, sealed.bytes)).toBe(true);
    expect(queued(sealed.bytes)).toBe(1);

    // The DSL opens the records: it is stored, once.
    await as(running.hub.app, office, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect(storedWith(words)).toBe(1);
    const late = await deliver(staff.tom.client, sealed.bytes);
    expect(late.json).toMatchObject({ ok: true, value: { outcome: 'stored' } });
    expect(verifyReceipt(late.json!.value!.receipt, receiptKey, sealed.bytes)).toBe(true);
    expect(storedWith(words)).toBe(1);
    expect(queued(sealed.bytes)).toBe(0);
  });

  it('is refused when it names another account, and the attempt is in the audit log', async () => {
    const words = 'Written by Bea, delivered by Tom.';
    const sealed = sealAs(staff.bea.id, words);
    const refused = await deliver(staff.tom.client, sealed.bytes);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(queued(sealed.bytes)).toBe(0);
    expect(storedWith(words)).toBe(0);
    const audit = running.hub.app.store!.prepare("SELECT user_id AS userId, door, command, record_ids AS recordIds, outcome FROM audit_log WHERE command = 'intake.deliver'").all();
    expect(audit).toEqual([{ userId: staff.tom.id, door: 'https', command: 'intake.deliver', recordIds: JSON.stringify([sealed.id]), outcome: 'forbidden' }]);
    // Its author may deliver it.
    expect((await deliver(staff.bea.client, sealed.bytes)).json).toMatchObject({ ok: true, value: { outcome: 'stored' } });
    expect(storedWith(words)).toBe(1);
  });

  it('is set aside, never stored, when it was altered after sealing; bytes that are no envelope are refused', async () => {
    const words = 'Altered on its way: this must never reach the records.';
    const sealed = sealAs(staff.tom.id, words);
    const altered = Buffer.from(sealed.bytes);
    altered[altered.length - 20]! ^= 0x01;
    const answer = await deliver(staff.tom.client, altered);
    expect(answer.json).toMatchObject({ ok: true, value: { outcome: 'set_aside' } });
    expect(storedWith(words)).toBe(0);
    const setAside = running.hub.app.store!.prepare('SELECT envelope_id AS envelopeId, reason FROM intake_set_aside WHERE envelope_id = ?').all(sealed.id);
    expect(setAside).toEqual([{ envelopeId: sealed.id, reason: 'altered' }]);
    expect(queued(altered)).toBe(0);

    const plainWords = Buffer.from(JSON.stringify(concern('Not sealed at all')), 'utf8');
    const notAnEnvelope = await deliver(staff.tom.client, plainWords);
    expect(notAnEnvelope.status).toBe(400);
    expect(notAnEnvelope.json).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(queued(plainWords)).toBe(0);
  });

  it('is refused without a session, without the app’s header, from another site, or sent as anything but bytes', async () => {
    const sealed = sealAs(staff.tom.id, 'Tried without the session.');
    const cookie = staff.tom.client.cookies.header() ?? '';
    const bytes = { 'Content-Type': 'application/octet-stream' };
    expect((await raw({ headers: { ...bytes, 'X-Safeguarding-Request': '1' }, body: sealed.bytes })).status).toBe(401);
    expect((await raw({ headers: { ...bytes, Cookie: cookie }, body: sealed.bytes })).status).toBe(403);
    expect((await raw({ headers: { ...bytes, Cookie: cookie, 'X-Safeguarding-Request': '1', Origin: 'https://evil.example' }, body: sealed.bytes })).status).toBe(403);
    expect((await raw({ headers: { 'Content-Type': 'text/plain', Cookie: cookie, 'X-Safeguarding-Request': '1' }, body: sealed.bytes })).status).toBe(415);
    expect(queued(sealed.bytes)).toBe(0);
    // And /api/invoke takes no bytes.
    expect((await staff.tom.client.request('POST', '/api/invoke', sealed.bytes)).status).toBe(415);
  });
});

describe('a delivery with no session, under the voucher the hub gave while its author was signed in', () => {
  /** What a connect-mode computer holds for a signed-in person: a session key in memory, and the hub's voucher for it. */
  async function voucherFor(who: 'tom' | 'bea'): Promise<{ privateKey: crypto.KeyObject; voucher: IntakeVoucher }> {
    const pair = crypto.generateKeyPairSync('ed25519');
    const publicKey = Buffer.from(pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)).toString('base64');
    const answer = await staff[who].client.request<{ ok: boolean; value: IntakeVoucher }>('POST', '/api/invoke', { command: 'intake.voucher', input: { publicKey } });
    expect(answer.json).toMatchObject({ ok: true, value: { accountId: staff[who].id, role: 'staff', publicKey } });
    return { privateKey: pair.privateKey, voucher: answer.json!.value };
  }

  /** Sent as the outbox sends it, but with no cookie at all: the hub may have restarted since. */
  const deliverVouched = (bytes: Buffer, voucher: unknown, signature: string, extra: Record<string, string> = { 'X-Safeguarding-Request': '1' }) =>
    raw({ headers: { 'Content-Type': 'application/octet-stream', ...extra, [VOUCHED_DELIVERY_HEADER]: Buffer.from(JSON.stringify({ voucher, signature })).toString('base64url') }, body: bytes });

  // The DSL who signed in during the first tests is still signed in: the records are open, so rows are in the log at once.
  const refusedAudits = () => running.hub.app.store!.prepare("SELECT count(*) FROM audit_log WHERE command = 'intake.deliver' AND outcome = 'forbidden'").pluck().get() as number;

  it('is taken with no session, with a receipt for exactly those bytes, and audited in the author’s name', async () => {
    const { privateKey, voucher } = await voucherFor('tom');
    const words = 'Delivered after the hub restarted: Amy said she sleeps on the sofa at her uncle’s.';
    const sealed = sealAs(staff.tom.id, words);
    const answer = await deliverVouched(sealed.bytes, voucher, signEnvelope(privateKey, sealed.bytes));
    expect(answer.status).toBe(200);
    const { receipt } = (JSON.parse(answer.body) as { value: { receipt: IntakeReceipt } }).value;
    expect(verifyReceipt(receipt, Buffer.from(keys.receiptPublicKey, 'base64'), sealed.bytes)).toBe(true);
    expect(storedWith(words)).toBe(1);
    const row = running.hub.app.store!.prepare("SELECT user_id AS userId, role, client, outcome FROM audit_log WHERE command = 'intake.deliver' ORDER BY seq DESC LIMIT 1").get();
    expect(row).toEqual({ userId: staff.tom.id, role: 'staff', client: '127.0.0.1', outcome: 'ok' });
  });

  it('is refused for a forged or altered voucher, another key’s signature, another account’s envelope, or a time outside the voucher', async () => {
    const { privateKey, voucher } = await voucherFor('tom');
    const before = refusedAudits();
    const attempts: Array<[string, Buffer, unknown, string]> = [];
    const toms = sealAs(staff.tom.id, 'Tom’s own words, sent with a voucher that is not right.');
    // A voucher signed by a key that is not the hub's (an attacker who has only the hub's public keys).
    const stranger = issueVoucher(generateReceiptKeyPair(), { accountId: staff.tom.id, role: 'staff', publicKey: Buffer.from(voucher.publicKey, 'base64'), issuedAt: new Date(voucher.issuedAt), notAfter: new Date(voucher.notAfter) });
    attempts.push(['a voucher the hub never signed', toms.bytes, stranger, signEnvelope(privateKey, toms.bytes)]);
    // The hub's voucher with a field changed: a longer life, a reader's role, another person.
    attempts.push(['a voucher given a longer life', toms.bytes, { ...voucher, notAfter: '2099-01-01T00:00:00.000Z' }, signEnvelope(privateKey, toms.bytes)]);
    attempts.push(['a voucher given a DSL’s role', toms.bytes, { ...voucher, role: 'dsl' }, signEnvelope(privateKey, toms.bytes)]);
    const beas = sealAs(staff.bea.id, 'Sealed in Bea’s name by whoever holds Tom’s voucher.');
    attempts.push(['a voucher moved to Bea', beas.bytes, { ...voucher, accountId: staff.bea.id }, signEnvelope(privateKey, beas.bytes)]);
    // Tom's genuine voucher for an envelope in Bea's name.
    attempts.push(['Tom’s voucher for Bea’s envelope', beas.bytes, voucher, signEnvelope(privateKey, beas.bytes)]);
    // Signed with a key the voucher does not name.
    attempts.push(['a signature by another key', toms.bytes, voucher, signEnvelope(crypto.generateKeyPairSync('ed25519').privateKey, toms.bytes)]);
    // The envelope changed after it was signed (the signature is over every byte, header included).
    const altered = Buffer.from(toms.bytes);
    altered[altered.length - 1]! ^= 0x01;
    attempts.push(['an envelope changed after signing', altered, voucher, signEnvelope(privateKey, toms.bytes)]);
    // Recorded long before the voucher was issued: a voucher cannot reach back to envelopes made without it.
    const early = sealEnvelope(Buffer.from(keys.intake!.publicKey, 'base64'), { recordedAt: new Date(new Date(voucher.issuedAt).getTime() - 3_600_000), accountId: staff.tom.id, body: concern('Recorded an hour before the voucher.') });
    attempts.push(['an envelope recorded before its voucher', early.bytes, voucher, signEnvelope(privateKey, early.bytes)]);

    for (const [what, bytes, forged, signature] of attempts) {
      const answer = await deliverVouched(bytes, forged, signature);
      expect([what, answer.status]).toEqual([what, 403]);
      expect([what, queued(bytes)]).toEqual([what, 0]);
    }
    expect(storedWith('Sealed in Bea’s name by whoever holds Tom’s voucher.')).toBe(0);
    expect(refusedAudits()).toBe(before + attempts.length);
  });

  it('is refused when the voucher is unreadable or the app’s header is missing', async () => {
    const { privateKey, voucher } = await voucherFor('bea');
    const sealed = sealAs(staff.bea.id, 'Bea’s, sent without the header.');
    const signature = signEnvelope(privateKey, sealed.bytes);
    expect((await deliverVouched(sealed.bytes, voucher, signature, {})).status).toBe(403);
    const garbled = await raw({ headers: { 'Content-Type': 'application/octet-stream', 'X-Safeguarding-Request': '1', [VOUCHED_DELIVERY_HEADER]: 'not-a-voucher' }, body: sealed.bytes });
    expect(garbled.status).toBe(400);
    expect(queued(sealed.bytes)).toBe(0);
    // And a voucher is only for a session that may log concerns: a key of the wrong length is refused at the command.
    const wrongLength = await staff.bea.client.request('POST', '/api/invoke', { command: 'intake.voucher', input: { publicKey: crypto.randomBytes(31).toString('base64') } });
    expect(wrongLength.json).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('connect mode’s outbox against a hub that answers', () => {
  /** A computer enrolled with this hub, its connect.json written as enrolment writes it (with `hubKeys` as given). */
  function enrolledComputer(hubKeys: HubKeysSetting, hubUrl = pin.hubUrl) {
    const dir = tempDataDir();
    writeConnectSettings(dir, { version: 1, hubUrl, caCertificatePem: pin.caCertificatePem, spkiSha256: pin.spkiSha256, enrolledAt: new Date().toISOString(), hubKeys });
    const connect = connectModeWithOutbox({ client: createPinnedClient({ ...pin, hubUrl }, { timeoutMs: 5_000 }), dataDir: dir, retryMs: { first: 100, max: 1_000 } });
    return { dir, connect };
  }

  it('seals nothing when nobody has signed in since the app started: the words stay on screen', async () => {
    const { dir, connect } = enrolledComputer(keys, 'https://localhost:1');
    const reply = await connect.invoke('concerns.submit', concern('Nobody is signed in on this computer yet.'));
    expect(reply).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/not answering/) } });
    expect(fs.readdirSync(dir)).toEqual(['connect.json']);
  });

  it('passes the hub’s own refusal through and seals nothing', async () => {
    const { connect } = enrolledComputer(keys);
    expect(await connect.invoke('session.signIn', { username: 'tb.jones', password: 'bea chose this password' })).toMatchObject({ ok: true });
    const refused = await connect.invoke('concerns.submit', { ...concern(''), whatHappened: '   ' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(connect.outbox.waiting().envelopes).toEqual([]);
  });

  it('keeps an envelope whose receipt does not verify under the key kept at enrolment, and clears it under the right one', async () => {
    const forged = enrolledComputer({ ...keys, receiptPublicKey: generateReceiptKeyPair().publicKey.toString('base64') });
    expect(await forged.connect.invoke('session.signIn', { username: 'tb.jones', password: 'bea chose this password' })).toMatchObject({ ok: true });
    expect(await forged.connect.invoke('app.status', {})).toMatchObject({ ok: true, value: { state: 'signed_in' } });
    const sealed = sealAs(staff.bea.id, 'Sealed on a computer that kept the wrong receipt key.');
    forged.connect.outbox.add(sealed.bytes);
    expect(await forged.connect.deliverNow()).toMatchObject({ delivered: [], waiting: 1, stoppedBy: 'receipt_not_verified' });
    expect(forged.connect.outbox.waiting().envelopes.map((envelope) => envelope.envelopeId)).toEqual([sealed.id]);

    const right = enrolledComputer(keys);
    expect(await right.connect.invoke('session.signIn', { username: 'tb.jones', password: 'bea chose this password' })).toMatchObject({ ok: true });
    expect(await right.connect.invoke('app.status', {})).toMatchObject({ ok: true, value: { state: 'signed_in' } });
    right.connect.outbox.add(sealed.bytes);
    expect(await right.connect.deliverNow()).toMatchObject({ delivered: [sealed.id], waiting: 0, stoppedBy: null });
    expect(storedWith('Sealed on a computer that kept the wrong receipt key.')).toBe(1);
  });

  it('delivers only the signed-in person’s envelopes: another account’s wait for their own sign-in', async () => {
    const { connect } = enrolledComputer(keys);
    expect(await connect.invoke('session.signIn', { username: 'ta.smith', password: 'tom chose this password' })).toMatchObject({ ok: true });
    expect(await connect.invoke('app.status', {})).toMatchObject({ ok: true, value: { state: 'signed_in' } });
    const toms = sealAs(staff.tom.id, 'Tom’s, delivered by Tom.');
    const beas = sealAs(staff.bea.id, 'Bea’s, left for Bea.');
    connect.outbox.add(beas.bytes);
    connect.outbox.add(toms.bytes);
    expect(await connect.deliverNow()).toMatchObject({ delivered: [toms.id], waiting: 1 });
    expect(connect.outbox.waiting().envelopes.map((envelope) => envelope.envelopeId)).toEqual([beas.id]);
    expect(await connect.invoke('app.status', {})).toMatchObject({ ok: true, value: { outboxWaiting: 0 } });
  });
});
