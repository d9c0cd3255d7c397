// The hub restarted locked (decision 0022): a new host on the same data folder, nobody who holds the key signed in.
// A member of staff signs in from a browser, is told the records are locked, and submits — sealed; then a DSL signs in
// from another browser, is told a concern was waiting (immediate danger first), and finds it in the new concerns.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Caller } from '../../electron/core';
import { startBrowserHost, type BrowserHost } from '../../electron/host';
import type { CommandInput, CommandName } from '../../shared/api';
import { passSecondFactor } from '../fixtures/doors/authenticator';
import { knowAuthenticatorFromStore } from './support/authenticator';
import { launchChromium, openPage } from './support/browser';
import { heading, signIn } from './support/flows';

const staticDir = path.resolve('dist/renderer');
const kdfCost = { memoryKiB: 1024, passes: 1 };
const DSL = { username: 'dsl.jones', password: 'correct horse battery staple' };
const STAFF = { username: 'm.lunchtime', password: 'dinner hall rota seven' };

let browser: Browser;
let dataDir: string;
const hosts: BrowserHost[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguarding-e2e-'));
});
afterAll(async () => {
  for (const host of hosts) await host.close().catch(() => undefined);
  await browser?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function run<N extends CommandName>(host: BrowserHost, caller: Caller, name: N, input: CommandInput<N>) {
  const result = await dispatch(host.app, name, input, caller);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as { id?: string };
}

describe('a hub restarted locked', () => {
  it('takes a member of staff’s concern from a browser, and the DSL who signs in next sees it', async () => {
    // Yesterday: the school, a pupil and a member of staff who has chosen their own password.
    const yesterday = await startBrowserHost({ dataDir, staticDir, kdfCost });
    hosts.push(yesterday);
    const desk: Caller = { door: 'test', sessionId: null };
    await run(yesterday, desk, 'setup.create', {
      school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' },
      dsl: { username: DSL.username, displayName: 'Priya Jones', password: DSL.password },
    });
    // The DSL's phone: the authenticator enrolled through the core, known to the browser's sign-in later (decision 0021).
    await passSecondFactor(yesterday.app, desk);
    knowAuthenticatorFromStore(yesterday.app, DSL.username);
    await run(yesterday, desk, 'setup.confirmRecoveryKey', { confirmed: true });
    const amy = await run(yesterday, desk, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5' });
    await run(yesterday, desk, 'accounts.create', { username: STAFF.username, displayName: 'Morgan Lunchtime', role: 'staff', staffGroup: 'midday', temporaryPassword: 'temporary password 1' });
    await run(yesterday, desk, 'session.signOut', {});
    await run(yesterday, desk, 'session.signIn', { username: STAFF.username, password: 'temporary password 1' });
    await run(yesterday, desk, 'session.changePassword', { currentPassword: 'temporary password 1', newPassword: STAFF.password });
    await yesterday.close();

    // A power cut; the hub starts again on the same folder, locked.
    const hub = await startBrowserHost({ dataDir, staticDir, kdfCost });
    hosts.push(hub);
    expect(hub.app.store).toBeNull();

    const staffPage = await openPage(browser, hub.url);
    await signIn(staffPage.page, STAFF.username, STAFF.password);
    await heading(staffPage.page, /^Hello, /);
    await staffPage.page.getByText('The records are locked until a DSL signs in').waitFor();
    expect(hub.app.store, 'a staff sign-in opens nothing').toBeNull();

    // The roster is in the locked store, so the form cannot search it: the concern goes through the page's own door.
    const today = new Date().toISOString().slice(0, 10);
    const reply = await staffPage.page.evaluate(
      async ({ token, input }) => {
        const response = await fetch('./api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Safeguarding-Request': '1', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ command: 'concerns.submit', input }),
        });
        return (await response.json()) as { ok: boolean; value?: { delivery: string; message: string }; error?: { message: string } };
      },
      {
        token: hub.token,
        input: {
          pupils: [{ pupilId: amy.id!, part: 'subject' }],
          occurredDate: today,
          occurredTime: '00:01',
          location: 'Dinner hall',
          whatHappened: 'Amy flinched when I reached past her for a tray.',
          immediateDanger: true,
          spokenToDslInPerson: 'yes',
        },
      },
    );
    expect(reply).toMatchObject({ ok: true, value: { delivery: 'sealed', message: 'Saved and sealed — the DSL will see it when the records are next opened.' } });
    await staffPage.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My concerns' }).click();
    await staffPage.page.getByText('Sealed — waiting for a DSL to open the records').waitFor();

    // The DSL signs in on another computer: the concern was ingested before their first page.
    const dslPage = await openPage(browser, hub.url);
    await signIn(dslPage.page, DSL.username, DSL.password);
    await heading(dslPage.page, 'Hello, Priya');
    await dslPage.page.getByText('1 concern logged while the records were locked say a child is in immediate danger').waitFor();
    await dslPage.page.getByText('1 concern arrived while the records were locked').waitFor();
    expect(hub.app.store!.prepare('SELECT count(*) FROM concerns').pluck().get()).toBe(1);

    await dslPage.page.getByRole('link', { name: 'open the new concerns' }).click();
    await dslPage.page.getByText('Hughes').first().waitFor();
    await staffPage.context.close();
    await dslPage.context.close();
  });
});
