import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
