// Unlock at start from the settings page (decision 0027), on the real hub over HTTPS with the real Secret Service
// (gnome-keyring on a private bus): the DSL reads the trade-off, cannot turn it on without confirming how the hub is
// kept, turns it on, and the hub started again on the same folder opens the records before anyone signs in; when the
// secret is lost, the next start is locked and the DSL who signs in is told.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKeyring } from '../../electron/core/crypto';
import { parseHubArguments, startHubFromArguments, type RunningHub } from '../../electron/host/hubMain';
import { as } from '../fixtures/doors/as';
import { newCaller } from '../fixtures/doors/callers';
import { startSecretService, type SecretService } from '../fixtures/protectedStorage/secretService';
import { knowAuthenticatorFromStore } from './support/authenticator';
import { seriousViolations } from './support/axe';
import { chromiumPath } from './support/browser';
import { dsl, goTo, heading, signIn } from './support/flows';

const kdfCost = { memoryKiB: 1024, passes: 1 };
let secretService: SecretService;
let dataDir: string;
let running: RunningHub | null = null;
let browser: Browser;

function serverKeyHash(chainPem: string): string {
  const leaf = new crypto.X509Certificate(chainPem.split(/(?=-----BEGIN CERTIFICATE-----)/)[0]!);
  return crypto.createHash('sha256').update(leaf.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

const startHub = () => startHubFromArguments(parseHubArguments(['--listen', '127.0.0.1:0', '--name', 'localhost', '--data-dir', dataDir]), path.resolve('dist/renderer'), { kdfCost });

beforeAll(async () => {
  if (process.platform !== 'linux') return;
  secretService = await startSecretService();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguarding-unlock-e2e-'));
  running = await startHub();
  const office = newCaller('test');
  await as(running.hub.app, office, 'setup.create', { school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' }, dsl: { username: dsl.username, displayName: dsl.displayName, password: dsl.password } });
  await as(running.hub.app, office, 'setup.confirmRecoveryKey', { confirmed: true });
  knowAuthenticatorFromStore(running.hub.app, dsl.username);
  await as(running.hub.app, office, 'session.signOut', {});
  // The hub keeps its server key across restarts, so one allow-list entry serves both starts.
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--ignore-certificate-errors-spki-list=${serverKeyHash(running.certificates.certificateChainPem)}`],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  secretService?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The DSL at a browser of her own, signed in (password and authenticator code) and on her home page. */
async function dslSignedIn(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(running!.hub.origin);
  await signIn(page, dsl.username, dsl.password);
  await heading(page, /^Hello, /);
  return page;
}

async function dslAtSettings(): Promise<Page> {
  const page = await dslSignedIn();
  await goTo(page, 'Settings');
  return page;
}

describe.skipIf(process.platform !== 'linux')('unlock at start on the settings page', () => {
  it('is turned on by a DSL who confirms how the hub is kept, opens the restarted hub by itself, and when the secret is lost tells the DSL who signs in', async () => {
    const page = await dslAtSettings();
    const section = page.getByRole('region', { name: 'Unlock at start' });
    await section.getByText('Unlock at start is off.', { exact: true }).waitFor();
    await section.getByText(/could then open every child’s record without a password/).waitFor();
    expect(await seriousViolations(page, 'settings with unlock at start')).toEqual([]);

    // Not without the confirmation: nothing is kept in protected storage.
    await section.getByRole('button', { name: 'Turn unlock at start on' }).click();
    await section.getByText('Confirm that the hub computer is kept as described above').first().waitFor();
    const installId = readKeyring(dataDir)!.installId;
    expect(secretService.entry(installId).getSecret()).toBeNull();

    await section.getByLabel(/The hub is in a locked room/).check();
    await section.getByRole('button', { name: 'Turn unlock at start on' }).click();
    await section.getByText(/^Unlock at start is on \(since \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\)\.$/).waitFor();
    expect(secretService.entry(installId).getSecret()).not.toBeNull();

    // The hub stops (an update) and starts again: open before anyone signs in.
    await page.context().close();
    await running!.stop();
    running = await startHub();
    expect(running.hub.startedWith).toMatchObject({ opened: true });
    expect(running.hub.app.store).not.toBeNull();

    // Turning it off from the page removes the secret from protected storage.
    const again = await dslAtSettings();
    const onPage = again.getByRole('region', { name: 'Unlock at start' });
    await onPage.getByRole('button', { name: 'Turn unlock at start off' }).click();
    await onPage.getByText('Unlock at start is off.', { exact: true }).waitFor();
    expect(secretService.entry(installId).getSecret()).toBeNull();

    // On again; then the computer's profile is rebuilt (the entry is gone) and the hub restarts: locked, and the DSL
    // who signs in is told on her home page, and Settings says why it is off.
    await onPage.getByLabel(/The hub is in a locked room/).check();
    await onPage.getByRole('button', { name: 'Turn unlock at start on' }).click();
    await onPage.getByText(/^Unlock at start is on \(since/).waitFor();
    await again.context().close();
    expect(secretService.entry(installId).deleteCredential()).toBe(true);
    await running!.stop();
    running = await startHub();
    expect(running.hub.startedWith).toMatchObject({ opened: false, reason: expect.stringContaining('has no secret') });
    expect(running.hub.app.store).toBeNull();

    const told = await dslSignedIn();
    await told.getByText('The hub could not open the records by itself when it started').waitFor();
    await told.getByText(/Unlock at start is now off, so the hub stays locked after a restart/).waitFor();
    expect(await seriousViolations(told, 'home after unlock at start failed')).toEqual([]);
    await goTo(told, 'Settings');
    const after = told.getByRole('region', { name: 'Unlock at start' });
    await after.getByText('Unlock at start is off.', { exact: true }).waitFor();
    await after.getByText('The last start could not open the records by itself').waitFor();
    await told.context().close();
  });
});
