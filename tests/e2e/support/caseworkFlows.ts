// A school with a DSL, the Worcestershire pack, pupils and concerns logged by a member of staff — made through the
// host's own app and dispatch (the same door the page uses), so the browser test starts at the DSL's queue.
import type { Page } from 'playwright-core';
import { dispatch, type SafeguardingApp } from '../../../electron/core';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/api';
import { dsl, staff } from './flows';
import { passSecondFactor } from '../../fixtures/doors/authenticator';
import { knowAuthenticatorFromStore } from './authenticator';
import { personAt } from '../../fixtures/doors/callers';

export async function call<N extends CommandName>(app: SafeguardingApp, name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
  const result = await dispatch(app, name, input, personAt(app));
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`);
  // Seeding through the core: the person's phone answers the second-factor step after a sign-in (decision 0021).
  if (name === 'session.signIn' || name === 'setup.create') await passSecondFactor(app, personAt(app));
  return result.value as CommandOutput<N>;
}

export interface CaseworkSchool {
  amyId: string;
  benId: string;
  amyConcernId: string;
  benConcernId: string;
}

/** Sets up the school (Worcestershire pack), two pupils and two concerns from a teaching assistant, then signs out. */
export async function seedCaseworkSchool(app: SafeguardingApp, today: string): Promise<CaseworkSchool> {
  await call(app, 'setup.create', { school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' }, dsl: { username: dsl.username, displayName: dsl.displayName, password: dsl.password } });
  await call(app, 'setup.confirmRecoveryKey', { confirmed: true });
  await call(app, 'packs.choose', { packId: 'worcestershire-2019' });
  const amy = await call(app, 'pupils.create', {
    upn: 'A123456789012',
    legalFirstName: 'Amelia',
    legalLastName: 'Hughes',
    preferredName: 'Amy',
    dateOfBirth: '2016-03-04',
    yearGroup: '5',
    registrationGroup: '5H',
    contacts: [{ name: 'Karen Hughes', relationship: 'Mother', phone: '07700 900123', parentalResponsibility: true }],
  });
  const ben = await call(app, 'pupils.create', { upn: 'B123456789003', legalFirstName: 'Benjamin', legalLastName: 'Cole', preferredName: 'Ben', dateOfBirth: '2015-01-10', yearGroup: '6' });
  await call(app, 'accounts.create', { username: staff.username, displayName: staff.displayName, role: 'staff', staffGroup: 'support', temporaryPassword: staff.temporaryPassword });
  // The DSL enrolled through the core; the browser test's phone learns the secret (decision 0021).
  knowAuthenticatorFromStore(app, dsl.username);
  await call(app, 'session.signOut', {});
  await call(app, 'session.signIn', { username: staff.username, password: staff.temporaryPassword });
  await call(app, 'session.changePassword', { currentPassword: staff.temporaryPassword, newPassword: staff.password });
  const amyConcern = await call(app, 'concerns.submit', {
    pupils: [{ pupilId: amy.id, part: 'subject' }],
    occurredDate: today,
    occurredTime: '08:15',
    location: 'Classroom 5H',
    whatHappened: 'Amy has a bruise on her left forearm, about 3 cm, purple. She flinched when I touched her arm.',
    childWords: 'Dad grabbed me when I dropped my plate.',
    categories: ['physical-abuse'],
  });
  const benConcern = await call(app, 'concerns.submit', {
    pupils: [{ pupilId: ben.id, part: 'subject' }],
    occurredDate: today,
    occurredTime: '08:40',
    whatHappened: 'Ben says he is scared to go home tonight.',
    immediateDanger: true,
    spokenToDslInPerson: 'yes',
  });
  await call(app, 'session.signOut', {});
  return { amyId: amy.id, benId: ben.id, amyConcernId: amyConcern.id, benConcernId: benConcern.id };
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
