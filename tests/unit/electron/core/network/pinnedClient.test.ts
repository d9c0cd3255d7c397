// The pinned client against real TLS servers on 127.0.0.1: the hub's own certificate, and the machines that
// pretend to be it. Each attack asserts that the impostor learnt nothing — no request, no cookie, no password.
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import {
  createPinnedClient,
  HubIdentityError,
  HubUnreachableError,
  importSchoolCertificate,
  NOT_YOUR_HUB_MESSAGE,
  renewIfDue,
  setUpHubCertificates,
  tlsServerOptions,
  type ServerSentEvent,
} from '../../../../../electron/core/network';
import { DAY_MS, HUB_NAMES, intermediateAuthority, pinFor, schoolAuthority, schoolServerCertificate, startServer, tempDir } from './tlsTestKit';

async function refusal(promise: Promise<unknown>): Promise<HubIdentityError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(HubIdentityError);
  expect((error as Error).message).toBe(NOT_YOUR_HUB_MESSAGE);
  return error as HubIdentityError;
}

describe('the pinned client', () => {
  it('talks to the real hub, keeps its session cookie, and marks every POST with the custom header and the hub’s origin', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await startServer(tlsServerOptions(hub), (request, response, body) => {
      if (request.url === '/api/session' && request.method === 'POST') {
        response.writeHead(200, {
          'content-type': 'application/json',
          'set-cookie': '__Host-session=abc123; Path=/; Secure; HttpOnly; SameSite=Strict',
        });
        response.end(JSON.stringify({ signedIn: JSON.parse(body).username }));
        return;
      }
      if (request.url === '/api/session' && request.method === 'DELETE') {
        response.writeHead(204, { 'set-cookie': '__Host-session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0' }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ cookie: request.headers.cookie ?? null }));
    });
    const client = createPinnedClient(pinFor(server.url, hub));
    try {
      const signIn = await client.request<{ signedIn: string }>('POST', '/api/session', { username: 'dsl.jones' });
      expect(signIn.status).toBe(200);
      expect(signIn.json).toEqual({ signedIn: 'dsl.jones' });
      const posted = server.requests[0]!;
      expect(posted.headers['x-safeguarding-request']).toBe('1');
      expect(posted.headers.origin).toBe(server.url);
      expect(posted.headers['content-type']).toBe('application/json');

      const after = await client.request<{ cookie: string | null }>('GET', '/api/whoami');
      expect(after.json).toEqual({ cookie: '__Host-session=abc123' });
      // Nothing changes on GET, so a GET carries no custom header: the hub's CSRF rule stays simple.
      expect(server.requests[1]!.headers['x-safeguarding-request']).toBeUndefined();

      await client.request('DELETE', '/api/session');
      expect(server.requests[2]!.headers['x-safeguarding-request']).toBe('1');
      const signedOut = await client.request<{ cookie: string | null }>('GET', '/api/whoami');
      expect(signedOut.json).toEqual({ cookie: null });
    } finally {
      client.close();
    }
  });

  it('sends the session cookie to the hub only: a full URL or a //host path is refused before any connection', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await startServer(tlsServerOptions(hub));
    const client = createPinnedClient(pinFor(server.url, hub));
    try {
      client.cookies.store(['__Host-session=abc; Path=/; Secure']);
      const elsewhere = server.url.replace('127.0.0.1', 'localhost');
      await expect(client.request('GET', `${elsewhere}/api/whoami`)).rejects.toThrow(/path starting with one \//);
      await expect(client.request('GET', `//localhost:${new URL(server.url).port}/api/whoami`)).rejects.toThrow(/path starting with one \//);
      expect(server.handshakes).toBe(0);
    } finally {
      client.close();
    }
  });

  it('refuses a machine with a certificate from another authority for the same names, before sending anything', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const impostor = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await startServer(tlsServerOptions(impostor));
    const client = createPinnedClient(pinFor(server.url, hub));
    try {
      const error = await refusal(client.request('POST', '/api/session', { username: 'dsl.jones', password: 'correct horse battery staple' }));
      expect(error.detail).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|certificate/i);
      expect(server.requests).toHaveLength(0);
    } finally {
      client.close();
    }
  });

  it('refuses, by the pin alone, a chain that a wider trust store would have accepted', async () => {
    // As if someone passed the machine's whole trust store by mistake: the impostor's authority is "trusted", but
    // its key is not the pinned one, so checkServerIdentity still says no.
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const impostor = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await startServer(tlsServerOptions(impostor));
    const client = createPinnedClient({ ...pinFor(server.url, hub), caCertificatePem: hub.rootPem + impostor.rootPem });
    try {
      const error = await refusal(client.request('GET', '/api/whoami'));
      expect(error.detail).toMatch(/not the one pinned at enrolment/);
      expect(server.requests).toHaveLength(0);
    } finally {
      client.close();
    }
  });

  it('refuses the hub’s own server certificate once it has expired', async () => {
    const dataDir = tempDir();
    const expired = await setUpHubCertificates(dataDir, HUB_NAMES, { now: new Date(Date.now() - 500 * DAY_MS) });
    expect(expired.notAfter.getTime()).toBeLessThan(Date.now());
    const server = await startServer(tlsServerOptions(expired));
    const client = createPinnedClient(pinFor(server.url, expired));
    try {
      const error = await refusal(client.request('GET', '/api/whoami'));
      expect(error.detail).toContain('CERT_HAS_EXPIRED');
      expect(server.requests).toHaveLength(0);
    } finally {
      client.close();
    }
  });

  it('keeps connecting with the pin it enrolled with after the hub renews its server certificate', async () => {
    const dataDir = tempDir();
    const before = await setUpHubCertificates(dataDir, HUB_NAMES, { now: new Date(Date.now() - 380 * DAY_MS) });
    const oldServer = await startServer(tlsServerOptions(before));
    const pin = pinFor(oldServer.url, before);
    const client = createPinnedClient(pin);
    expect((await client.request('GET', '/before')).status).toBe(200);
    client.close();
    await oldServer.close();

    const renewal = await renewIfDue(dataDir, HUB_NAMES);
    expect(renewal.renewed).toBe(true);
    const newServer = await startServer(tlsServerOptions(renewal.certificates));
    const sameClientSettings = createPinnedClient({ ...pin, hubUrl: newServer.url });
    try {
      const after = await sameClientSettings.request<{ path: string }>('GET', '/after');
      expect(after.status).toBe(200);
      expect(after.json?.path).toBe('/after');
    } finally {
      sameClientSettings.close();
    }
  });

  it('refuses a name the hub’s certificate does not hold, even with the right authority', async () => {
    const hub = await setUpHubCertificates(tempDir(), { dnsNames: ['records-hub'], ipAddresses: ['10.20.0.5'] });
    const server = await startServer(tlsServerOptions(hub));
    const client = createPinnedClient(pinFor(server.url, hub));
    try {
      const error = await refusal(client.request('GET', '/api/whoami'));
      expect(error.detail).toMatch(/127\.0\.0\.1/);
      expect(server.requests).toHaveLength(0);
    } finally {
      client.close();
    }
  });

  it('refuses a server that offers only TLS 1.1, which an older client would have accepted', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    // TLS 1.1 needs OpenSSL's security level 0 to run at all today: this server is deliberately out of date.
    const server = await startServer({ ...tlsServerOptions(hub), minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    const port = Number(new URL(server.url).port);

    // The control: a client that allows TLS 1.1 does get through, so the refusal below is the client's own rule.
    const protocol = await new Promise<string | null>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ca: hub.rootPem, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }, () => {
        resolve(socket.getProtocol());
        socket.end();
      });
      socket.on('error', reject);
    });
    expect(protocol).toBe('TLSv1.1');

    const client = createPinnedClient(pinFor(server.url, hub));
    try {
      const error = await refusal(client.request('GET', '/api/whoami'));
      expect(error.detail).toMatch(/protocol|version/i);
      expect(server.requests).toHaveLength(0);
    } finally {
      client.close();
    }
  });

  it('serves the hub with TLS 1.2 or later only: an old client offering TLS 1.1 gets no connection', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await startServer(tlsServerOptions(hub));
    const port = Number(new URL(server.url).port);
    const attempt = (maxVersion: 'TLSv1.1' | 'TLSv1.2') => new Promise<string | null>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ca: hub.rootPem, minVersion: 'TLSv1', maxVersion, ciphers: 'DEFAULT:@SECLEVEL=0' }, () => {
        resolve(socket.getProtocol());
        socket.end();
      });
      socket.on('error', reject);
    });
    await expect(attempt('TLSv1.1')).rejects.toThrow(/protocol|version/i);
    expect(await attempt('TLSv1.2')).toBe('TLSv1.2');
  });

  it('gives up on a hub that accepts the request but falls silent, as not answering', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await startServer(tlsServerOptions(hub), (_request, response) => {
      // Headers and half a body, then nothing more.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"half":');
    });
    const client = createPinnedClient(pinFor(server.url, hub), { timeoutMs: 300 });
    try {
      const error = await client.request('GET', '/api/whoami').then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(HubUnreachableError);
      expect((error as Error).message).toMatch(/did not answer/);
    } finally {
      client.close();
    }
  });

  it('says the hub did not answer, not that it is an impostor, when nothing is listening', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await startServer(tlsServerOptions(hub));
    await server.close();
    const client = createPinnedClient(pinFor(server.url, hub));
    try {
      await expect(client.request('GET', '/api/whoami')).rejects.toBeInstanceOf(HubUnreachableError);
    } finally {
      client.close();
    }
  });
});

describe('the alerts stream', () => {
  it('reads events, reconnects after a drop with Last-Event-ID and the session cookie, and stops when closed', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    let connections = 0;
    const server = await startServer(tlsServerOptions(hub), (request, response) => {
      if (request.url === '/api/session') {
        response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': '__Host-session=s1; Path=/; Secure; HttpOnly' }).end('{}');
        return;
      }
      connections += 1;
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      if (connections === 1) {
        // Split mid-line, a comment heartbeat, a multi-line data field, then the hub drops the connection.
        response.write('retry: 50\n: heartbeat\n\nid: 1\nevent: concern\ndata: {"urgency":"imm');
        setTimeout(() => {
          response.write('ediate"}\n\nid: 2\ndata: line one\ndata: line two\n\n');
          setTimeout(() => response.destroy(), 20);
        }, 20);
      } else {
        response.write(`id: 3\nevent: concern\ndata: {"resumedAfter":"${request.headers['last-event-id']}"}\n\n`);
      }
    });
    const client = createPinnedClient(pinFor(server.url, hub));
    await client.request('POST', '/api/session', {});
    const events: ServerSentEvent[] = [];
    const states: string[] = [];
    const third = new Promise<void>((resolve) => {
      client.events({
        onEvent(event) {
          events.push(event);
          if (events.length === 3) resolve();
        },
        onState: (state) => states.push(state),
        retryMs: 5_000,
      });
    });
    try {
      await third;
      expect(events).toEqual([
        { type: 'concern', data: '{"urgency":"immediate"}', lastEventId: '1' },
        { type: 'message', data: 'line one\nline two', lastEventId: '2' },
        { type: 'concern', data: '{"resumedAfter":"2"}', lastEventId: '3' },
      ]);
      // The hub's `retry: 50` replaced the 5-second default, or the test would have waited it out.
      expect(states.slice(0, 3)).toEqual(['open', 'waiting', 'open']);
      const streamRequests = server.requests.filter((request) => request.url === '/api/events');
      expect(streamRequests).toHaveLength(2);
      for (const request of streamRequests) expect(request.headers.cookie).toBe('__Host-session=s1');
    } finally {
      client.close();
    }
    expect(states.at(-1)).toBe('closed');
  });

  it('stops for good when the hub says the session has ended, and when the hub is not the pinned one', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const server = await startServer(tlsServerOptions(hub), (_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"signed out"}');
    });
    const client = createPinnedClient(pinFor(server.url, hub));
    const ended = await new Promise<Error | undefined>((resolve) => {
      client.events({ onEvent: () => undefined, onState: (state, error) => state === 'closed' && resolve(error) });
    });
    expect(ended?.message).toMatch(/sign in again/);
    expect(server.requests).toHaveLength(1);
    client.close();

    const impostor = await startServer(tlsServerOptions(await setUpHubCertificates(tempDir(), HUB_NAMES)));
    const pinned = createPinnedClient(pinFor(impostor.url, hub));
    const refused = await new Promise<Error | undefined>((resolve) => {
      pinned.events({ onEvent: () => undefined, onState: (state, error) => state === 'closed' && resolve(error), retryMs: 10 });
    });
    expect(refused).toBeInstanceOf(HubIdentityError);
    expect(impostor.requests).toHaveLength(0);
    pinned.close();
  });
});

describe('with a certificate the school provides', () => {
  it('connects through the school’s issuing authority when pinned to the school’s root, and refuses the hub’s own authority', async () => {
    const dataDir = tempDir();
    const own = await setUpHubCertificates(dataDir, HUB_NAMES);
    const root = await schoolAuthority();
    const issuing = await intermediateAuthority(root);
    const school = importSchoolCertificate(dataDir, { ...(await schoolServerCertificate(issuing)), chainPem: issuing.certPem + root.certPem, names: HUB_NAMES });
    const server = await startServer(tlsServerOptions(school));

    const client = createPinnedClient(pinFor(server.url, school));
    try {
      expect((await client.request('GET', '/api/whoami')).status).toBe(200);
    } finally {
      client.close();
    }
    // A computer enrolled before the switch is pinned to the hub's own authority: it must enrol again.
    const stale = createPinnedClient(pinFor(server.url, own));
    try {
      await refusal(stale.request('GET', '/api/whoami'));
    } finally {
      stale.close();
    }
  });
});
