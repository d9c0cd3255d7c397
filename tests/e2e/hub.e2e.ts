// The school on one hub, three people at three browsers at once, over HTTPS with the hub's own certificate: a member
// of staff logs a concern, the DSL's open page shows it within 2 seconds without reloading, the head opens the
// culture report, and the member of staff cannot reach the DSL's pages.
//
// Trust: in a school, IT deploys the hub's root certificate to every computer. Here Chromium is told to accept the
// hub's own server key (--ignore-certificate-errors-spki-list, the key's SHA-256) — the page is still a secure
// context over real TLS; only the step "IT installed the root" is stood in for.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHubArguments, startHubFromArguments, type RunningHub } from '../../electron/host/hubMain';
import { newCaller } from '../fixtures/doors/callers';
import { knowAuthenticatorFromStore } from './support/authenticator';
import { seriousViolations } from './support/axe';
import { chromiumPath } from './support/browser';
import { choosePupil } from './support/concernFlows';
import { dsl, heading, signIn, staff } from './support/flows';
import { head } from './support/reportFlows';
import { as } from '../fixtures/doors/as';

let running: RunningHub;
let browser: Browser;
const contexts: BrowserContext[] = [];


/** SHA-256 of the server certificate's public key, base64: what Chromium's SPKI allow-list takes. */
function serverKeyHash(chainPem: string): string {
  const leaf = new crypto.X509Certificate(chainPem.split(/(?=-----BEGIN CERTIFICATE-----)/)[0]!);
  return crypto.createHash('sha256').update(leaf.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

async function personAtABrowser(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(running.hub.origin);
  return page;
}

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguarding-hub-e2e-'));
  const args = parseHubArguments(['--listen', '127.0.0.1:0', '--name', 'localhost', '--data-dir', dataDir]);
  running = await startHubFromArguments(args, path.resolve('dist/renderer'), { kdfCost: { memoryKiB: 1024, passes: 1 } });
  const app = running.hub.app;
  const office = newCaller('test');
  await as(app, office, 'setup.create', { school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' }, dsl: { username: dsl.username, displayName: dsl.displayName, password: dsl.password } });
  await as(app, office, 'setup.confirmRecoveryKey', { confirmed: true });
  await as(app, office, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H' });
  for (const person of [
    { ...staff, role: 'staff' as const, staffGroup: 'support' as const },
    { ...head, role: 'head' as const, staffGroup: 'leadership' as const },
  ]) {
    await as(app, office, 'accounts.create', { username: person.username, displayName: person.displayName, role: person.role, staffGroup: person.staffGroup, temporaryPassword: person.temporaryPassword });
    const first = newCaller('test');
    await as(app, first, 'session.signIn', { username: person.username, password: person.temporaryPassword });
    await as(app, first, 'session.changePassword', { currentPassword: person.temporaryPassword, newPassword: person.password });
    await as(app, first, 'session.signOut', {});
  }
  // The DSL and the head enrolled through the core; the browser test's phones learn their secrets.
  knowAuthenticatorFromStore(app, dsl.username);
  knowAuthenticatorFromStore(app, head.username);
  await as(app, office, 'session.signOut', {});
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--ignore-certificate-errors-spki-list=${serverKeyHash(running.certificates.certificateChainPem)}`],
  });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await running?.stop();
});

describe('one hub, three people at once', () => {
  it('takes a concern from a member of staff and shows it on the DSL’s open page within 2 seconds, while the head reads the culture report', async () => {
    const violations: string[] = [];
    const [dslPage, staffPage, headPage] = await Promise.all([personAtABrowser(), personAtABrowser(), personAtABrowser()]);
    expect(dslPage.url()).toMatch(/^https:\/\/localhost:\d+\//);
    expect(await dslPage.evaluate(() => window.isSecureContext)).toBe(true);
    violations.push(...(await seriousViolations(dslPage, 'sign in over HTTPS')));

    await signIn(dslPage, dsl.username, dsl.password);
    await heading(dslPage, 'Hello, Joy');
    const badge = dslPage.getByRole('banner').getByRole('link', { name: /New concerns/ });
    await badge.filter({ hasText: /New concerns\s*0/ }).waitFor();

    await signIn(headPage, head.username, head.password);
    await heading(headPage, 'Hello, Helen');
    await signIn(staffPage, staff.username, staff.password);
    await heading(staffPage, 'Hello, Sam');

    await staffPage.getByRole('main').getByRole('link', { name: 'Log a concern', exact: true }).click();
    await heading(staffPage, 'Log a concern');
    await choosePupil(staffPage, 'amy', 'Amy Hughes');
    await staffPage.getByLabel('What you saw or heard', { exact: true }).fill('Amy came in without a coat again and said there was no food at home last night.');
    const saved = staffPage.waitForResponse((response) => response.url().endsWith('/api/invoke') && (response.request().postData() ?? '').includes('"command":"concerns.submit"'));
    await staffPage.getByRole('button', { name: 'Submit the concern' }).click();
    await saved;
    const savedAt = Date.now();
    // The head's report is built while the DSL waits for the alert: one person's long work must not hold up another's.
    await headPage.getByRole('link', { name: 'Open the culture report' }).click();
    await badge.filter({ hasText: /New concerns\s*1/ }).waitFor({ timeout: 2_000 });
    const alertedAfterMs = Date.now() - savedAt;
    expect(alertedAfterMs, 'the DSL’s badge changed without a reload').toBeLessThan(2_000);
    await heading(staffPage, 'Thank you — the DSL has been told');
    await heading(headPage, 'Culture report');
    violations.push(...(await seriousViolations(headPage, 'culture report over HTTPS')));

    // The member of staff types the address of the DSL's queue: no access, and the command itself is refused.
    await staffPage.evaluate(() => {
      window.location.hash = '#/queue';
    });
    await heading(staffPage, 'You do not have access to this page');
    const refused = await staffPage.evaluate(async () => {
      const response = await fetch('./api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Safeguarding-Request': '1' },
        body: JSON.stringify({ command: 'concerns.listNew', input: {} }),
        credentials: 'same-origin',
      });
      return (await response.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The DSL opens what arrived: the concern itself, fetched under her own session.
    await badge.click();
    await dslPage.getByText('Amy Hughes').first().waitFor();
    expect(violations).toEqual([]);
  });

  it('refuses a request a hostile page sends with the DSL’s cookie: no custom header, or another site’s Origin', async () => {
    const page = await personAtABrowser();
    await signIn(page, dsl.username, dsl.password);
    await heading(page, 'Hello, Joy');
    // From the hub's own page but without the custom header: what a cross-site form submission would look like.
    const withoutHeader = await page.evaluate(async () => {
      const response = await fetch('./api/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ command: 'concerns.listNew', input: {} }) });
      return response.status;
    });
    expect(withoutHeader).toBe(403);
    // A page on another origin: SameSite=Strict keeps the cookie at home, and the Origin check refuses the request
    // anyway. The hostile page learns nothing from the opaque answer; the hub's audit log shows nothing ran.
    const listed = () => running.hub.app.store!.prepare("SELECT count(*) FROM audit_log WHERE command = 'concerns.listNew'").pluck().get() as number;
    const before = listed();
    const other = await page.context().newPage();
    await other.goto('about:blank');
    await other.evaluate(async (origin) => {
      await fetch(`${origin}/api/invoke`, { method: 'POST', mode: 'no-cors', credentials: 'include', body: JSON.stringify({ command: 'concerns.listNew', input: {} }) }).catch(() => undefined);
    }, running.hub.origin);
    expect(listed()).toBe(before);
  });
});
