// The hub restarted locked (decision 0022): a new host on the same data folder, nobody who holds the key signed in.
// A member of staff signs in from a browser, is told the records are locked, and logs a concern through the real form,
// typing the child's name and class because the pupil list is locked away (decision 0023) — sealed; then a DSL signs
// in from another browser, is told a concern was waiting (immediate danger first), matches it to the pupil from the
// concern page, and finds it in the child's file.
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
import { seriousViolations } from './support/axe';
import { launchChromium, openPage } from './support/browser';
import { choosePupil, openLogConcern } from './support/concernFlows';
import { fill, heading, signIn } from './support/flows';

const staticDir = path.resolve('dist/renderer');
const kdfCost = { memoryKiB: 1024, passes: 1 };
const DSL = { username: 'dsl.jones', password: 'correct horse battery staple' };
const STAFF = { username: 'm.lunchtime', password: 'dinner hall rota seven' };
const whatHappened = 'Amy flinched when I reached past her for a tray.';

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
  it('takes a member of staff’s concern from the form with the child named in words, and the DSL who signs in next matches it to the pupil', async () => {
    // Yesterday: the school, a pupil and a member of staff who has chosen their own password.
    const yesterday = await startBrowserHost({ dataDir, staticDir, kdfCost });
    hosts.push(yesterday);
    const desk: Caller = { door: 'test', sessionId: null };
    await run(yesterday, desk, 'setup.create', {
      school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' },
      dsl: { username: DSL.username, displayName: 'Priya Jones', password: DSL.password },
    });
    // A DSL signs in with an authenticator app (decision 0021): enrolled here through the core, and the browser's
    // phone learns the secret so the same DSL can sign in on the page tomorrow.
    await passSecondFactor(yesterday.app, desk);
    knowAuthenticatorFromStore(yesterday.app, DSL.username);
    await run(yesterday, desk, 'setup.confirmRecoveryKey', { confirmed: true });
    await run(yesterday, desk, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5' });
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

    // The pupil list is inside the locked records: the form says so and asks for the child's name and class instead.
    await openLogConcern(staffPage.page);
    await staffPage.page.getByText('The pupil list opens when a DSL signs in. Type the child’s name and class below; the DSL will match it to the right pupil.').waitFor();
    expect(await staffPage.page.getByRole('combobox', { name: 'Find a pupil' }).count(), 'no search box that can find nobody').toBe(0);
    const violations = await seriousViolations(staffPage.page, 'the concern form while the records are locked');

    // Nothing named: the message sits beside the words field, and every word typed stays.
    await fill(staffPage.page, 'Where it happened', 'Dinner hall');
    await fill(staffPage.page, 'What you saw or heard', whatHappened);
    await staffPage.page.getByRole('button', { name: 'Submit the concern' }).click();
    const summary = staffPage.page.locator('.error-summary');
    await summary.getByRole('link', { name: 'Choose a pupil, or type the child’s name and class' }).click();
    const described = staffPage.page.getByLabel('The child’s name and class', { exact: true });
    expect(await described.evaluate((field) => field === document.activeElement), 'the summary’s link goes to the words field').toBe(true);
    expect(await described.getAttribute('aria-invalid')).toBe('true');
    expect(await staffPage.page.getByLabel('What you saw or heard', { exact: true }).inputValue()).toBe(whatHappened);
    violations.push(...(await seriousViolations(staffPage.page, 'the locked concern form with an error')));

    await described.fill('Amy Hughes, Year 5 (the girl with the red coat)');
    await staffPage.page.getByLabel('A child is in immediate danger now', { exact: true }).check();
    await staffPage.page.getByLabel('Yes, I have told a DSL in person', { exact: true }).check();
    await staffPage.page.getByRole('button', { name: 'Submit the concern' }).click();
    await heading(staffPage.page, 'Thank you — your concern is saved and sealed');
    await staffPage.page.getByText('Saved and sealed — the DSL will see it when the records are next opened.').waitFor();
    await staffPage.page.getByText('The DSL will match the child you described — “Amy Hughes, Year 5 (the girl with the red coat)” — to the right pupil.').waitFor();
    expect(violations).toEqual([]);
    expect(hub.app.store, 'submitting opens nothing').toBeNull();
    await staffPage.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My concerns' }).click();
    await staffPage.page.getByText('Sealed — waiting for a DSL to open the records').waitFor();

    // The DSL signs in on another computer: the concern was ingested before their first page.
    const dslPage = await openPage(browser, hub.url);
    await signIn(dslPage.page, DSL.username, DSL.password);
    await heading(dslPage.page, 'Hello, Priya');
    await dslPage.page.getByText('1 concern logged while the records were locked say a child is in immediate danger').waitFor();
    await dslPage.page.getByText('1 concern arrived while the records were locked').waitFor();
    expect(hub.app.store!.prepare('SELECT count(*) FROM concerns').pluck().get()).toBe(1);

    // In the queue it waits as the member of staff's words; the DSL opens it and matches it to Amy from the roster.
    await dslPage.page.getByRole('link', { name: 'open the new concerns' }).click();
    await dslPage.page.getByRole('link', { name: /^Child not yet matched: “Amy Hughes, Year 5 \(the girl with the red coat\)”/ }).click();
    await heading(dslPage.page, 'Concern about a child not yet matched');
    expect(await seriousViolations(dslPage.page, 'a concern waiting to be matched')).toEqual([]);
    await choosePupil(dslPage.page, 'Hughes', 'Amy Hughes');
    await dslPage.page.getByRole('button', { name: 'Match this concern to Amy Hughes' }).click();
    await dslPage.page.getByRole('status').filter({ hasText: 'Matched to Amy Hughes.' }).waitFor();
    await heading(dslPage.page, 'Concern about Amy Hughes');
    // What the member of staff typed is still there, beside the match.
    await dslPage.page.getByText('Amy Hughes, Year 5 (the girl with the red coat)', { exact: true }).waitFor();

    // And it is in Amy's file now.
    await dslPage.page.getByRole('link', { name: 'Open Amy Hughes’s file' }).click();
    await heading(dslPage.page, /Amy Hughes/);
    const concerns = dslPage.page.getByRole('region', { name: 'Concerns (1)' });
    await concerns.getByRole('link', { name: /Amy flinched when I reached past her for a tray\./ }).waitFor();
    expect(await concerns.textContent()).toContain('logged by Morgan Lunchtime');
    await staffPage.context.close();
    await dslPage.context.close();
  });
});
