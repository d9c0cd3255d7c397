// Connecting a computer to the school's hub from the page, in browser mode started with --connect (what `npm start
// -- --connect` runs where Electron's binary is missing): a real hub with its own certificate authority on another
// port, the browser host on loopback, and Chromium. The person types the hub's address, compares the fingerprint
// shown with the hub's, types a wrong code (told so beside the field, nothing saved), then the right one — and the
// hub's own sign-in page appears without a restart. axe checks each step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECT_FILE, readConnectSettings } from '../../electron/core/network';
import { startBrowserHost, type BrowserHost } from '../../electron/host';
import { parseHubArguments, startHubFromArguments, type RunningHub } from '../../electron/host/hubMain';
import { as } from '../fixtures/doors/as';
import { newCaller } from '../fixtures/doors/callers';
import { seriousViolations } from './support/axe';
import { launchChromium, openPage } from './support/browser';
import { dsl, heading } from './support/flows';

const cheapKdf = { memoryKiB: 1024, passes: 1 };
const staticDir = path.resolve('dist/renderer');
const folders: string[] = [];
let hub: RunningHub;
let computer: BrowserHost;
let computerDir: string;
let browser: Browser;

function tempFolder(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

beforeAll(async () => {
  hub = await startHubFromArguments(parseHubArguments(['--listen', '127.0.0.1:0', '--name', 'localhost', '--data-dir', tempFolder('safeguarding-hub-')]), staticDir, { kdfCost: cheapKdf });
  const office = newCaller('test');
  await as(hub.hub.app, office, 'setup.create', { school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' }, dsl: { username: dsl.username, displayName: dsl.displayName, password: dsl.password } });
  await as(hub.hub.app, office, 'session.signOut', {});
  // A staff computer in connect mode, never enrolled: its own data folder, empty.
  computerDir = tempFolder('safeguarding-computer-');
  computer = await startBrowserHost({ dataDir: computerDir, staticDir, kdfCost: cheapKdf, connect: true });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await computer?.close();
  await hub?.stop();
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

describe('connecting a computer to the school’s hub from the page', () => {
  it('checks the fingerprint, refuses a wrong code beside the field, and with the right code shows the hub’s sign-in page', async () => {
    const violations: string[] = [];
    const { page, problems } = await openPage(browser, computer.url);
    await heading(page, 'Connect to your school’s hub');
    violations.push(...(await seriousViolations(page, 'connect: the hub’s address')));

    await page.getByLabel('The hub’s address').fill(hub.hub.origin.replace(/^https:\/\//, ''));
    await page.getByRole('button', { name: 'Find the hub' }).click();
    await page.getByRole('heading', { name: 'Check the hub’s fingerprint' }).waitFor();
    // What the person compares with the hub's screen is the hub's own fingerprint, read over the network.
    expect(await page.getByTestId('hub-fingerprint').textContent()).toBe(hub.certificates.fingerprint.grouped);
    violations.push(...(await seriousViolations(page, 'connect: the fingerprint and the code')));

    const code = hub.certificates.fingerprint.enrolmentCode;
    const wrong = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    const field = page.getByLabel('Enrolment code');
    await field.fill(wrong);
    await page.getByRole('button', { name: 'Connect' }).click();
    // Beside the field (its described-by error), and in the summary at the top, which links to it.
    const errorId = `${await field.getAttribute('id')}-error`;
    await page.locator(`[id="${errorId}"]`).filter({ hasText: 'This code does not match the hub’s certificate' }).waitFor();
    expect(await field.getAttribute('aria-describedby')).toContain(errorId);
    expect(await page.getByRole('alert').getByRole('link').textContent()).toMatch(/does not match the hub’s certificate.*do not connect/);
    expect(fs.existsSync(path.join(computerDir, CONNECT_FILE)), 'a wrong code saves nothing').toBe(false);
    violations.push(...(await seriousViolations(page, 'connect: a wrong code')));

    await field.fill(code);
    await page.getByRole('button', { name: 'Connect' }).click();
    // The hub's page now: its school's name over its sign-in, served through this computer's pinned connection.
    await heading(page, 'Sign in');
    await page.getByText('Oakfield Primary School').first().waitFor();
    expect(readConnectSettings(computerDir)).toMatchObject({ hubUrl: hub.hub.origin, spkiSha256: hub.certificates.fingerprint.spkiSha256 });
    expect(computer.connectedHub?.()).toBe(hub.hub.origin);

    expect(problems).toEqual([]);
    expect(violations).toEqual([]);
  });
});
