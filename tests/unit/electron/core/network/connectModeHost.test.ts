// Connecting a computer to the school's hub from the page (connect mode's own commands, answered on this computer),
// against a real hub — its own certificate authority, the real network door, real TLS on real sockets — and against
// impostors: what the person is told for each way it goes wrong, that nothing is saved when it does, and that once
// it succeeds the very next command reaches the hub without a restart.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/core';
import { CODE_MISMATCH, connectArgument, hostConnectMode, NOT_YOUR_HUB_MESSAGE, readConnectSettings, serveRootCertificate, setUpHubCertificates, tlsServerOptions, HUB_ROOT_CERTIFICATE_PATH, type ConnectModeHost } from '../../../../../electron/core/network';
import { parseHubArguments, startHubFromArguments, type RunningHub } from '../../../../../electron/host/hubMain';
import type { AppStatus } from '../../../../../shared/api';
import { enrolAuthenticator } from '../../../../fixtures/doors/authenticator';
import { DSL_PASSWORD } from '../testSchool';
import { HUB_NAMES, startServer, tempDir } from './tlsTestKit';

let hub: RunningHub;
let hubUrl: string;
const hosts: ConnectModeHost[] = [];

beforeAll(async () => {
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Safeguarding Records</title>');
  const args = parseHubArguments(['--listen', '127.0.0.1:0', '--name', 'localhost', '--name', '127.0.0.1', '--data-dir', tempDir()]);
  hub = await startHubFromArguments(args, staticDir, { kdfCost: { memoryKiB: 1024, passes: 1 } });
  hubUrl = `https://127.0.0.1:${hub.hub.port}`;
  // The school on the hub, with its DSL's authenticator set up, and nobody signed in.
  const office = { door: 'test' as const, sessionId: null };
  await dispatch(hub.hub.app, 'setup.create', { school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' }, dsl: { username: 'dsl.jones', displayName: 'Priya Jones', password: DSL_PASSWORD } }, office);
  await enrolAuthenticator(hub.hub.app, office);
  await dispatch(hub.hub.app, 'session.signOut', {}, office);
});

afterAll(async () => {
  for (const host of hosts) host.stop();
  await hub?.stop();
});

/** A computer started with --connect on an empty data folder; `logged` is what went to its log. */
function newComputer(dataDir = tempDir()) {
  const logged: string[] = [];
  const host = hostConnectMode({
    dataDir,
    log: {
      error: (context, error) => {
        logged.push(`${context}: ${error instanceof Error ? error.message : String(error)}`);
        return 'ref-1';
      },
    },
    enrolmentTimeoutMs: 5_000,
  });
  hosts.push(host);
  return { host, dataDir, logged, files: () => fs.readdirSync(dataDir) };
}

describe('connecting this computer to the hub from the page', () => {
  it('shows the hub’s fingerprint, takes the right code, saves the pin, and the next command reaches the hub', async () => {
    const { host, dataDir, files } = newComputer();
    expect(await host.invoke('app.status', {})).toMatchObject({ ok: true, value: { state: 'needs_hub', user: null } });
    // Nothing else reaches anything until it is connected.
    expect(await host.invoke('session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD })).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    const looked = await host.invoke('connect.lookUpHub', { hubUrl: `127.0.0.1:${hub.hub.port}` });
    expect(looked).toEqual({ ok: true, value: { hubUrl, fingerprint: hub.certificates.fingerprint.grouped } });
    expect(files(), 'looking up saves nothing').toEqual([]);

    // Typed as people do: lower case, spaces for dashes.
    const typed = hub.certificates.fingerprint.enrolmentCode.toLowerCase().replace(/-/g, ' ');
    expect(await host.invoke('connect.enrol', { hubUrl, code: typed })).toEqual({ ok: true, value: { hubUrl } });
    expect(readConnectSettings(dataDir)).toMatchObject({ hubUrl, spkiSha256: hub.certificates.fingerprint.spkiSha256 });
    expect(host.hubUrl).toBe(hubUrl);

    // Without a restart: the hub's own answers, its school, its sign-in and second factor.
    const status = await host.invoke('app.status', {});
    expect(status).toMatchObject({ ok: true, value: { state: 'signed_out', school: { name: 'Oakfield Primary School' } } });
    await host.invoke('session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    expect(((await host.invoke('app.status', {})) as { value: AppStatus }).value.state).toBe('needs_code');
    // The hub saw the sign-in come over the network door, not this computer's own.
    expect(hub.hub.app.sessions.all().map((session) => session.door)).toContain('https');

    // Connected, the page cannot point this computer at another hub: that is the IT lead's, by the admin CLI.
    expect(await host.invoke('connect.enrol', { hubUrl: 'https://elsewhere:8443', code: typed })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readConnectSettings(dataDir)?.hubUrl).toBe(hubUrl);

    // Started again on the same folder, it is connected from the start.
    const again = newComputer(dataDir);
    expect(again.host.hubUrl).toBe(hubUrl);
    expect(await again.host.invoke('app.status', {})).toMatchObject({ ok: true, value: { state: 'signed_out' } });
  });

  it('refuses a wrong code with the message shown beside the code, and saves nothing', async () => {
    const { host, files } = newComputer();
    const code = hub.certificates.fingerprint.enrolmentCode;
    const nearMiss = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    const refused = await host.invoke('connect.enrol', { hubUrl, code: nearMiss });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { code: [CODE_MISMATCH] } } });
    if (!refused.ok) expect(refused.error.message).toMatch(/does not match the certificate of the computer at https:\/\/127\.0\.0\.1/);
    // Not a code at all: refused by its shape before any hub is asked.
    expect(await host.invoke('connect.enrol', { hubUrl, code: 'my password' })).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { code: [expect.stringMatching(/12-character code/)] } } });
    expect(files()).toEqual([]);
    expect(((await host.invoke('app.status', {})) as { value: AppStatus }).value.state).toBe('needs_hub');
  });

  it('refuses a machine that shows the hub’s public root but a certificate from another authority, and saves nothing', async () => {
    // An impostor on the network: it copied the real root (anyone can download it), but its TLS certificate comes
    // from a certificate authority of its own, since it does not have the hub's keys.
    const forged = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const serveRealRoot = serveRootCertificate(() => hub.certificates);
    const impostor = await startServer(tlsServerOptions(forged), (request, response) => {
      if (request.url === HUB_ROOT_CERTIFICATE_PATH) serveRealRoot(request, response);
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"value":{}}');
    });
    const { host, files, logged } = newComputer();
    // The fingerprint it shows is the real hub's (the root it copied): the code matches, the handshake does not.
    expect(await host.invoke('connect.lookUpHub', { hubUrl: impostor.url })).toMatchObject({ ok: true, value: { fingerprint: hub.certificates.fingerprint.grouped } });
    const refused = await host.invoke('connect.enrol', { hubUrl: impostor.url, code: hub.certificates.fingerprint.enrolmentCode });
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: NOT_YOUR_HUB_MESSAGE } });
    expect(files()).toEqual([]);
    expect(logged.join('\n')).toMatch(/certificate did not match/);
    // Only the untrusted fetches reached it: no password, no command.
    expect(impostor.requests.every((request) => request.url === HUB_ROOT_CERTIFICATE_PATH)).toBe(true);

    // An impostor with its own root: its fingerprint differs, so the real hub's code does not match it.
    const ownRoot = await startServer(tlsServerOptions(forged), (request, response) => serveRootCertificate(() => forged)(request, response));
    expect(await host.invoke('connect.enrol', { hubUrl: ownRoot.url, code: hub.certificates.fingerprint.enrolmentCode })).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { code: expect.any(Array) } } });
    expect(files()).toEqual([]);
  });

  it('says plainly when nothing answers at the address, or the address is not one, and saves nothing', async () => {
    const closed = await startServer(tlsServerOptions(hub.certificates));
    await closed.close();
    const { host, files } = newComputer();
    const silent = await host.invoke('connect.lookUpHub', { hubUrl: closed.url });
    expect(silent).toMatchObject({ ok: false, error: { code: 'unavailable', fields: { hubUrl: ['Nothing answered at this address'] } } });
    if (!silent.ok) expect(silent.error.message).toMatch(/^Nothing answered at https:\/\/127\.0\.0\.1:\d+\. Check the address/);
    expect(await host.invoke('connect.enrol', { hubUrl: closed.url, code: hub.certificates.fingerprint.enrolmentCode })).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    expect(await host.invoke('connect.lookUpHub', { hubUrl: `http://127.0.0.1:${hub.hub.port}` })).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { hubUrl: [expect.stringMatching(/only over https/)] } } });
    expect(await host.invoke('connect.lookUpHub', { hubUrl: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { hubUrl: [expect.stringMatching(/Enter the hub’s address/)] } } });
    expect(files()).toEqual([]);
  });

  it('offers the address given with --connect on the page, to be checked like any other', async () => {
    expect(connectArgument(['--connect', 'https://records-hub:8443', '--data-dir', 'D:\\Records'])).toEqual({ connect: true, hubUrl: 'https://records-hub:8443' });
    expect(connectArgument(['--connect=records-hub:8443'])).toEqual({ connect: true, hubUrl: 'records-hub:8443' });
    expect(connectArgument(['--connect', '--data-dir', 'x'])).toEqual({ connect: true });
    expect(connectArgument(['--data-dir', 'x'])).toEqual({ connect: false });
    const dataDir = tempDir();
    const host = hostConnectMode({ dataDir, log: { error: () => 'ref' }, suggestedHubUrl: hubUrl });
    hosts.push(host);
    expect(await host.invoke('app.status', {})).toMatchObject({ ok: true, value: { state: 'needs_hub', suggestedHubUrl: hubUrl } });
    // Only a suggestion: nothing is looked up or saved until the person confirms it with the code.
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('is refused by a computer with its own records and by the hub: there is nothing there to connect', async () => {
    const answer = await dispatch(hub.hub.app, 'connect.enrol', { hubUrl, code: hub.certificates.fingerprint.enrolmentCode }, { door: 'https', sessionId: null });
    expect(answer).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
