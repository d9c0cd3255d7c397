// Connect mode's first contact over real TLS: the person types the code the hub shows, and only a hub whose root
// matches it — and which then proves it holds the server key — is saved as this computer's hub.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONNECT_FILE,
  createPinnedClient,
  EnrolmentRefusedError,
  enrolWithHub,
  HUB_ROOT_CERTIFICATE_PATH,
  HubIdentityError,
  NOT_YOUR_HUB_MESSAGE,
  normaliseHubUrl,
  readConnectSettings,
  serveRootCertificate,
  setUpHubCertificates,
  tlsServerOptions,
  type HubCertificates,
} from '../../../../../electron/core/network';
import { fileMode, HUB_NAMES, startServer, tempDir, type TestServer } from './tlsTestKit';

/** A hub as the network door will serve it: the root certificate at its path, JSON elsewhere. */
async function hubServing(presented: HubCertificates, served: HubCertificates = presented): Promise<TestServer> {
  const serveRoot = serveRootCertificate(() => served);
  return startServer(tlsServerOptions(presented), (request, response) => {
    if (request.url === HUB_ROOT_CERTIFICATE_PATH) serveRoot(request, response);
    else response.writeHead(200, { 'content-type': 'application/json' }).end('{"hub":true}');
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('enrolment should have been refused');
    },
    (error: unknown) => error as Error,
  );
}

function filesIn(folder: string): string[] {
  return fs.existsSync(folder) ? fs.readdirSync(folder) : [];
}

describe('enrolment', () => {
  it('saves the hub and its pin when the code typed matches, and the pinned client then reaches the hub', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await hubServing(hub);
    const clientDir = tempDir();
    // As a person might type it: lower case, spaces instead of hyphens, O for zero.
    const typed = hub.fingerprint.enrolmentCode.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');

    const settings = await enrolWithHub({ dataDir: clientDir, hubUrl: server.url, typed });

    expect(settings.hubUrl).toBe(server.url);
    expect(settings.spkiSha256).toBe(hub.fingerprint.spkiSha256);
    expect(readConnectSettings(clientDir)).toEqual(settings);
    expect(fileMode(path.join(clientDir, CONNECT_FILE))).toBe(0o600);
    expect(filesIn(clientDir)).toEqual([CONNECT_FILE]);

    const client = createPinnedClient(readConnectSettings(clientDir)!);
    try {
      expect((await client.request('GET', '/api/whoami')).json).toEqual({ hub: true });
    } finally {
      client.close();
    }
  });

  it('accepts the full fingerprint as the hub shows it, in groups', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await hubServing(hub);
    const clientDir = tempDir();
    await enrolWithHub({ dataDir: clientDir, hubUrl: server.url, typed: hub.fingerprint.grouped });
    expect(readConnectSettings(clientDir)?.spkiSha256).toBe(hub.fingerprint.spkiSha256);
  });

  it('refuses a wrong code and saves nothing, leaving an earlier enrolment as it was', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await hubServing(hub);
    const clientDir = tempDir();

    const wrong = await failure(enrolWithHub({ dataDir: clientDir, hubUrl: server.url, typed: 'ABCD-EFGH-JKMN' }));
    expect(wrong).toBeInstanceOf(EnrolmentRefusedError);
    expect((wrong as EnrolmentRefusedError).reason).toBe('code_mismatch');
    expect(wrong.message).toMatch(/does not match/);
    expect(filesIn(clientDir)).toEqual([]);

    await enrolWithHub({ dataDir: clientDir, hubUrl: server.url, typed: hub.fingerprint.enrolmentCode });
    const before = fs.readFileSync(path.join(clientDir, CONNECT_FILE), 'utf8');
    // One character off: a near miss is still a miss.
    const last = hub.fingerprint.enrolmentCode.at(-1) === '0' ? '1' : '0';
    await failure(enrolWithHub({ dataDir: clientDir, hubUrl: server.url, typed: hub.fingerprint.enrolmentCode.slice(0, -1) + last }));
    expect(fs.readFileSync(path.join(clientDir, CONNECT_FILE), 'utf8')).toBe(before);
  });

  it('refuses an impostor that serves its own root when the person types the real hub’s code', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const impostor = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await hubServing(impostor);
    const clientDir = tempDir();

    const error = await failure(enrolWithHub({ dataDir: clientDir, hubUrl: server.url, typed: hub.fingerprint.enrolmentCode }));
    expect((error as EnrolmentRefusedError).reason).toBe('code_mismatch');
    expect(filesIn(clientDir)).toEqual([]);
  });

  it('refuses an impostor that copies the real hub’s public root but cannot show a certificate it signed', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const impostor = await setUpHubCertificates(tempDir(), HUB_NAMES);
    // The root is public (IT downloads it): serving it proves nothing without the hub's keys behind the handshake.
    const server = await hubServing(impostor, hub);
    const clientDir = tempDir();

    const error = await failure(enrolWithHub({ dataDir: clientDir, hubUrl: server.url, typed: hub.fingerprint.enrolmentCode }));
    expect(error).toBeInstanceOf(HubIdentityError);
    expect(error.message).toBe(NOT_YOUR_HUB_MESSAGE);
    expect(filesIn(clientDir)).toEqual([]);
    // The untrusted fetch and nothing else reached the impostor: the pinned check failed in the handshake.
    expect(server.requests.map((request) => request.url)).toEqual([HUB_ROOT_CERTIFICATE_PATH]);
  });

  it('refuses a server that does not send one root certificate', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await startServer(tlsServerOptions(hub), (_request, response) => {
      // The server certificate is not a root: a hub never sends it in place of one.
      response.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(hub.certificateChainPem);
    });
    const clientDir = tempDir();
    const error = await failure(enrolWithHub({ dataDir: clientDir, hubUrl: server.url, typed: hub.fingerprint.enrolmentCode }));
    expect((error as EnrolmentRefusedError).reason).toBe('not_a_root_certificate');
    expect(filesIn(clientDir)).toEqual([]);
  });

  it('will not read a connect.json whose pin was changed to match another certificate', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const other = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await hubServing(hub);
    const clientDir = tempDir();
    await enrolWithHub({ dataDir: clientDir, hubUrl: server.url, typed: hub.fingerprint.enrolmentCode });
    const file = path.join(clientDir, CONNECT_FILE);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    fs.writeFileSync(file, JSON.stringify({ ...saved, spkiSha256: other.fingerprint.spkiSha256 }));
    expect(() => readConnectSettings(clientDir)).toThrow(/changed since enrolment/);
  });

  it('takes the hub’s address as typed, and only over https', () => {
    expect(normaliseHubUrl('records-hub:8443')).toBe('https://records-hub:8443');
    expect(normaliseHubUrl(' https://records-hub:8443/some/page ')).toBe('https://records-hub:8443');
    expect(() => normaliseHubUrl('http://records-hub:8080')).toThrow(/only over https/);
  });
});

describe('the hub’s root certificate download', () => {
  it('serves the root, which holds no private key, and follows an import or renewal at once', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    let current: HubCertificates = hub;
    const serveRoot = serveRootCertificate(() => current);
    const server = await startServer(tlsServerOptions(hub), (request, response) => serveRoot(request, response));
    const client = createPinnedClient({ hubUrl: server.url, caCertificatePem: hub.rootPem, spkiSha256: hub.fingerprint.spkiSha256 });
    try {
      const first = await client.request('GET', HUB_ROOT_CERTIFICATE_PATH);
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toBe('application/x-pem-file');
      expect(first.text).toBe(hub.rootPem);
      expect(first.text).not.toContain('PRIVATE KEY');

      const other = await setUpHubCertificates(tempDir(), HUB_NAMES);
      current = other;
      expect((await client.request('GET', HUB_ROOT_CERTIFICATE_PATH)).text).toBe(other.rootPem);
      expect((await client.request('POST', HUB_ROOT_CERTIFICATE_PATH)).status).toBe(405);
    } finally {
      client.close();
    }
  });
});
