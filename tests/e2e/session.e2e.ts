// First run to everyday use, through the real host and a real Chromium: set up the school, keep the recovery key,
// lock, unlock, sign out and sign in again.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, openPage, type OpenedPage } from './support/browser';
import { startTestHost, type TestSchoolHost } from './support/host';
import { answerCode, enrolAuthenticator } from './support/authenticator';
import { clickAndAwait, dsl, fill, fillSetupForm, goTo, heading, recordCommands, school, setUpSchool, signIn, signOut } from './support/flows';

let browser: Browser;
let school_: TestSchoolHost;
let opened: OpenedPage;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  school_ = await startTestHost();
  opened = await openPage(browser, school_.host.url);
});
afterEach(async () => {
  await opened?.context.close();
  await school_?.close();
});

describe('setting up the school and signing in', () => {
  it('sets up, shows the recovery key once, then locks, unlocks, signs out and signs in again', async () => {
    const { page, problems } = opened;
    const sent = recordCommands(page);

    // The token is taken out of the address bar at once.
    await heading(page, 'Set up your school');
    expect(page.url()).not.toContain('token=');

    // A failed submit keeps every word typed and the error summary takes focus.
    await fillSetupForm(page);
    await fill(page, 'Type the password again', 'something else entirely');
    await page.getByRole('button', { name: 'Set up the school' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.locator('.error-summary').textContent()).toContain('The two passwords do not match');
    expect(await page.getByLabel('School name', { exact: true }).inputValue()).toBe(school.name);
    expect(sent).not.toContain('setup.create');

    // The recovery key: 13 groups of 4, shown with the school, and setup is not finished until it is confirmed.
    await fill(page, 'Type the password again', dsl.password);
    const groups = await setUpSchool(page);
    expect(groups).toHaveLength(13);
    for (const group of groups) expect(group).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(await page.locator('.print-area').textContent()).toContain(`${school.name} (URN ${school.urn})`);
    await page.getByText(/if the last DSL forgets their password, nobody can open the records again/).waitFor();

    // Printed, the page holds only the key and the school.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-area').isVisible()).toBe(true);
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Finish setting up' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('button', { name: 'Finish setting up' }).click();
    await page.locator('.error-summary').getByText('Confirm that you have printed the recovery key').waitFor();
    expect(sent).not.toContain('setup.confirmRecoveryKey');
    await page.getByLabel('I have printed the recovery key or stored it somewhere safe').check();
    await page.getByRole('button', { name: 'Finish setting up' }).click();
    await enrolAuthenticator(page, dsl.username);

    // The DSL's home, with the navigation a DSL may use.
    await heading(page, 'Hello, Joy');
    const nav = page.getByRole('navigation', { name: 'Main' });
    // Three in the row: the new-concern alerts beside the menu take the room of a fourth.
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Home', 'Log a concern', 'Review queue']);
    await nav.getByRole('button', { name: 'More' }).click();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Home', 'Log a concern', 'Review queue', 'My concerns', 'Concerns about adults', 'File transfers', 'Pupils', 'Thresholds', 'Who to call', 'Culture report', 'Accounts', 'Active sessions', 'Settings', 'Change my password']);
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    expect(await page.locator('.recovery-key').count()).toBe(0);

    // Lock: nothing of the app is visible; a wrong password is refused with the server's message.
    await goTo(page, 'Settings');
    await page.getByRole('banner').getByRole('button', { name: 'Lock' }).click();
    await heading(page, 'Locked');
    await page.getByText(`${dsl.displayName}’s session is locked`).waitFor();
    expect(await page.getByRole('heading', { name: 'Settings' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await fill(page, `Password for ${dsl.username}`, 'not my password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.locator('.error-summary').getByText(`That is not ${dsl.displayName}’s password`).waitFor();
    expect(await page.locator('.error-summary').textContent()).not.toMatch(/username/i);
    await heading(page, 'Locked');

    // Unlock: back exactly where the DSL was.
    await fill(page, `Password for ${dsl.username}`, dsl.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await heading(page, 'Settings');

    // Sign out and in again.
    await signOut(page);
    await page.getByText(school.name).waitFor();
    await signIn(page, dsl.username, 'wrong password');
    const summary = page.locator('.error-summary');
    await summary.getByText('That username and password do not match an active account').waitFor();
    expect(await page.getByLabel('Username', { exact: true }).inputValue()).toBe(dsl.username);
    await fill(page, 'Password', dsl.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await answerCode(page, dsl.username);
    await heading(page, 'Hello, Joy');

    expect(problems).toEqual([]);
  });

  it('shows the lock screen when the core locks by itself, and keeps what was being typed', async () => {
    const { page } = opened;
    await setUpSchool(page);
    await page.getByLabel('I have printed the recovery key or stored it somewhere safe').check();
    await page.getByRole('button', { name: 'Finish setting up' }).click();
    await enrolAuthenticator(page, dsl.username);
    await heading(page, 'Hello, Joy');
    await goTo(page, 'Change my password');
    await fill(page, 'Current password', 'half typed');

    // The idle lock is the core's decision; the page finds out on its next poll or when the window regains focus.
    school_.host.app.lockEverySession();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await heading(page, 'Locked');
    expect(await page.getByLabel('Current password', { exact: true }).isVisible()).toBe(false);

    await fill(page, `Password for ${dsl.username}`, dsl.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await heading(page, 'Change my password');
    expect(await page.getByLabel('Current password', { exact: true }).inputValue()).toBe('half typed');
  });

  it('says when to try again after too many wrong passwords, without saying whether the username exists', async () => {
    const { page } = opened;
    await setUpSchool(page);
    await page.getByLabel('I have printed the recovery key or stored it somewhere safe').check();
    await page.getByRole('button', { name: 'Finish setting up' }).click();
    await enrolAuthenticator(page, dsl.username);
    await heading(page, 'Hello, Joy');
    await signOut(page);

    const messages: string[] = [];
    for (const username of ['no.such.person', dsl.username]) {
      for (let attempt = 0; attempt < 3; attempt++) {
        await fill(page, 'Username', username);
        await fill(page, 'Password', 'wrong password');
        await clickAndAwait(page, 'Sign in', 'session.signIn');
        await page.locator('.error-summary').waitFor();
        messages.push((await page.locator('.error-summary__message').textContent()) ?? '');
      }
    }
    // An account that exists and one that does not get the same words.
    expect(new Set(messages).size).toBe(1);

    await fill(page, 'Username', dsl.username);
    await fill(page, 'Password', dsl.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const retry = page.locator('.error-summary__retry');
    await retry.waitFor();
    expect(await retry.textContent()).toMatch(/^You can try again at ([01]\d|2[0-3]):[0-5]\d\.$/);
  });
});
