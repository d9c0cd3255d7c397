// The browser host: a second door into the same dispatch, for machines without Electron's binary and for the
// end-to-end tests. It listens on 127.0.0.1 only, on a free port, and every API call must carry the token that
// was handed to the page in the URL fragment (never sent to a server, never logged).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SafeguardingApp, contentSecurityPolicy, dispatch, type AppOptions } from '../core';
import type { ErrorCode } from '../../shared/api';

export interface BrowserHostOptions {
  dataDir: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 or absent: a free port chosen by the operating system. */
  port?: number;
  clock?: () => Date;
  kdfCost?: AppOptions['kdfCost'];
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export interface BrowserHost {
  /** Open this in a browser: it carries the token in the fragment. */
  url: string;
  origin: string;
  token: string;
  app: SafeguardingApp;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const app = new SafeguardingApp({ dataDir: options.dataDir, clock: options.clock, kdfCost: options.kdfCost });
  const token = crypto.randomBytes(32).toString('base64url');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const staticRoot = path.resolve(options.staticDir);
  let origin = '';

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const reference = app.log.error('browser host', error);
      send(response, 500, { ok: false, error: { code: 'internal', message: `Something went wrong. Quote reference ${reference} to your IT lead.`, reference } });
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // DNS rebinding: a hostile page that resolves its own name to 127.0.0.1 still sends its own Host header.
    if (request.headers.host !== new URL(origin).host) return send(response, 403, refusal('forbidden', 'This address is not allowed.'));
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return send(response, 403, refusal('forbidden', 'Requests from other sites are not allowed.'));

    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/api/invoke') {
      if (request.method !== 'POST') return send(response, 405, refusal('method_not_allowed', 'Use POST.'));
      if (!tokenMatches(request.headers.authorization, token)) return send(response, 401, refusal('forbidden', 'This page’s session has ended. Open the address that `npm start` printed.'));
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, refusal('unsupported_media_type', 'Send JSON.'));
      const body = await readBody(request, maxBodyBytes);
      if (body === null) return send(response, 413, refusal('too_large', `The request is larger than ${Math.round(maxBodyBytes / 1024 / 1024)} MB.`));
      let envelope: { command?: unknown; input?: unknown };
      try {
        envelope = JSON.parse(body) as typeof envelope;
      } catch {
        return send(response, 400, refusal('bad_request', 'The request was not valid JSON.'));
      }
      if (typeof envelope !== 'object' || envelope === null) return send(response, 400, refusal('bad_request', 'The request was not a command.'));
      return send(response, 200, await dispatch(app, envelope.command, envelope.input, 'http'));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, refusal('method_not_allowed', 'Use GET.'));
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // A malformed percent-encoding (`/%ff`) is the request's fault, answered without touching the log.
      return send(response, 400, refusal('bad_request', 'The address is not valid.'));
    }
    serveStatic(pathname, response);
  }

  function serveStatic(pathname: string, response: http.ServerResponse): void {
    const relative = pathname.replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(staticRoot, relative);
    const inside = file === staticRoot || file.startsWith(staticRoot + path.sep);
    const target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(staticRoot, 'index.html');
    if (!fs.existsSync(target)) {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders });
      response.end('The app has not been built yet. Run `npm start` again, which builds it.');
      return;
    }
    response.writeHead(200, {
      'Content-Type': contentTypes[path.extname(target)] ?? 'application/octet-stream',
      'Cache-Control': target.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
      ...securityHeaders,
    });
    fs.createReadStream(target).pipe(response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    app,
    close: async () => {
      app.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The host's own answer to a request it will not pass to dispatch, with the code that says why. */
function refusal(code: ErrorCode, message: string) {
  return { ok: false, error: { code, message } };
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '', 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return presented.length === expected.length && crypto.timingSafeEqual(presented, expected);
}

/** The body as text, or null once it passes the cap (the rest is not read). */
function readBody(request: http.IncomingMessage, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners('data');
        request.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  const json = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...securityHeaders });
  response.end(json);
}
