// axe-core on every page this issue builds, including the states people actually meet: a form showing its
// errors, the lock screen after a wrong password, the forced password change.
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { clickAndAwait, confirmRecoveryKey, createStaffAccount, dsl, fill, goTo, heading, setUpSchool, signIn, signOut, staff } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();

describe('accessibility', () => {
  it('axe-core finds no serious or critical violations on any page', async () => {
    const { page } = e2e.opened;
    const violations: string[] = [];
    const check = async (where: string) => violations.push(...(await seriousViolations(page, where)));

    await heading(page, 'Set up your school');
    await check('setup');
    await page.getByRole('button', { name: 'Set up the school' }).click();
    await page.locator('.error-summary').waitFor();
    await check('setup with errors');

    await setUpSchool(page);
    await check('recovery key');
    await confirmRecoveryKey(page);
    await check('DSL home');

    await goTo(page, 'Accounts');
    await check('accounts');
    await page.getByRole('button', { name: 'Add an account' }).click();
    await heading(page, 'Add an account');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.locator('.error-summary').waitFor();
    await check('add an account with errors');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await createStaffAccount(page);
    await check('accounts with a new account');
    await page.getByRole('button', { name: /^Reset password for Sam Taylor/ }).click();
    await page.getByLabel('A designated safeguarding lead', { exact: true }).check();
    await check('reset a password');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: /^Disable Sam Taylor/ }).click();
    await check('disable an account');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await goTo(page, 'Settings');
    await check('settings');
    await fill(page, 'Lock the screen after this many minutes without use', '90');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('.error-summary').waitFor();
    await check('settings with errors');

    await goTo(page, 'Change my password');
    await check('change my password');

    await page.getByRole('banner').getByRole('button', { name: 'Lock' }).click();
    await heading(page, 'Locked');
    await check('lock screen');
    await fill(page, `Password for ${dsl.username}`, 'not my password');
    await clickAndAwait(page, 'Unlock', 'session.unlock');
    await page.locator('.error-summary').waitFor();
    await check('lock screen after a wrong password');
    await fill(page, `Password for ${dsl.username}`, dsl.password);
    // Wait for the core's answer to the unlock (key derivation and reopening the store are slow on a loaded
    // machine), then for the page it uncovers, rather than giving both together one fixed allowance.
    await clickAndAwait(page, 'Unlock', 'session.unlock');
    await heading(page, 'Change my password');

    await signOut(page);
    await check('sign in');
    await signIn(page, staff.username, 'wrong password');
    await page.locator('.error-summary').waitFor();
    await check('sign in after a wrong password');
    await fill(page, 'Password', staff.temporaryPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Choose your own password');
    await check('choose your own password');
    await fill(page, 'New password', staff.password);
    await fill(page, 'Type the new password again', staff.password);
    await page.getByRole('button', { name: 'Save my password and continue' }).click();
    await heading(page, 'Hello, Sam');
    await check('staff home');
    await page.evaluate(() => {
      window.location.hash = '#/accounts';
    });
    await heading(page, 'You do not have access to this page');
    await check('no access');

    expect(violations).toEqual([]);

    // The check can fail: an unlabelled field slipped into the page is reported as serious or critical.
    await page.evaluate(() => {
      document.querySelector('main')?.append(document.createElement('input'));
    });
    expect((await seriousViolations(page, 'a page with an unlabelled field')).join('\n')).toMatch(/label/);
  });
});
