// The network door into dispatch, on Fastify: the loopback browser mode (plain HTTP on 127.0.0.1, a per-launch token
// in the page's address) and the hub (HTTPS for the whole school network, a session cookie and a custom header).
// Both check Host and Origin, cap bodies, send the same strict headers on every response, and pass each request to
// dispatch with its own caller: the session held in the browser's cookie, the client's address, its user agent.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Server as TlsServer } from 'node:tls';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { createSession } from 'better-sse';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { mayReceiveConcernAlerts, type ErrorCode } from '../../shared/api';
import { contentSecurityPolicy, deliverSealed, deliverVouched, dispatch, type Caller, type SafeguardingApp } from '../core';
import { vouchedDeliverySchema, type VouchedDelivery } from '../core/intake';
import { HUB_INTAKE_KEYS_PATH, HUB_INTAKE_PATH, HUB_ROOT_CERTIFICATE_PATH, VOUCHED_DELIVERY_HEADER, hubKeysDocument, rootCertificateDownload, type RemoteInvoke } from '../core/network';
import type { Alert } from '../core/alerts';

export type DoorMode =
  | { kind: 'loopback'; token: string }
  | {
      kind: 'hub';
      tls: { key: string | Buffer; cert: string | Buffer };
      /** The names and addresses the school reaches the hub by (as in its certificate); any other Host is refused. */
      names: readonly string[];
      /** The certificate computers pin and IT deploys, offered at /hub-root.pem to anyone (it is public). */
      rootPem?: () => string;
    };

export interface DoorOptions {
  app: SafeguardingApp;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  mode: DoorMode;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Sign-in tries allowed from one client address in `signInWindowSeconds` before the door answers "wait". */
  signInTriesPerClient?: number;
  signInWindowSeconds?: number;
  /**
   * Connect mode (loopback only): the page's commands go here — connecting this computer, then the school's hub —
   * instead of this computer's own dispatch. The hub's session stays in this process, never in a cookie of this door.
   */
  remote?: RemoteInvoke;
}

/** Every POST from the hub's own page carries this: a cross-site form or `fetch` cannot send it without a preflight. */
export const REQUEST_HEADER = 'x-safeguarding-request';
/** `__Host-`: only over HTTPS, only from this exact host, path `/` — no subdomain or other path can set or read it. */
export const HUB_SESSION_COOKIE = '__Host-sr_session';
/**
 * The loopback session cookie. Not `__Host-`/`Secure`: that door is plain HTTP on 127.0.0.1, where the per-launch
 * token (never a cookie) keeps other sites and other users of the computer out.
 */
export const LOOPBACK_SESSION_COOKIE = 'sr_session';

const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/**
 * An envelope is the concern's JSON, padded to 256 bytes, behind a header of at most 329 bytes: whatever the hub takes
 * as `concerns.submit` also fits when it arrives sealed from an outbox.
 */
const ENVELOPE_ALLOWANCE_BYTES = 64 * 1024;
/** How a refusal of a delivered envelope is answered over HTTP; the body is the same result value as /api/invoke's. */
/** The voucher header's JSON, or null when it is not a voucher and signature in the shape the hub issues. */
function parseVouched(header: string): VouchedDelivery | null {
  try {
    const parsed = vouchedDeliverySchema.safeParse(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const deliveryStatus: Partial<Record<ErrorCode, number>> = { unauthenticated: 401, forbidden: 403, invalid_input: 400, internal: 500 };
/** Commands that try a secret: the door slows a client that tries too many, whoever it claims to be. */
const SECRET_COMMANDS = new Set(['session.signIn', 'session.unlock', 'setup.create', 'accounts.resetPassword', 'session.changePassword']);

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** The door's own answer to a request it will not pass to dispatch, with the code that says why. */
function refusal(code: ErrorCode, message: string, retryAt?: string) {
  return { ok: false, error: { code, message, ...(retryAt ? { retryAt } : {}) } };
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '', 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return presented.length === expected.length && crypto.timingSafeEqual(presented, expected);
}

export interface Door {
  server: FastifyInstance;
  /** Starts listening; answers the origin pages are served from. */
  listen(host: string, port: number): Promise<string>;
  /** A renewed certificate, taken into use for new connections without a restart (hub only). */
  setCertificate(tls: { key: string | Buffer; cert: string | Buffer }): void;
  close(): Promise<void>;
}

export function buildDoor(options: DoorOptions): Door {
  const { app, mode } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const hub = mode.kind === 'hub';
  const cookieName = hub ? HUB_SESSION_COOKIE : LOOPBACK_SESSION_COOKIE;
  const signInLimiter = new RateLimiterMemory({ points: options.signInTriesPerClient ?? 30, duration: options.signInWindowSeconds ?? 600 });
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const server = Fastify({
    logger: false,
    bodyLimit: maxBodyBytes,
    trustProxy: false,
    // A malformed percent-encoding (`/%ff`) is the request's fault: answered as such, without touching the log.
    frameworkErrors: (_error, _request, reply) => {
      void (reply as unknown as FastifyReply).code(400).header('Cache-Control', 'no-store').send(refusal('bad_request', 'The address is not valid.'));
    },
    ...(hub ? { https: { key: mode.tls.key, cert: mode.tls.cert, minVersion: 'TLSv1.2' as const } } : {}),
  });
  // JSON only: a text/plain body (what a cross-site form can send without a preflight) is refused outright.
  server.removeContentTypeParser(['text/plain']);
  // The hub also takes sealed envelopes as they are (POST /api/intake); nothing else reads a binary body.
  if (hub) server.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  void server.register(fastifyCookie);

  const logRefusal = (request: FastifyRequest, why: string) => {
    if (hub) app.log.error('network door refused a request', new Error(`${why} from ${request.ip} (${request.method} ${request.url.split('?')[0]})`));
  };
  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, message: string, retryAt?: string) => {
    if (status === 403 || status === 429) logRefusal(request, `${status} ${message}`);
    return reply.code(status).header('Cache-Control', 'no-store').send(refusal(code, message, retryAt));
  };

  server.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(securityHeaders)) reply.header(name, value);
    if (hub) reply.header('Strict-Transport-Security', 'max-age=31536000');
    return payload;
  });

  // DNS rebinding and hostile pages: a page on another site that points its name at this computer still sends its
  // own Host, and a cross-site request carries its own Origin.
  server.addHook('onRequest', async (request, reply) => {
    if (!allowedHosts.has((request.headers.host ?? '').toLowerCase())) return refuse(request, reply, 403, 'forbidden', 'This address is not allowed.');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) return refuse(request, reply, 403, 'forbidden', 'Requests from other sites are not allowed.');
  });

  server.setErrorHandler((error: { code?: string; statusCode?: number }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return refuse(request, reply, 413, 'too_large', `The request is larger than ${Math.round(maxBodyBytes / 1024 / 1024)} MB.`);
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return refuse(request, reply, 415, 'unsupported_media_type', 'Send JSON.');
    if (error.statusCode === 400) return refuse(request, reply, 400, 'bad_request', 'The request was not valid JSON.');
    const reference = app.log.error('network door', error);
    return reply.code(500).send(refusal('internal', `Something went wrong. Quote reference ${reference} to your IT lead.`));
  });

  const callerOf = (request: FastifyRequest): Caller => ({
    door: hub ? 'https' : 'http',
    sessionId: request.cookies[cookieName] ?? null,
    address: request.ip,
    computer: request.headers['user-agent'] ?? null,
  });

  const setSessionCookie = (reply: FastifyReply, sessionId: string | null) => {
    const attributes = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: hub };
    if (sessionId) reply.setCookie(cookieName, sessionId, attributes);
    else reply.clearCookie(cookieName, attributes);
  };

  server.post('/api/invoke', async (request, reply) => {
    if (mode.kind === 'loopback' && !tokenMatches(request.headers.authorization, mode.token)) {
      return refuse(request, reply, 401, 'forbidden', 'This page’s session has ended. Open the address that `npm start` printed.');
    }
    if (hub && request.headers[REQUEST_HEADER] !== '1') {
      return refuse(request, reply, 403, 'forbidden', 'This request did not come from the Safeguarding Records page.');
    }
    if (Buffer.isBuffer(request.body)) return refuse(request, reply, 415, 'unsupported_media_type', 'Send JSON.');
    const envelope = request.body as { command?: unknown; input?: unknown } | null;
    if (typeof envelope !== 'object' || envelope === null) return refuse(request, reply, 400, 'bad_request', 'The request was not a command.');
    if (typeof envelope.command === 'string' && SECRET_COMMANDS.has(envelope.command)) {
      try {
        await signInLimiter.consume(request.ip);
      } catch (limited) {
        const waitMs = (limited as { msBeforeNext?: number }).msBeforeNext ?? 60_000;
        const retryAt = new Date(Date.now() + waitMs).toISOString();
        reply.header('Retry-After', String(Math.ceil(waitMs / 1000)));
        return refuse(request, reply, 429, 'rate_limited', 'Too many tries from this computer. Wait until the time shown, then try again.', retryAt);
      }
    }
    if (options.remote && mode.kind === 'loopback') return reply.header('Cache-Control', 'no-store').send(await options.remote(envelope.command, envelope.input));
    const caller = callerOf(request);
    const held = caller.sessionId;
    const result = await dispatch(app, envelope.command, envelope.input, caller);
    if (caller.sessionId !== held) setSessionCookie(reply, caller.sessionId);
    return reply.header('Cache-Control', 'no-store').send(result);
  });

  server.route({ method: ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'], url: '/api/invoke', handler: async (request, reply) => refuse(request, reply, 405, 'method_not_allowed', 'Use POST.') });

  // Pushed alerts for DSLs' pages. Nothing in an event names a child; the page fetches the rest under its session.
  server.get('/api/events', async (request, reply) => {
    const caller = callerOf(request);
    const session = app.current(caller)?.session;
    // A password alone is not a sign-in for a DSL: no alerts until the second factor is given (decision 0021).
    if (!session || session.pendingSecondFactor || !mayReceiveConcernAlerts(session.user.role)) return refuse(request, reply, 403, 'forbidden', 'Alerts are for signed-in DSLs.');
    reply.hijack();
    for (const [name, value] of Object.entries(securityHeaders)) reply.raw.setHeader(name, value);
    const stream = await createSession(request.raw, reply.raw, { keepAlive: 20_000, retry: 2_000, trustClientEventId: false });
    const unsubscribe = app.alerts.subscribe((alert: Alert) => {
      // A session that has locked or ended since the stream opened hears nothing more until it is back.
      if (app.current(caller)?.session === session && stream.isConnected) stream.push(alert, alert.kind);
    });
    stream.once('disconnected', unsubscribe);
  });

  if (hub) {
    // A concern sealed on a connect-mode computer while the hub was out of reach, delivered by its author's session
    // (decision 0024). The answer carries the hub's signed receipt for exactly these bytes.
    server.post(HUB_INTAKE_PATH, { bodyLimit: maxBodyBytes + ENVELOPE_ALLOWANCE_BYTES }, async (request, reply) => {
      if (request.headers[REQUEST_HEADER] !== '1') return refuse(request, reply, 403, 'forbidden', 'This request did not come from the Safeguarding Records app.');
      if (!Buffer.isBuffer(request.body)) return refuse(request, reply, 415, 'unsupported_media_type', 'Send the sealed envelope as application/octet-stream.');
      // With a voucher, no session is needed (the hub may have restarted since it was sealed); otherwise the author's session.
      const voucherHeader = request.headers[VOUCHED_DELIVERY_HEADER];
      let result;
      if (typeof voucherHeader === 'string') {
        const vouched = parseVouched(voucherHeader);
        if (!vouched) return refuse(request, reply, 400, 'bad_request', 'The voucher sent with this concern is not one the hub can read.');
        result = deliverVouched(app, callerOf(request), request.body, vouched);
      } else {
        result = deliverSealed(app, callerOf(request), request.body);
      }
      if (!result.ok && result.error.code === 'forbidden') logRefusal(request, `403 ${result.error.message}`);
      return reply
        .code(result.ok ? 200 : (deliveryStatus[result.error.code] ?? 400))
        .header('Cache-Control', 'no-store')
        .send(result.ok ? { ok: true, value: { receipt: result.value.receipt, outcome: result.value.outcome } } : result);
    });
    server.route({ method: ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'], url: HUB_INTAKE_PATH, handler: async (request, reply) => refuse(request, reply, 405, 'method_not_allowed', 'Use POST.') });
    // Public halves only (the key concerns are sealed to, the key receipts are signed with), for computers enrolling.
    server.get(HUB_INTAKE_KEYS_PATH, async (_request, reply) => reply.header('Cache-Control', 'no-store').send(hubKeysDocument(app.intake.hubKeys())));
  }

  if (mode.kind === 'hub' && mode.rootPem) {
    const rootPem = mode.rootPem;
    server.get(HUB_ROOT_CERTIFICATE_PATH, async (_request, reply) => {
      const download = rootCertificateDownload({ rootPem: rootPem() });
      return reply.code(download.status).headers(download.headers).send(download.body);
    });
  }

  void server.register(fastifyStatic, {
    root: path.resolve(options.staticDir),
    wildcard: false,
    index: false,
    serve: false,
  });

  // The page itself, and its files; any other path gets the page (its router shows "not found" itself).
  const indexFile = path.join(path.resolve(options.staticDir), 'index.html');
  server.get('/*', async (request, reply) => {
    let relative: string;
    try {
      relative = decodeURIComponent(request.url.split('?')[0]!).replace(/^\/+/, '');
    } catch {
      // A malformed percent-encoding (`/%ff`) is the request's fault, answered without touching the log.
      return refuse(request, reply, 400, 'bad_request', 'The address is not valid.');
    }
    const root = path.resolve(options.staticDir);
    const file = path.resolve(root, relative || 'index.html');
    const inside = file.startsWith(root + path.sep);
    if (inside && relative && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.header('Cache-Control', 'public, max-age=31536000, immutable').sendFile(path.relative(root, file));
    }
    if (!fs.existsSync(indexFile)) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The app has not been built yet. Run `npm start` again, which builds it.');
    }
    return reply.header('Cache-Control', 'no-store').sendFile('index.html');
  });
  server.setNotFoundHandler(async (request, reply) => refuse(request, reply, 405, 'method_not_allowed', 'Use GET.'));

  return {
    server,
    async listen(host, port) {
      await server.listen({ host, port });
      const address = server.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const scheme = hub ? 'https' : 'http';
      const names = mode.kind === 'hub' ? mode.names : [host];
      const hostPart = (name: string) => (name.includes(':') && !name.startsWith('[') ? `[${name}]` : name);
      const withPort = (name: string) => (hub && actualPort === 443 ? hostPart(name) : `${hostPart(name)}:${actualPort}`);
      allowedHosts = new Set(names.map((name) => withPort(name).toLowerCase()));
      allowedOrigins = new Set(names.map((name) => `${scheme}://${withPort(name)}`.toLowerCase()));
      return `${scheme}://${withPort(names[0]!)}`;
    },
    setCertificate(tls) {
      (server.server as unknown as TlsServer).setSecureContext({ key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2' });
    },
    async close() {
      await server.close();
    },
  };
}
