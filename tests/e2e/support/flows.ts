// What a person does, in the words on the screen: the tests find fields by their labels and buttons by their
// names, so a test breaks when the page stops making sense to a person, not when a class name changes.
import type { Page } from 'playwright-core';
import { answerCode, enrolAuthenticator, hasAuthenticator } from './authenticator';

export const school = { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'wandsworth' };
export const dsl = { username: 'j.okafor', displayName: 'Joy Okafor', password: 'teapot river window' };
export const staff = { username: 's.taylor', displayName: 'Sam Taylor', temporaryPassword: 'temporary lantern 42', password: 'purple kettle mountain' };

export async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor({ state: 'visible' });
}

export async function fill(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

export async function fillSetupForm(page: Page): Promise<void> {
  await heading(page, 'Set up your school');
  await fill(page, 'School name', school.name);
  await fill(page, 'URN (Unique Reference Number)', school.urn);
  await page.getByLabel('Local authority', { exact: true }).selectOption(school.localAuthority);
  await fill(page, 'Full name', dsl.displayName);
  await fill(page, 'Username', dsl.username);
  await fill(page, 'Password', dsl.password);
  await fill(page, 'Type the password again', dsl.password);
}

/** Sets the school up; returns the recovery key's groups as shown on screen (not yet confirmed). */
export async function setUpSchool(page: Page): Promise<string[]> {
  await fillSetupForm(page);
  await page.getByRole('button', { name: 'Set up the school' }).click();
  await heading(page, 'Print your recovery key');
  return page.locator('.recovery-key__group').allTextContents();
}

/** Confirms the recovery key, then sets up the DSL's authenticator app (asked for straight after, decision 0021). */
export async function confirmRecoveryKey(page: Page): Promise<void> {
  await page.getByLabel('I have printed the recovery key or stored it somewhere safe').check();
  await page.getByRole('button', { name: 'Finish setting up' }).click();
  await enrolAuthenticator(page, dsl.username);
  await heading(page, `Hello, ${dsl.displayName.split(' ')[0]}`);
}

export async function setUpSchoolAndConfirm(page: Page): Promise<string[]> {
  const groups = await setUpSchool(page);
  await confirmRecoveryKey(page);
  return groups;
}

/**
 * Signs in; for an account whose authenticator this test enrolled, also answers the code step that follows a right
 * password (a wrong password leaves the sign-in page as it was, for the test to look at).
 */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await heading(page, 'Sign in');
  await fill(page, 'Username', username);
  await fill(page, 'Password', password);
  const [response] = await Promise.all([
    page.waitForResponse((answer) => answer.url().endsWith('/api/invoke') && (answer.request().postData() ?? '').includes('"command":"session.signIn"')),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
  const signedIn = ((await response.json()) as { ok: boolean }).ok;
  if (signedIn && hasAuthenticator(username)) await answerCode(page, username);
}

/**
 * A new account's first sign-in: the temporary password carries over to the forced change (it is not asked again),
 * the person chooses their own, and lands on their home page ("Hello, <first name>").
 */
export async function signInFirstTime(page: Page, person: { username: string; displayName: string; temporaryPassword: string; password: string }): Promise<void> {
  await signIn(page, person.username, person.temporaryPassword);
  await heading(page, 'Choose your own password');
  await fill(page, 'New password', person.password);
  await fill(page, 'Type the new password again', person.password);
  await page.getByRole('button', { name: 'Save my password and continue' }).click();
  // A DSL, head or administrator then sets up their authenticator app; staff go straight in.
  const hello = page.getByRole('heading', { level: 1, name: `Hello, ${person.displayName.split(' ')[0]}` });
  const enrol = page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' });
  await hello.or(enrol).first().waitFor();
  if (await enrol.isVisible()) await enrolAuthenticator(page, person.username);
  await heading(page, `Hello, ${person.displayName.split(' ')[0]}`);
}

/**
 * Days later: a session lasts at most a working day (decision 0016), so the person meets the sign-in page when they
 * next use the page, signs in again, and carries on where the address left them.
 */
export async function signInNextDay(page: Page, username: string, password: string): Promise<void> {
  await page.reload();
  await signIn(page, username, password);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in');
}

/** Follows a link in the main navigation, opening "More" first when the link is one of those behind it. */
export async function goTo(page: Page, linkName: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', { name: linkName, exact: true });
  if (!(await link.isVisible())) await nav.getByRole('button', { name: /^More/ }).click();
  await link.click();
  await heading(page, linkName);
}

export async function createStaffAccount(page: Page): Promise<void> {
  await goTo(page, 'Accounts');
  await page.getByRole('button', { name: 'Add an account' }).click();
  await heading(page, 'Add an account');
  await fill(page, 'Full name', staff.displayName);
  await fill(page, 'Username', staff.username);
  await page.getByLabel('Member of staff', { exact: true }).check();
  await page.getByLabel('Job', { exact: true }).selectOption('support');
  await fill(page, 'Temporary password', staff.temporaryPassword);
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page.getByRole('status').filter({ hasText: `Account created for ${staff.displayName}` }).waitFor();
}

/** The commands the page sends to the host, in order, for asserting what a page did or did not call. */
export function recordCommands(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/invoke')) return;
    try {
      sent.push((JSON.parse(request.postData() ?? '{}') as { command: string }).command);
    } catch {
      sent.push('(unreadable)');
    }
  });
  return sent;
}

/** Clicks a button and waits until the host has answered the command it sends. */
export async function clickAndAwait(page: Page, buttonName: string, command: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/invoke') && (response.request().postData() ?? '').includes(`"command":"${command}"`)),
    page.getByRole('button', { name: buttonName, exact: true }).click(),
  ]);
}
