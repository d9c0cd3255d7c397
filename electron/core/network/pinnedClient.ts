// The installed app's way to the hub in connect mode: HTTPS that trusts one certificate authority only — the one
// pinned at enrolment — and checks again, by the hash of the root's public key, that the chain ends there. A machine
// on the network that presents any other certificate gets nothing: not a password, not a session cookie.
import crypto from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import tls, { type DetailedPeerCertificate, type PeerCertificate } from 'node:tls';
import { CookieJar } from './cookieJar';
import { EventStreamParser, type ServerSentEvent } from './eventStreamParser';
import { spkiSha256 } from './fingerprint';

/** What enrolment saved: where the hub is and which root its certificates must chain to. */
export interface HubPin {
  /** The hub's origin, e.g. `https://records-hub.school.internal:8443`. */
  hubUrl: string;
  /** The root certificate (PEM) trusted for this hub and nothing else. */
  caCertificatePem: string;
  /** SHA-256 of that root's SubjectPublicKeyInfo, lower-case hex. */
  spkiSha256: string;
}

export const NOT_YOUR_HUB_MESSAGE =
  "This is not your school's records computer, or its certificate has changed. Do not enter your password. " +
  "Ask your IT lead to check the hub's certificate fingerprint before you connect again.";

/** The hub could not prove it is the enrolled hub. `detail` is for the IT lead and the log, never instead of the message. */
export class HubIdentityError extends Error {
  constructor(readonly detail: string) {
    super(NOT_YOUR_HUB_MESSAGE);
    this.name = 'HubIdentityError';
  }
}

/** The hub did not answer (switched off, wrong address, firewall): no certificate was shown at all. */
export class HubUnreachableError extends Error {
  constructor(
    hubUrl: string,
    readonly detail: string,
  ) {
    super(`The school's records computer at ${hubUrl} did not answer. Check this computer is on the school network; if it is, ask your IT lead whether the hub is running.`);
    this.name = 'HubUnreachableError';
  }
}

/** The header the hub requires on every state-changing request: a cross-site page cannot send it without asking. */
export const CSRF_HEADER = 'x-safeguarding-request';

export interface HubResponse<T = unknown> {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed body when the hub answered JSON. */
  json: T | undefined;
  text: string;
}

export interface HubEventStream {
  close(): void;
}

export interface HubEventStreamOptions {
  path?: string;
  onEvent(event: ServerSentEvent): void;
  /** 'open' on each (re)connection; 'waiting' before a retry; 'closed' for good, with why (ended session, wrong hub). */
  onState?(state: 'open' | 'waiting' | 'closed', error?: Error): void;
  /** First delay before reconnecting, unless the hub's `retry:` says otherwise; doubles while the hub stays away. */
  retryMs?: number;
  maxRetryMs?: number;
  /** With no byte for this long (the hub sends a comment as a heartbeat), the stream is taken as dead and reopened. */
  idleTimeoutMs?: number;
}

export interface PinnedClient {
  /** `body` is sent as JSON, or as application/octet-stream when it is a Buffer (a sealed envelope); `extraHeaders` as given. */
  request<T = unknown>(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<HubResponse<T>>;
  events(options: HubEventStreamOptions): HubEventStream;
  readonly cookies: CookieJar;
  /** Ends kept-alive connections and open event streams. */
  close(): void;
}

// node:tls reports a certificate the trust store cannot vouch for under these codes (OpenSSL's verify results).
const CERTIFICATE_ERROR_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_REJECTED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

/** Whether a failed request means the other end could not show it is the pinned hub (as against not answering). */
export function isIdentityFailure(error: unknown): boolean {
  if (error instanceof HubIdentityError) return true;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // ERR_SSL_*: the handshake itself failed, e.g. a server that offers only TLS 1.1.
  return typeof code === 'string' && (CERTIFICATE_ERROR_CODES.has(code) || code.startsWith('ERR_SSL_'));
}

function asHubError(error: unknown, hubUrl: string): Error {
  if (error instanceof HubIdentityError || error instanceof HubUnreachableError) return error;
  const detail = describeError(error);
  if (isIdentityFailure(error)) return new HubIdentityError(detail);
  return new HubUnreachableError(hubUrl, detail);
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}

/** The last certificate in the chain node:tls built: the trust anchor it verified against. */
function rootOf(certificate: PeerCertificate): PeerCertificate {
  let current = certificate as DetailedPeerCertificate;
  while (current.issuerCertificate && current.issuerCertificate !== current && current.issuerCertificate.fingerprint256 !== current.fingerprint256) {
    current = current.issuerCertificate;
  }
  return current;
}

// From the certificate's DER rather than `pubkey`, which node:tls gives as SubjectPublicKeyInfo for RSA keys but as a
// bare curve point for EC keys.
function spkiOf(certificateDer: Buffer): string {
  return spkiSha256(new crypto.X509Certificate(certificateDer).publicKey.export({ type: 'spki', format: 'der' }));
}

/**
 * node:tls calls this only after the chain has verified against `ca` (the pinned root), so the pin check is a second,
 * independent lock: it holds even if a wider trust store were ever passed by mistake. Then the usual name check.
 */
export function pinnedServerIdentityCheck(pin: string): (host: string, certificate: PeerCertificate) => Error | undefined {
  return (host, certificate) => {
    const root = rootOf(certificate);
    if (!root.raw || spkiOf(root.raw) !== pin) {
      return new HubIdentityError(`the chain ends at "${root.subject?.CN ?? 'an unknown certificate'}", whose key is not the one pinned at enrolment`);
    }
    const nameError = tls.checkServerIdentity(host, certificate);
    if (nameError) return new HubIdentityError(nameError.message);
    return undefined;
  };
}

export interface PinnedClientOptions {
  /** Per request, in milliseconds. */
  timeoutMs?: number;
}

export function createPinnedClient(pin: HubPin, options: PinnedClientOptions = {}): PinnedClient {
  const origin = new URL(pin.hubUrl);
  if (origin.protocol !== 'https:') throw new Error(`The hub's address must start with https:// (it was ${pin.hubUrl}).`);
  const hubUrl = origin.origin;
  if (!/^[0-9a-f]{64}$/i.test(pin.spkiSha256)) throw new Error('The pin must be a SHA-256 hash: 64 hex digits.');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const cookies = new CookieJar();
  const streams = new Set<HubEventStream>();
  const agent = new https.Agent({
    keepAlive: true,
    // Only the pinned root: not the operating system's store, not Node's bundled list.
    ca: pin.caCertificatePem,
    minVersion: 'TLSv1.2',
    rejectUnauthorized: true,
    checkServerIdentity: pinnedServerIdentityCheck(pin.spkiSha256.toLowerCase()),
  });

  function headersFor(method: string, extra: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { ...extra };
    const cookie = cookies.header();
    if (cookie) headers.cookie = cookie;
    if (method !== 'GET' && method !== 'HEAD') {
      headers[CSRF_HEADER] = '1';
      // What a browser on the hub's own page sends; the hub's Origin check treats this client the same way.
      headers.origin = hubUrl;
    }
    return headers;
  }

  /** `idleMs`: how long the connection may stay silent before the request is abandoned (none for the event stream). */
  function open(method: string, path: string, headers: Record<string, string>, body?: string | Buffer, idleMs?: number): Promise<IncomingMessage> {
    // A path only: `//elsewhere/…` or a full URL would carry the session cookie to another host.
    if (!path.startsWith('/') || path.startsWith('//')) return Promise.reject(new Error(`A request to the hub takes a path starting with one /, not ${path}.`));
    return new Promise((resolve, reject) => {
      const request = https.request(new URL(path, hubUrl), { method, agent, headers: headersFor(method, headers) }, (response) => {
        cookies.store(response.headers['set-cookie']);
        resolve(response);
      });
      if (idleMs !== undefined) {
        // Destroying the request also ends a response still being read, which then fails in readText.
        request.setTimeout(idleMs, () => request.destroy(new HubUnreachableError(hubUrl, `no answer for ${idleMs} ms`)));
      }
      request.on('error', (error) => reject(asHubError(error, hubUrl)));
      request.end(body);
    });
  }

  async function request<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<HubResponse<T>> {
    const upper = method.toUpperCase();
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = Buffer.isBuffer(payload) ? 'application/octet-stream' : 'application/json';
    const response = await open(upper, path, headers, payload, timeoutMs);
    const text = await readText(response).catch((error: unknown) => {
      throw asHubError(error, hubUrl);
    });
    const isJson = /^application\/(.+\+)?json\b/.test(response.headers['content-type'] ?? '');
    let json: T | undefined;
    if (isJson && text !== '') {
      try {
        json = JSON.parse(text) as T;
      } catch {
        // Left undefined: the caller still has the status and the text to report.
      }
    }
    return { status: response.statusCode ?? 0, headers: response.headers, json, text };
  }

  function events(streamOptions: HubEventStreamOptions): HubEventStream {
    const stream = openEventStream(streamOptions, {
      open: (path, headers) => open('GET', path, headers),
      forget: () => streams.delete(stream),
    });
    streams.add(stream);
    return stream;
  }

  return {
    request,
    events,
    cookies,
    close() {
      for (const stream of [...streams]) stream.close();
      agent.destroy();
    },
  };
}

function readText(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('the hub stopped answering part-way')));
  });
}

interface StreamTransport {
  open(path: string, headers: Record<string, string>): Promise<IncomingMessage>;
  forget(): void;
}

/** GET /api/events, read as text/event-stream, reopened after a drop with Last-Event-ID until closed or refused. */
function openEventStream(options: HubEventStreamOptions, transport: StreamTransport): HubEventStream {
  const path = options.path ?? '/api/events';
  const firstRetryMs = options.retryMs ?? 2_000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  let closed = false;
  let lastEventId = '';
  let serverRetryMs: number | undefined;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let current: IncomingMessage | undefined;

  const finish = (error?: Error): void => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    current?.destroy();
    transport.forget();
    options.onState?.('closed', error);
  };

  const retry = (): void => {
    if (closed) return;
    current = undefined;
    const base = serverRetryMs ?? firstRetryMs;
    const delay = Math.min(maxRetryMs, base * 2 ** Math.min(failures, 10));
    failures += 1;
    options.onState?.('waiting');
    timer = setTimeout(connect, delay);
  };

  const connect = (): void => {
    if (closed) return;
    const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    transport.open(path, headers).then(
      (response) => {
        if (closed) {
          response.destroy();
          return;
        }
        const status = response.statusCode ?? 0;
        if (status === 401 || status === 403 || status === 204) {
          // Signed out, session ended, or told to stop: reconnecting would not change the answer.
          response.resume();
          finish(status === 204 ? undefined : new Error(`The hub refused the alerts stream (${status}): sign in again.`));
          return;
        }
        if (status !== 200 || !(response.headers['content-type'] ?? '').startsWith('text/event-stream')) {
          response.resume();
          retry();
          return;
        }
        current = response;
        failures = 0;
        options.onState?.('open');
        const parser = new EventStreamParser();
        response.setEncoding('utf8');
        // Our own timer rather than the socket's: a kept-alive socket goes back to the agent's pool afterwards.
        let idle = setTimeout(() => response.destroy(), idleTimeoutMs);
        response.on('data', (text: string) => {
          clearTimeout(idle);
          idle = setTimeout(() => response.destroy(), idleTimeoutMs);
          for (const event of parser.push(text)) {
            lastEventId = event.lastEventId;
            options.onEvent(event);
          }
          serverRetryMs = parser.retryMs ?? serverRetryMs;
        });
        response.on('close', () => {
          clearTimeout(idle);
          if (current === response) retry();
        });
      },
      (error: unknown) => {
        // A hub that cannot show the pinned certificate is not retried: a person must look at it.
        if (error instanceof HubIdentityError) finish(error);
        else retry();
      },
    );
  };

  connect();
  return { close: () => finish() };
}
