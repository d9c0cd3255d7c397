// The hub's network door over real HTTPS with its own certificate authority, attacked as a hostile page, a thief of
// a cookie and an impostor hub would attack it. The clients are connect mode's pinned client and raw TLS requests.
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPinnedClient, hubTransport, HubIdentityError, NOT_YOUR_HUB_MESSAGE, type HubPin, type PinnedClient, type ServerSentEvent } from '../../../../electron/core/network';
import { parseHubArguments, startHubFromArguments, type RunningHub } from '../../../../electron/host/hubMain';
import { codeAt, PERIOD_SECONDS, timeStepAt } from '../../../../electron/core/secondFactor';
import { DSL_PASSWORD, cheapKdf, tempDataDir } from '../core/testSchool';

let running: RunningHub;
let pin: HubPin;
const clients: PinnedClient[] = [];

function client(): PinnedClient {
  const made = createPinnedClient(pin, { timeoutMs: 20_000 });
  clients.push(made);
  return made;
}

const invoke = (through: PinnedClient, command: string, input: unknown = {}) => through.request<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>('POST', '/api/invoke', { command, input });

/** A raw HTTPS request trusting the hub's root, so the test sets every header an attacker could. */
function raw(options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      { host: '127.0.0.1', port: running.hub.port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers, ca: pin.caCertificatePem, servername: 'localhost' },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', reject);
    if (options.body) request.write(options.body);
    request.end();
  });
}

const hubOrigin = () => `https://localhost:${running.hub.port}`;

/**
 * The DSL's phone: enrolled in the set-up; each sign-in answers the code step with a time step not used before (the
 * hub refuses a replayed code), and then with a recovery code, as a person would once the steps run out.
 */
const phone = { secret: '', lastStep: -1, recoveryCodes: [] as string[] };
function nextDslCode(): string {
  const now = timeStepAt(new Date());
  const step = [now - 1, now, now + 1].find((candidate) => candidate > phone.lastStep);
  if (step === undefined) return phone.recoveryCodes.shift()!;
  phone.lastStep = step;
  return codeAt(phone.secret, new Date(step * PERIOD_SECONDS * 1000));
}

/** The DSL signs in on `through`: password, then the code from her authenticator app. */
async function signInDsl(through: PinnedClient) {
  const signedIn = await invoke(through, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
  expect(signedIn.json).toMatchObject({ ok: true });
  expect((await invoke(through, 'session.verifyCode', { code: nextDslCode() })).json).toMatchObject({ ok: true });
  return signedIn;
}

beforeAll(async () => {
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Safeguarding Records</title>');
  const args = parseHubArguments(['--listen', '127.0.0.1:0', '--name', 'localhost', '--name', '127.0.0.1', '--data-dir', tempDataDir()]);
  running = await startHubFromArguments(args, staticDir, { kdfCost: cheapKdf });
  pin = { hubUrl: hubOrigin(), caCertificatePem: running.certificates.rootPem, spkiSha256: running.certificates.fingerprint.spkiSha256 };
  const first = client();
  const setup = await invoke(first, 'setup.create', { school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' }, dsl: { username: 'dsl.jones', displayName: 'Priya Jones', password: DSL_PASSWORD } });
  expect(setup.json?.ok).toBe(true);
  const enrolment = (await invoke(first, 'secondFactor.startEnrolment')).json?.value as { secret: string };
  phone.secret = enrolment.secret.replace(/\s/g, '');
  phone.lastStep = timeStepAt(new Date());
  const confirmed = (await invoke(first, 'secondFactor.confirmEnrolment', { code: codeAt(phone.secret, new Date()) })).json?.value as { recoveryCodes: string[] };
  phone.recoveryCodes = confirmed.recoveryCodes;
  await invoke(first, 'setup.confirmRecoveryKey', { confirmed: true });
  await invoke(first, 'accounts.create', { username: 'ta.smith', displayName: 'Tom Smith', role: 'staff', staffGroup: 'support', temporaryPassword: 'temporary password 1' });
  const pupil = await invoke(first, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04', yearGroup: '5' });
  expect(pupil.json?.ok).toBe(true);
  await invoke(first, 'session.signOut');
  const assistant = client();
  await invoke(assistant, 'session.signIn', { username: 'ta.smith', password: 'temporary password 1' });
  await invoke(assistant, 'session.changePassword', { currentPassword: 'temporary password 1', newPassword: 'assistant own password' });
  await invoke(assistant, 'session.signOut');
}, 120_000);

afterAll(async () => {
  for (const made of clients) made.close();
  await running?.stop();
});

describe('the hub’s network door', () => {
  it('signs in over HTTPS with a __Host- cookie that is Secure, HttpOnly and SameSite=Strict, and sends HSTS and the CSP', async () => {
    const dsl = client();
    const signedIn = await signInDsl(dsl);
    expect(signedIn.json).toMatchObject({ ok: true, value: { username: 'dsl.jones' } });
    const cookie = String(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-sr_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/Path=\//);
    for (const attribute of ['Secure', 'HttpOnly', 'SameSite=Strict']) expect(cookie).toContain(attribute);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(signedIn.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(signedIn.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await invoke(dsl, 'concerns.listNew')).json).toMatchObject({ ok: true });
  });

  it('refuses a request without the custom header, from another site, or to a name the hub does not answer to', async () => {
    const dsl = client();
    await signInDsl(dsl);
    const cookie = dsl.cookies.header() ?? '';
    const headers = { 'Content-Type': 'application/json', Host: `localhost:${running.hub.port}`, Cookie: cookie };
    const body = JSON.stringify({ command: 'concerns.listNew', input: {} });
    // A cross-site form or simple fetch can send neither the custom header nor a JSON content type without a preflight.
    const noHeader = await raw({ method: 'POST', path: '/api/invoke', headers, body });
    expect(noHeader.status).toBe(403);
    const crossSite = await raw({ method: 'POST', path: '/api/invoke', headers: { ...headers, 'X-Safeguarding-Request': '1', Origin: 'https://evil.example' }, body });
    expect(crossSite.status).toBe(403);
    const asForm = await raw({ method: 'POST', path: '/api/invoke', headers: { ...headers, 'X-Safeguarding-Request': '1', 'Content-Type': 'text/plain' }, body });
    expect(asForm.status).toBe(415);
    const rebound = await raw({ method: 'POST', path: '/api/invoke', headers: { ...headers, 'X-Safeguarding-Request': '1', Host: `evil.example:${running.hub.port}` }, body });
    expect(rebound.status).toBe(403);
    const allowed = await raw({ method: 'POST', path: '/api/invoke', headers: { ...headers, 'X-Safeguarding-Request': '1', Origin: hubOrigin() }, body });
    expect(JSON.parse(allowed.body)).toMatchObject({ ok: true });
    // Nothing changes on GET.
    expect((await raw({ path: '/api/invoke', headers })).status).toBe(405);
  });

  it('makes a cookie worthless once its owner signs out: a replay gets "sign in first"', async () => {
    const dsl = client();
    await signInDsl(dsl);
    const stolen = dsl.cookies.header() ?? '';
    await invoke(dsl, 'session.signOut');
    const replayed = await raw({
      method: 'POST',
      path: '/api/invoke',
      headers: { 'Content-Type': 'application/json', Host: `localhost:${running.hub.port}`, Cookie: stolen, 'X-Safeguarding-Request': '1' },
      body: JSON.stringify({ command: 'concerns.listNew', input: {} }),
    });
    expect(JSON.parse(replayed.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('keeps a member of staff out of DSL commands and the DSL’s alert stream', async () => {
    const assistant = client();
    await invoke(assistant, 'session.signIn', { username: 'ta.smith', password: 'assistant own password' });
    expect((await invoke(assistant, 'concerns.listNew')).json).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const events = await raw({ path: '/api/events', headers: { Host: `localhost:${running.hub.port}`, Cookie: assistant.cookies.header() ?? '' } });
    expect(events.status).toBe(403);
  });

  it('gives no alert stream to a DSL who has given her password but not yet her code', async () => {
    const halfway = client();
    expect((await invoke(halfway, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD })).json).toMatchObject({ ok: true });
    const events = await raw({ path: '/api/events', headers: { Host: `localhost:${running.hub.port}`, Cookie: halfway.cookies.header() ?? '' } });
    expect(events.status).toBe(403);
  });

  it('pushes a new concern to a signed-in DSL within 2 seconds, with no child’s details in the event', async () => {
    const dsl = client();
    await signInDsl(dsl);
    const received: ServerSentEvent[] = [];
    const opened = new Promise<void>((resolve) => {
      dsl.events({ onEvent: (event) => received.push(event), onState: (state) => state === 'open' && resolve() });
    });
    await opened;
    const assistant = client();
    await invoke(assistant, 'session.signIn', { username: 'ta.smith', password: 'assistant own password' });
    const pupils = (await invoke(dsl, 'pupils.pick', { query: 'Amelia' })).json?.value as Array<{ id: string }>;
    const submitted = await invoke(assistant, 'concerns.submit', {
      pupils: [{ pupilId: pupils[0]!.id, part: 'subject' }],
      occurredDate: '2026-11-23',
      occurredTime: '08:15',
      whatHappened: 'Amelia says she is scared to go home tonight.',
      immediateDanger: true,
      spokenToDslInPerson: 'no',
    });
    expect(submitted.json).toMatchObject({ ok: true });
    const repliedAt = Date.now();
    while (!received.some((event) => event.type === 'concern.new') && Date.now() - repliedAt < 2_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const alert = received.find((event) => event.type === 'concern.new');
    expect(alert, 'the DSL heard of the concern within 2 seconds').toBeDefined();
    expect(JSON.parse(alert!.data)).toMatchObject({ kind: 'concern.new', immediateDanger: true });
    expect(alert!.data).not.toMatch(/Amelia|scared|Hughes/);
  });

  it('is refused by a client pinned to another hub’s certificate, before any password is sent', async () => {
    const otherDir = tempDataDir();
    const { setUpHubCertificates } = await import('../../../../electron/core/network');
    const other = await setUpHubCertificates(otherDir, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
    const impostorPin = createPinnedClient({ hubUrl: hubOrigin(), caCertificatePem: other.rootPem, spkiSha256: other.fingerprint.spkiSha256 });
    clients.push(impostorPin);
    await expect(invoke(impostorPin, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD })).rejects.toBeInstanceOf(HubIdentityError);
  });

  it('offers its root certificate for IT to deploy, without signing in', async () => {
    const download = await raw({ path: '/hub-root.pem', headers: { Host: `localhost:${running.hub.port}` } });
    expect(download.status).toBe(200);
    expect(download.body.trim()).toBe(running.certificates.rootPem.trim());
  });

  it('slows a computer that tries too many passwords, says when to try again, and lets the right one in once the wait is over', async () => {
    // A hub of its own with a tight limit (3 tries in 2 seconds), so the other tests' sign-ins never meet it.
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
    const strict = await startHubFromArguments(parseHubArguments(['--listen', '127.0.0.1:0', '--name', 'localhost', '--data-dir', tempDataDir()]), staticDir, {
      kdfCost: cheapKdf,
      signInTriesPerClient: 3,
      signInWindowSeconds: 2,
    });
    try {
      const guesser = createPinnedClient({ hubUrl: `https://localhost:${strict.hub.port}`, caCertificatePem: strict.certificates.rootPem, spkiSha256: strict.certificates.fingerprint.spkiSha256 });
      clients.push(guesser);
      await invoke(guesser, 'setup.create', { school: { name: 'Elm Primary', urn: '654321', localAuthority: 'other' }, dsl: { username: 'dsl.jones', displayName: 'Priya Jones', password: DSL_PASSWORD } });
      await invoke(guesser, 'session.signOut');
      // Different usernames each time: the door counts the computer, whatever name it claims.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        expect((await invoke(guesser, 'session.signIn', { username: `nobody.${attempt}`, password: 'not the password' })).status).toBe(200);
      }
      const slowed = await invoke(guesser, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
      expect(slowed.status).toBe(429);
      expect(slowed.json).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      expect((await invoke(guesser, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD })).json).toMatchObject({ ok: true });
    } finally {
      await strict.stop();
    }
  });

  it('gives connect mode the hub’s own results, the plain refusal for an impostor, and "not answering" when the hub is away', async () => {
    const remote = hubTransport(client());
    expect(await remote('session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD })).toMatchObject({ ok: true, value: { username: 'dsl.jones' } });
    // A password alone reaches nothing for a DSL: the code first.
    expect(await remote('concerns.listNew', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await remote('session.verifyCode', { code: nextDslCode() })).toMatchObject({ ok: true });
    expect(await remote('concerns.listNew', {})).toMatchObject({ ok: true });
    const { setUpHubCertificates } = await import('../../../../electron/core/network');
    const other = await setUpHubCertificates(tempDataDir(), { dnsNames: ['localhost'], ipAddresses: [] });
    const impostor = createPinnedClient({ hubUrl: hubOrigin(), caCertificatePem: other.rootPem, spkiSha256: other.fingerprint.spkiSha256 });
    clients.push(impostor);
    expect(await hubTransport(impostor)('session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD })).toEqual({ ok: false, error: { code: 'forbidden', message: NOT_YOUR_HUB_MESSAGE } });
    const away = createPinnedClient({ ...pin, hubUrl: 'https://localhost:1' }, { timeoutMs: 5_000 });
    clients.push(away);
    expect(await hubTransport(away)('app.status', {})).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/not answering/) } });
  });
});
