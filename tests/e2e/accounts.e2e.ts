// Managing accounts as a DSL: the server's own objections appear beside the field they are about, a reset needs
// a DSL's password or the recovery key, and disabling asks why. An administrator is offered only what they may grant.
import { describe, expect, it } from 'vitest';
import { enrolAuthenticator } from './support/authenticator';
import { clickAndAwait, confirmRecoveryKey, createStaffAccount, dsl, fill, goTo, heading, setUpSchool, setUpSchoolAndConfirm, signIn, signOut, staff } from './support/flows';
import type { OpenedPage } from './support/browser';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();

/** The error message shown beside a field, found through the field's aria-describedby. */
async function errorBeside(page: OpenedPage['page'], label: string): Promise<string> {
  const field = page.getByLabel(label, { exact: true });
  // The message is drawn just after the server's answer arrives: give the page up to 5 s to show it.
  for (const started = Date.now(); Date.now() - started < 5_000; await page.waitForTimeout(50)) {
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    if (errorId) return (await page.locator(`[id="${errorId}"]`).textContent()) ?? '';
  }
  return '';
}

describe('accounts', () => {
  it('shows the server’s objections beside the fields, resets with a DSL’s password or the recovery key, and disables with a reason', async () => {
    const { page, problems } = e2e.opened;
    const recoveryKey = (await setUpSchool(page)).join(' ');
    await confirmRecoveryKey(page);
    await createStaffAccount(page);

    // The same username again: the server says so, beside the username, and keeps everything typed.
    await page.getByRole('button', { name: 'Add an account' }).click();
    await fill(page, 'Full name', 'Another Sam');
    await fill(page, 'Username', staff.username);
    await page.getByLabel('Member of staff', { exact: true }).check();
    await page.getByLabel('Job', { exact: true }).selectOption('teaching');
    await fill(page, 'Temporary password', 'another temporary one');
    await clickAndAwait(page, 'Create the account', 'accounts.create');
    expect(await errorBeside(page, 'Username')).toContain('That username is already taken');
    expect(await page.getByLabel('Full name', { exact: true }).inputValue()).toBe('Another Sam');
    expect(await page.getByLabel('Temporary password', { exact: true }).inputValue()).toBe('another temporary one');
    await page.locator('.error-summary').getByRole('link', { name: /That username is already taken/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await page.getByLabel('Username', { exact: true }).getAttribute('id'));
    await page.getByRole('button', { name: 'Cancel' }).click();

    // A reset vouched for with a wrong DSL password is refused beside that field.
    await page.getByRole('button', { name: `Reset password for ${staff.displayName}` }).click();
    await heading(page, `Reset ${staff.displayName}’s password`);
    await fill(page, 'Temporary password', 'new temporary password');
    await page.getByLabel('A designated safeguarding lead', { exact: true }).check();
    await fill(page, 'DSL’s username', dsl.username);
    await fill(page, 'DSL’s password', 'not the password');
    await clickAndAwait(page, 'Reset the password', 'accounts.resetPassword');
    expect(await errorBeside(page, 'DSL’s password')).toContain('That password is not right');

    // The recovery key works instead, typed with its spaces.
    await page.getByLabel('The school’s recovery key', { exact: true }).check();
    await fill(page, 'Recovery key', recoveryKey);
    await page.getByRole('button', { name: 'Reset the password' }).click();
    await page.getByRole('status').filter({ hasText: `Password reset for ${staff.displayName}` }).waitFor();

    // Disabling asks why, and the list then says the account is disabled.
    await page.getByRole('button', { name: `Disable ${staff.displayName}’s account` }).click();
    await heading(page, `Disable ${staff.displayName}’s account`);
    await page.getByRole('button', { name: 'Disable the account' }).click();
    expect(await errorBeside(page, 'Why is the account being disabled?')).toContain('Say why the account is being disabled');
    await fill(page, 'Why is the account being disabled?', 'Left the school on 18/07/2026');
    await page.getByRole('button', { name: 'Disable the account' }).click();
    await page.getByRole('status').filter({ hasText: `${staff.displayName}’s account is disabled` }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: staff.username }).textContent()).toContain('Disabled');

    // Settings: the idle lock is saved and the footer says so.
    await goTo(page, 'Settings');
    await fill(page, 'Lock the screen after this many minutes without use', '0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await errorBeside(page, 'Lock the screen after this many minutes without use')).toContain('Lock after at least 1 minute');
    await fill(page, 'Lock the screen after this many minutes without use', '10');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();
    await page.getByText('locks itself after 10 minutes without use').waitFor();

    expect(problems).toEqual([]);
  });

  it('offers an administrator only the staff and administrator roles, and no way to change the headteacher’s account', async () => {
    const { page, problems } = e2e.opened;
    await setUpSchoolAndConfirm(page);
    const admin = { username: 'r.patel', displayName: 'Ravi Patel', temporaryPassword: 'temporary harbour 17', password: 'copper meadow lantern' };
    const head = { username: 'h.green', displayName: 'Hannah Green', temporaryPassword: 'temporary orchard 23' };
    await goTo(page, 'Accounts');
    for (const [person, role] of [[admin, 'Administrator / IT'], [head, 'Headteacher']] as const) {
      await page.getByRole('button', { name: 'Add an account' }).click();
      await fill(page, 'Full name', person.displayName);
      await fill(page, 'Username', person.username);
      await page.getByLabel(role, { exact: true }).check();
      await page.getByLabel('Job', { exact: true }).selectOption('office');
      await fill(page, 'Temporary password', person.temporaryPassword);
      await page.getByRole('button', { name: 'Create the account' }).click();
      await page.getByRole('status').filter({ hasText: `Account created for ${person.displayName}` }).waitFor();
    }
    await signOut(page);

    await signIn(page, admin.username, admin.temporaryPassword);
    await heading(page, 'Choose your own password');
    await fill(page, 'New password', admin.password);
    await fill(page, 'Type the new password again', admin.password);
    await clickAndAwait(page, 'Save my password and continue', 'session.changePassword');
    // An administrator then sets up their authenticator app before anything opens (decision 0021).
    await enrolAuthenticator(page, admin.username);
    await goTo(page, 'Accounts');
    const headRow = page.getByRole('row').filter({ hasText: head.username });
    await headRow.waitFor();
    expect(await headRow.getByRole('button').count()).toBe(0);

    await page.getByRole('button', { name: 'Add an account' }).click();
    await heading(page, 'Add an account');
    const roleGroup = page.getByRole('group', { name: /Role/ });
    expect(await roleGroup.getByRole('radio').evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).labels?.[0]?.textContent?.trim()))).toEqual(['Member of staff', 'Administrator / IT']);
    expect(await roleGroup.textContent()).toContain('Only a DSL can create DSL and headteacher accounts');
    expect(problems).toEqual([]);
  });
});
