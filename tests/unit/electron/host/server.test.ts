import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLog } from '../../../../electron/core';
import { startBrowserHost, type BrowserHost } from '../../../../electron/host';
import { cheapKdf, tempDataDir } from '../core/testSchool';

let host: BrowserHost;
let staticDir: string;

beforeEach(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Safeguarding Records</title>');
  host = await startBrowserHost({ dataDir: tempDataDir(), staticDir, kdfCost: cheapKdf, maxBodyBytes: 64 * 1024 });
});
afterEach(async () => {
  await host.close();
});

/** A raw request, so the test controls every header an attacker could. */
function request(options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const invoke = (command: string, input: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: '/api/invoke',
    headers: { 'Content-Type': 'application/json', Host: new URL(host.origin).host, Authorization: `Bearer ${host.token}`, Origin: host.origin, ...headers },
    body: JSON.stringify({ command, input }),
  });

describe('the browser host', () => {
  it('listens on 127.0.0.1 only and hands the token over in the URL fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(43);
  });

  it('runs a command for a request with the token, the right Host and the right Origin', async () => {
    const response = await invoke('app.status', {});
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { state: 'needs_setup' } });
  });

  it('refuses a request without the token or with a wrong one', async () => {
    expect((await invoke('app.status', {}, { Authorization: '' })).status).toBe(401);
    expect((await invoke('app.status', {}, { Authorization: `Bearer ${host.token.slice(0, -1)}x` })).status).toBe(401);
  });

  it('refuses another Host header (DNS rebinding) and another Origin (a hostile page)', async () => {
    expect((await invoke('app.status', {}, { Host: 'evil.example:80' })).status).toBe(403);
    expect((await invoke('app.status', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke('app.status', {}, { Origin: 'null' })).status).toBe(403);
  });

  it('refuses a body over the size cap, and anything but JSON', async () => {
    const large = await invoke('app.status', { padding: 'x'.repeat(70 * 1024) });
    expect(large.status).toBe(413);
    const form = await invoke('app.status', {}, { 'Content-Type': 'text/plain' });
    expect(form.status).toBe(415);
    const broken = await request({ method: 'POST', path: '/api/invoke', headers: { 'Content-Type': 'application/json', Host: new URL(host.origin).host, Authorization: `Bearer ${host.token}` }, body: '{"command":' });
    expect(broken.status).toBe(400);
  });

  it('serves the page with the strict Content-Security-Policy and never a file outside the renderer folder', async () => {
    const page = await request({ path: '/', headers: { Host: new URL(host.origin).host } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    fs.writeFileSync(path.join(path.dirname(staticDir), 'secret.txt'), 'not for the page');
    const escape = await request({ path: `/..%2f${path.basename(path.dirname(staticDir))}/secret.txt`, headers: { Host: new URL(host.origin).host } });
    expect(escape.body).not.toContain('not for the page');
    const keyring = await request({ path: '/../keyring.json', headers: { Host: new URL(host.origin).host } });
    expect(keyring.body).not.toContain('safeguarding-records-keyring');
  });
});

describe('the browser host’s own refusals', () => {
  const host_ = () => new URL(host.origin).host;
  const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;
  const logFile = () => path.join(host.app.dataDir, 'logs', 'app.log');

  it('answers a malformed address with 400, before any token is asked for, and writes nothing to the log', async () => {
    for (const address of ['/%ff', '/%E0%A4%A', '/assets/%']) {
      const response = await request({ path: address, headers: { Host: host_() } });
      expect(response.status, address).toBe(400);
      expect(codeOf(response.body), address).toBe('bad_request');
    }
    expect(fs.existsSync(logFile())).toBe(false);
  });

  it('names each refusal for what it is: wrong method, not JSON, too large, not a command', async () => {
    const authorised = { Host: host_(), Authorization: `Bearer ${host.token}`, Origin: host.origin };
    const getInvoke = await request({ path: '/api/invoke', headers: authorised });
    expect([getInvoke.status, codeOf(getInvoke.body)]).toEqual([405, 'method_not_allowed']);
    const putPage = await request({ method: 'PUT', path: '/', headers: { Host: host_() } });
    expect([putPage.status, codeOf(putPage.body)]).toEqual([405, 'method_not_allowed']);
    const form = await invoke('app.status', {}, { 'Content-Type': 'text/plain' });
    expect([form.status, codeOf(form.body)]).toEqual([415, 'unsupported_media_type']);
    const large = await invoke('app.status', { padding: 'x'.repeat(70 * 1024) });
    expect([large.status, codeOf(large.body)]).toEqual([413, 'too_large']);
    const broken = await request({ method: 'POST', path: '/api/invoke', headers: { ...authorised, 'Content-Type': 'application/json' }, body: '{"command":' });
    expect([broken.status, codeOf(broken.body)]).toEqual([400, 'bad_request']);
    const bare = await request({ method: 'POST', path: '/api/invoke', headers: { ...authorised, 'Content-Type': 'application/json' }, body: 'null' });
    expect([bare.status, codeOf(bare.body)]).toEqual([400, 'bad_request']);
    // Refusals that are about who is asking stay `forbidden`.
    const rebound = await invoke('app.status', {}, { Host: 'evil.example:80' });
    expect([rebound.status, codeOf(rebound.body)]).toEqual([403, 'forbidden']);
  });
});

describe('the local log', () => {
  it('never grows past its cap: the oldest lines move to app.log.1 and the newest stay in app.log', () => {
    const dataDir = tempDataDir();
    const log = fileLog(dataDir, { maxBytes: 4096 });
    let last = '';
    for (let index = 0; index < 200; index += 1) last = log.error('browser host', new Error(`failure number ${index}`));
    const current = path.join(dataDir, 'logs', 'app.log');
    expect(fs.statSync(current).size).toBeLessThanOrEqual(4096);
    expect(fs.statSync(`${current}.1`).size).toBeLessThanOrEqual(4096);
    expect(fs.readdirSync(path.dirname(current)).sort()).toEqual(['app.log', 'app.log.1']);
    expect(fs.readFileSync(current, 'utf8')).toContain(`[${last}]`);
  });
});
