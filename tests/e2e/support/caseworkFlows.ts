// A school with a DSL, the Worcestershire pack, pupils and concerns logged by a member of staff — made through the
// host's own app and dispatch (the same door the page uses), so the browser test starts at the DSL's queue.
import type { Page } from 'playwright-core';
import type { SafeguardingApp } from '../../../electron/core';
import { knowAuthenticatorFromStore } from './authenticator';
import { dsl, staff } from './flows';
import { newCaller } from '../../fixtures/doors/callers';
import { call, filedConcernId, seedSchoolWithAmy } from './seedSchool';

export { call };

export interface CaseworkSchool {
  amyId: string;
  benId: string;
  amyConcernId: string;
  benConcernId: string;
}

/** Sets up the school (Worcestershire pack), two pupils and two concerns from a teaching assistant, then signs out. */
export async function seedCaseworkSchool(app: SafeguardingApp, today: string): Promise<CaseworkSchool> {
  const amy = await seedSchoolWithAmy(app);
  const ben = await call(app, 'pupils.create', { upn: 'B123456789003', legalFirstName: 'Benjamin', legalLastName: 'Cole', preferredName: 'Ben', dateOfBirth: '2015-01-10', yearGroup: '6' });
  await call(app, 'accounts.create', { username: staff.username, displayName: staff.displayName, role: 'staff', staffGroup: 'support', temporaryPassword: staff.temporaryPassword });
  // The DSL enrolled through the core; the browser test's phone learns the secret (decision 0021).
  knowAuthenticatorFromStore(app, dsl.username);
  // The DSL stays at work on her laptop (so the records are open) while the teaching assistant logs two concerns
  // from the classroom computer, a door of its own.
  const classroom = newCaller();
  await call(app, 'session.signIn', { username: staff.username, password: staff.temporaryPassword }, classroom);
  await call(app, 'session.changePassword', { currentPassword: staff.temporaryPassword, newPassword: staff.password }, classroom);
  const amyConcern = await call(app, 'concerns.submit', {
    pupils: [{ pupilId: amy.id, part: 'subject' }],
    occurredDate: today,
    occurredTime: '08:15',
    location: 'Classroom 5H',
    whatHappened: 'Amy has a bruise on her left forearm, about 3 cm, purple. She flinched when I touched her arm.',
    childWords: 'Dad grabbed me when I dropped my plate.',
    categories: ['physical-abuse'],
  }, classroom);
  const benConcern = await call(app, 'concerns.submit', {
    pupils: [{ pupilId: ben.id, part: 'subject' }],
    occurredDate: today,
    occurredTime: '08:40',
    whatHappened: 'Ben says he is scared to go home tonight.',
    immediateDanger: true,
    spokenToDslInPerson: 'yes',
  }, classroom);
  const seeded = { amyId: amy.id, benId: ben.id, amyConcernId: filedConcernId(app, amyConcern), benConcernId: filedConcernId(app, benConcern) };
  await call(app, 'session.signOut', {}, classroom);
  await call(app, 'session.signOut', {});
  return seeded;
}

/** Goes to a page by its address, as a bookmark or a link from another page would. */
export async function openChildFile(page: Page, pupilId: string, name: string): Promise<void> {
  await page.evaluate((id) => {
    window.location.hash = `#/children/${id}`;
  }, pupilId);
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The titles of the chronology's rows, in the order shown. */
export async function chronologyTitles(page: Page): Promise<string[]> {
  return (await page.locator('table.chronology tbody th').allTextContents()).map((text) => text.replace(/^\s*Significant\s*/, '').trim());
}

/** With E2E_SCREENSHOTS=/some/folder, keeps a full-page picture of each step for a person to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  const folder = process.env.E2E_SCREENSHOTS;
  if (folder) await page.screenshot({ path: `${folder}/casework-${name}.png`, fullPage: true });
}
