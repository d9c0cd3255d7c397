// A new school's first hour in real Chromium: setup asks who staff find in an emergency (and says plainly what is
// wrong, keeping every word), the DSL's home lists the first steps and ticks them as they are done, term dates
// are confirmed in Settings, and a pupil found on the Pupils page links to the child's file only for a DSL.
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { expectOk } from './support/concernFlows';
import { confirmRecoveryKey, fill, fillSetupForm, goTo, heading, signInFirstTime, signOut } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();
const officeAdmin = { username: 'o.admin', displayName: 'Olu Admin', temporaryPassword: 'temporary office 55', password: 'copper garden bicycle' };

describe('a school’s first hour', () => {
  it('asks at setup who staff find in an emergency, then ticks off the first steps on the DSL’s home', async () => {
    const { page, problems } = e2e.opened;
    const violations: string[] = [];
    const check = async (where: string) => violations.push(...(await seriousViolations(page, where)));

    await fillSetupForm(page);
    await fill(page, 'DSL to find in person', 'Ms Priya Patel');
    await fill(page, 'Phone extension or number', 'ask reception');
    await fill(page, 'Where to find them', 'the office next to reception');
    await page.getByRole('button', { name: 'Set up the school' }).click();
    const summary = page.locator('.error-summary');
    await summary.getByText('Enter the extension or phone number in digits, for example 214').waitFor();
    await check('setup with a wrong extension');
    // Nothing typed is lost.
    expect(await page.getByLabel('DSL to find in person', { exact: true }).inputValue()).toBe('Ms Priya Patel');
    expect(await page.getByLabel('Where to find them', { exact: true }).inputValue()).toBe('the office next to reception');
    await fill(page, 'Phone extension or number', '214');
    await page.getByRole('button', { name: 'Set up the school' }).click();
    await heading(page, 'Print your recovery key');
    await confirmRecoveryKey(page);

    const list = page.getByRole('region', { name: 'Getting started' });
    await list.waitFor();
    await check('DSL home with the getting-started list');
    const step = (name: string) => list.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
    expect(await step('Say who staff find in an emergency').textContent()).toContain('done');
    for (const name of ['Import your pupils', 'Add staff accounts', 'Check your local-authority contacts', 'Confirm this school year’s term dates']) {
      expect(await step(name).textContent(), name).toContain('to do');
    }

    // Each step links to where it is done: term dates are confirmed in Settings.
    await step('Confirm this school year’s term dates').getByRole('link').click();
    await heading(page, 'Settings');
    const terms = page.getByRole('form', { name: 'Term dates' });
    expect(await terms.getByText('Not confirmed yet.').count()).toBe(2);
    await check('settings with term dates');
    await terms.getByRole('button', { name: 'Confirm term dates' }).click();
    await page.getByRole('status').filter({ hasText: 'Term dates saved' }).waitFor();
    expect(await terms.getByText('Not confirmed yet.').count()).toBe(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home', exact: true }).click();
    await heading(page, 'Hello, Joy');
    await list.waitFor();
    expect(await step('Confirm this school year’s term dates').textContent()).toContain('done');

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('links a pupil found on the Pupils page to the child’s file for a DSL, and not for an administrator', async () => {
    const { page, problems } = e2e.opened;
    await fillSetupForm(page);
    await page.getByRole('button', { name: 'Set up the school' }).click();
    await heading(page, 'Print your recovery key');
    await confirmRecoveryKey(page);
    await expectOk(page, 'pupils.create', { legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04', yearGroup: '5' });
    await expectOk(page, 'accounts.create', { username: officeAdmin.username, displayName: officeAdmin.displayName, role: 'admin', staffGroup: 'office', temporaryPassword: officeAdmin.temporaryPassword });

    const find = async () => {
      await goTo(page, 'Pupils');
      await fill(page, 'Name, UPN or registration group', 'hughes');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const table = page.getByRole('table', { name: /match(es)? “hughes”/ });
      await table.getByRole('cell', { name: 'Amelia Hughes', exact: true }).waitFor();
      return table;
    };
    const forDsl = await find();
    expect(await seriousViolations(page, 'pupils with a link to the file')).toEqual([]);
    await forDsl.getByRole('link', { name: 'Amelia Hughes', exact: true }).click();
    // The loaded file is headed with the child's name ("Child’s file" is only its caption, and the loading heading).
    await heading(page, 'Amelia Hughes');

    // The administrator may manage the roster but not read a child's file: the name is not a link.
    await signOut(page);
    await signInFirstTime(page, officeAdmin);
    const forAdmin = await find();
    expect(await forAdmin.getByRole('link', { name: 'Amelia Hughes' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
