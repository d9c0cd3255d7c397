// Issue 16, "Out of reach": the hub stops while a member of staff submits 50 concerns from a connect-mode computer.
// Each is sealed into that computer's outbox (never a word of it in plain text on its disk) and signed with the session
// key the hub vouched for; the hub is started again on the same folder — and the app on her computer too — and with
// nobody signed in anywhere the outbox empties by itself under the vouchers; after a DSL signs in every one of the 50 is
// in the records exactly once. The hub is a process of its own, stopped and restarted for real; the client is connect
// mode's own transport over real TLS.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { SAVED_ON_THIS_COMPUTER, connectModeWithOutbox, createPinnedClient, enrolWithHub, type ConnectMode, type PinnedClient } from '../../../../electron/core/network';
import { PERIOD_SECONDS, codeAt, timeStepAt } from '../../../../electron/core/secondFactor';
import type { CommandInput } from '../../../../shared/api';
import { DSL_PASSWORD, newApp, tempDataDir } from '../core/testSchool';

interface HubAnswer {
  origin: string;
  rootPem: string;
  spkiSha256: string;
  restarted: boolean;
  totpSecret: string | null;
  recoveryCodes: string[];
}

const running: ChildProcess[] = [];
const clients: PinnedClient[] = [];
let connect: ConnectMode | undefined;

/** The hub fixture in a process of its own, on `listen`; resolves with the line it prints once it is serving. */
function startHub(dataDir: string, listen: string): Promise<{ child: ChildProcess; answer: HubAnswer }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/hub/hubProcess.ts', '--listen', listen, '--name', 'localhost', '--data-dir', dataDir], {
    env: { ...process.env, SAFEGUARDING_PASSWORD: DSL_PASSWORD },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, answer: JSON.parse(line) as HubAnswer }));
    child.once('exit', (code) => reject(new Error(`the hub exited with ${code} before answering`)));
  });
}

async function stopHub(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

afterAll(async () => {
  connect?.stop();
  for (const made of clients) made.close();
  for (const child of running) await stopHub(child);
});

const STAFF_PASSWORD = 'lunch queue by the hall';
const ADULT_WORDS = 'The minibus driver told a Year 4 girl to sit in the front with him and not tell anyone.';
// Words a reader would look for; the numbered phrase is in one concern only.
const wordsOf = (index: number) => [`Concern ${index} of 50`, 'Amelia', 'bruises', 'fingertip', 'stepfather', 'Don’t tell Mum'];
const concernNumber = (index: number): CommandInput<'concerns.submit'> => ({
  pupils: [],
  childDescribed: 'Amelia in 4B',
  occurredDate: '2026-11-30',
  occurredTime: '12:40',
  location: 'Year 4 cloakroom',
  whatHappened: `Concern ${index} of 50: Amelia had fingertip bruises on her upper arm and said her stepfather grabbed her.`,
  childWords: 'Don’t tell Mum, he said he would hurt the dog',
});

/** Waits as the page does: asking for the app's status every second or so, until `condition` holds. */
async function until(condition: () => boolean, poll: () => Promise<unknown>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await poll();
  }
}

describe('a connect-mode computer while the hub is stopped and started again', () => {
  it('keeps 50 concerns sealed in its outbox, never in plain words, and the hub stores each exactly once', async () => {
    const hubDir = tempDataDir();
    const first = await startHub(hubDir, '127.0.0.1:0');
    // The hub used the code for this 30-second step to enrol her phone; the next sign-in needs a later one it accepts.
    const enrolledStep = timeStepAt(new Date());
    const { origin, rootPem, spkiSha256, totpSecret, recoveryCodes } = first.answer;
    const port = new URL(origin).port;
    const pin = { hubUrl: origin, caCertificatePem: rootPem, spkiSha256 };

    // The DSL makes an account for a teaching assistant (password, then the code her authenticator shows next).
    const office = createPinnedClient(pin, { timeoutMs: 20_000 });
    clients.push(office);
    const asDsl = async (command: string, input: unknown) => (await office.request<{ ok: boolean; value?: unknown; error?: unknown }>('POST', '/api/invoke', { command, input })).json;
    expect(await asDsl('session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD })).toMatchObject({ ok: true });
    const step = Math.max(enrolledStep + 1, timeStepAt(new Date()) - 1);
    expect(await asDsl('session.verifyCode', { code: codeAt(totpSecret!, new Date(step * PERIOD_SECONDS * 1000)) })).toMatchObject({ ok: true });
    const account = await asDsl('accounts.create', { username: 'ta.smith', displayName: 'Tom Smith', role: 'staff', staffGroup: 'support', temporaryPassword: 'temporary password 1' });
    expect(account).toMatchObject({ ok: true });
    await asDsl('session.signOut', {});

    // The teaching assistant's computer: enrolled with the code, then connect mode as the installed app runs it.
    const clientDir = tempDataDir();
    const settings = await enrolWithHub({ dataDir: clientDir, hubUrl: origin, typed: spkiSha256 });
    expect(settings.hubKeys?.intake, 'enrolment kept the hub’s intake key').toBeDefined();
    connect = connectModeWithOutbox({ client: createPinnedClient(settings, { timeoutMs: 5_000 }), dataDir: clientDir, retryMs: { first: 100, max: 1_000 } });
    connect.start();
    const invoke = connect.invoke;
    expect(await invoke('session.signIn', { username: 'ta.smith', password: 'temporary password 1' })).toMatchObject({ ok: true });
    expect(await invoke('session.changePassword', { currentPassword: 'temporary password 1', newPassword: STAFF_PASSWORD })).toMatchObject({ ok: true });
    expect(await invoke('app.status', {})).toMatchObject({ ok: true, value: { state: 'signed_in', user: { username: 'ta.smith', mustChangePassword: false }, outboxWaiting: 0 } });
    await until(() => connect!.holdsVoucher, () => invoke('app.status', {}), 20_000, 'the hub has vouched for this computer’s session key');

    // The hub stops (a power cut, a restart for updates) while she logs 50 concerns.
    await stopHub(first.child);
    const envelopeIds: string[] = [];
    for (let index = 1; index <= 50; index += 1) {
      const reply = await invoke('concerns.submit', concernNumber(index));
      expect(reply).toMatchObject({ ok: true, value: { delivery: 'outbox', message: SAVED_ON_THIS_COMPUTER } });
      envelopeIds.push((reply as { value: { id: string } }).value.id);
    }
    expect(SAVED_ON_THIS_COMPUTER).toBe('Saved on this computer, not yet delivered — it will be sent when the records computer is back.');
    // And one about an adult: sealed the same way, its register known, where it goes decided inside the records.
    const aboutAdult = await invoke('adults.log', { subject: { name: 'Mr Carl Venn', role: 'Minibus driver', employer: 'Vale Coaches', relationship: 'contractor' }, occurredDate: '2026-11-30', whatHappened: ADULT_WORDS, childHarm: 'yes' });
    expect(aboutAdult).toMatchObject({ ok: true, value: { delivery: 'outbox', kind: 'allegation', sentTo: null } });
    envelopeIds.push((aboutAdult as { value: { id: string } }).value.id);
    expect(connect.outbox.waiting().envelopes.map((envelope) => envelope.envelopeId)).toEqual(envelopeIds);
    // grep: not a word of any concern in any file on her computer, as UTF-8 or UTF-16.
    const onDisk = fs.readdirSync(clientDir).map((name) => fs.readFileSync(path.join(clientDir, name)));
    expect(fs.statSync(connect.outbox.file).size).toBeGreaterThan(50 * 256);
    for (let index = 1; index <= 51; index += 1) {
      for (const word of index === 51 ? ['Carl Venn', 'Vale Coaches', ADULT_WORDS] : wordsOf(index)) {
        for (const encoding of ['utf8', 'utf16le'] as const) {
          expect([word, encoding, onDisk.some((contents) => contents.includes(Buffer.from(word, encoding)))]).toEqual([word, encoding, false]);
        }
      }
    }

    // The hub is back on the same folder and port, and it forgot every session. The app on her computer restarts too
    // (she went home): nobody is signed in anywhere, and the outbox still empties by itself, under the vouchers.
    connect.stop();
    const second = await startHub(hubDir, `127.0.0.1:${port}`);
    expect(second.answer).toMatchObject({ origin, restarted: true });
    connect = connectModeWithOutbox({ client: createPinnedClient(settings, { timeoutMs: 5_000 }), dataDir: clientDir, retryMs: { first: 100, max: 1_000 } });
    connect.start();
    await until(() => connect!.outbox.waiting().envelopes.length === 0, async () => undefined, 60_000, 'the outbox is empty with nobody signed in');
    expect(fs.statSync(connect.outbox.file).size).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(clientDir, 'outbox-vouchers.json'), 'utf8'))).toEqual({ version: 1, vouched: {} });

    // When she next signs in, My concerns shows all 50 delivered, sealed until a DSL opens the records.
    const again = connect.invoke;
    expect(await again('session.signIn', { username: 'ta.smith', password: STAFF_PASSWORD })).toMatchObject({ ok: true });
    const mine = (await again('concerns.mine', {})) as { ok: true; value: Array<{ id: string; status: string }> };
    expect(mine.value.filter((concern) => concern.status === 'waiting').map((concern) => concern.id).sort()).toEqual([...envelopeIds].sort());
    expect(mine.value.filter((concern) => concern.status === 'outbox')).toEqual([]);

    // The DSL signs in (a recovery code: her phone's codes for this minute are used): all 50 arrive, once.
    expect(await asDsl('session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD })).toMatchObject({ ok: true });
    expect(await asDsl('session.verifyCode', { code: recoveryCodes[0] })).toMatchObject({ ok: true });
    expect(await asDsl('app.status', {})).toMatchObject({ ok: true, value: { records: 'open', intakeNotice: { arrived: 50, setAside: 0 } } });
    await asDsl('session.signOut', {});
    await stopHub(second.child);

    const records = newApp(hubDir);
    await records.signIn('dsl.jones', DSL_PASSWORD, { door: 'cli', sessionId: null });
    const stored = records.store!.prepare('SELECT what_happened FROM concerns ORDER BY what_happened').pluck().all() as string[];
    expect(stored).toEqual(Array.from({ length: 50 }, (_, index) => concernNumber(index + 1).whatHappened).sort());
    expect(records.store!.prepare('SELECT kind, subject_name AS subjectName, what_happened AS whatHappened FROM adult_concerns').all()).toEqual([
      { kind: 'allegation', subjectName: 'Mr Carl Venn', whatHappened: ADULT_WORDS },
    ]);
    expect(records.store!.prepare('SELECT envelope_id FROM intake_ingested ORDER BY envelope_id').pluck().all()).toEqual([...envelopeIds].sort());
  }, 240_000);
});
