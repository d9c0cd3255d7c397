// Getting a school ready for logging concerns, and the steps a member of staff takes on the form, in the words on
// the screen. The roster is imported through the page's own token (the DSL may manage it), as an admin would.
import type { Page } from 'playwright-core';
import { createStaffAccount, dsl, heading, setUpSchoolAndConfirm, signIn, signInFirstTime, signOut, staff } from './flows';

export const dslOnDuty = { name: 'Ms Priya Patel', extension: '214', whereToFind: 'the office next to reception' };
export const headteacher = { name: 'Mr Tom Reid', contact: 'extension 201, or 07700 900123' };

/** Three pupils; Ellie and Jack Brown share a household (siblings). */
export const pupils = {
  ellie: { first: 'Eleanor', preferred: 'Ellie', last: 'Brown', name: 'Ellie Brown' },
  jack: { first: 'Jack', preferred: '', last: 'Brown', name: 'Jack Brown' },
  amir: { first: 'Amir', preferred: '', last: 'Hussain', name: 'Amir Hussain' },
};

const rosterCsv = [
  'UPN,Legal Forename,Legal Surname,Preferred Forename,DOB,Year,Reg,Household',
  'L12345678901B,Eleanor,Brown,Ellie,04/03/2017,Year 4,4B,FAM-1',
  'N12345678902C,Jack,Brown,,12/09/2019,Year 2,2K,FAM-1',
  'Q12345678903D,Amir,Hussain,,21/01/2017,Year 4,4B,FAM-2',
].join('\r\n');

/** Sends a command with this tab's own host token, exactly as the page's client does. */
export async function invokeFromPage<T = unknown>(page: Page, command: string, input: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }> {
  return page.evaluate(
    async ({ command, input }) => {
      const token = window.sessionStorage.getItem('safeguarding.hostToken');
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ command, input }),
      });
      return (await response.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
    },
    { command, input },
  );
}

export async function expectOk(page: Page, command: string, input: unknown): Promise<void> {
  const answer = await invokeFromPage(page, command, input);
  if (!answer.ok) throw new Error(`${command} failed: ${JSON.stringify(answer.error)}`);
}

/** As the DSL (signed in): who to find in an emergency, the headteacher, and the roster. */
export async function prepareSchool(page: Page): Promise<void> {
  const read = await invokeFromPage(page, 'settings.get', {});
  if (!read.ok) throw new Error(`settings.get failed: ${JSON.stringify(read.error)}`);
  await expectOk(page, 'settings.update', { version: (read.value as { version: number }).version, dslOnDuty, headteacher });
  const file = { fileName: 'roster.csv', dataBase64: Buffer.from(rosterCsv, 'utf8').toString('base64') };
  const mapping = {
    UPN: 'upn',
    'Legal Forename': 'legalFirstName',
    'Legal Surname': 'legalLastName',
    'Preferred Forename': 'preferredName',
    DOB: 'dateOfBirth',
    Year: 'yearGroup',
    Reg: 'registrationGroup',
    Household: 'householdKey',
  };
  await expectOk(page, 'roster.import', { file, mapping, leftOn: '2026-07-22' });
}

/**
 * A DSL signed in at "another computer" (a request without this tab's cookie, whose session this tab never holds), as
 * on a hub in the school day: the records stay open, so staff can search the roster and their concerns are stored at
 * once. With nobody who holds the key signed in, the records are locked (decision 0022).
 */
export async function keepRecordsOpen(page: Page): Promise<void> {
  const answer = await page.evaluate(
    async ({ username, password }) => {
      const token = window.sessionStorage.getItem('safeguarding.hostToken');
      const response = await fetch('/api/invoke', {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ command: 'session.signIn', input: { username, password } }),
      });
      return (await response.json()) as { ok: boolean };
    },
    { username: dsl.username, password: dsl.password },
  );
  if (!answer.ok) throw new Error('The DSL at the other computer could not sign in');
}

/** A new school with a DSL, the roster and a member of staff, who is left signed in on their home page. */
export async function schoolWithStaffSignedIn(page: Page): Promise<void> {
  await setUpSchoolAndConfirm(page);
  await prepareSchool(page);
  await keepRecordsOpen(page);
  await createStaffAccount(page);
  await signOut(page);
  await signInFirstTime(page, staff);
}

export async function signInAs(page: Page, who: 'dsl' | 'staff'): Promise<void> {
  await signOut(page);
  if (who === 'dsl') {
    await signIn(page, dsl.username, dsl.password);
    await heading(page, 'Hello, Joy');
  } else {
    await signIn(page, staff.username, staff.password);
    await heading(page, 'Hello, Sam');
  }
}

export async function openLogConcern(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log a concern', exact: true }).click();
  await heading(page, 'Log a concern');
}

/** Types into the pupil search and chooses the match from the list with the keyboard. */
export async function choosePupil(page: Page, search: string, name: string): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Find a pupil' });
  await box.fill(search);
  await page.getByRole('listbox', { name: 'Pupils found' }).getByRole('option', { name: new RegExp(`^${name}`) }).waitFor();
  await box.press('ArrowDown');
  await box.press('Enter');
  await page.getByRole('list', { name: 'Pupils on this concern' }).getByText(name, { exact: false }).first().waitFor();
}

/** Waits for the draft to be saved (the status under the form says so). */
export async function draftSaved(page: Page): Promise<void> {
  await page.getByRole('status').filter({ hasText: /^Draft saved at ([01]\d|2[0-3]):[0-5]\d$/ }).waitFor({ timeout: 10_000 });
}

/** Moves focus on (a field losing focus saves the draft at once) and waits until the host has saved it. */
export async function blurAndSaveDraft(page: Page): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/invoke') && (response.request().postData() ?? '').includes('"command":"drafts.save"')),
    page.keyboard.press('Tab'),
  ]);
  await draftSaved(page);
}
