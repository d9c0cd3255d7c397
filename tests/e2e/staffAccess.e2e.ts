// A second account with the staff role: it must choose its own password, sees only the staff home, cannot open
// the DSL's pages, and the host refuses the DSL's commands even when the page is bypassed.
import { describe, expect, it } from 'vitest';
import { clickAndAwait, createStaffAccount, fill, heading, recordCommands, setUpSchoolAndConfirm, signIn, signOut, staff } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();

describe('a member of staff', () => {
  it('changes the temporary password, sees the staff home, and cannot reach DSL pages or commands', async () => {
    const { page, problems } = e2e.opened;
    await setUpSchoolAndConfirm(page);
    await createStaffAccount(page);
    const row = page.getByRole('row').filter({ hasText: staff.username });
    expect(await row.textContent()).toContain('Active — has a temporary password');
    await signOut(page);

    // The temporary password works once, for choosing a new one, and nothing else is offered until then.
    await signIn(page, staff.username, staff.temporaryPassword);
    await heading(page, 'Choose your own password');
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    // The temporary password was typed a moment ago to sign in: the page carries it over instead of asking again.
    expect(await page.getByLabel('Temporary password', { exact: true }).count()).toBe(0);
    await fill(page, 'New password', staff.password);
    await fill(page, 'Type the new password again', 'a different password');
    await page.getByRole('button', { name: 'Save my password and continue' }).click();
    await page.locator('.error-summary').getByText('The two new passwords do not match').waitFor();
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe(staff.password);
    await fill(page, 'Type the new password again', staff.password);
    await clickAndAwait(page, 'Save my password and continue', 'session.changePassword');

    // The staff home: logging a concern, and no DSL or admin navigation.
    await heading(page, 'Hello, Sam');
    await page.getByRole('heading', { name: 'Log a concern' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Home', 'Log a concern', 'My concerns', 'Who to call']);
    await nav.getByRole('button', { name: 'More' }).click();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Home', 'Log a concern', 'My concerns', 'Who to call', 'Thresholds', 'Change my password']);
    expect(await page.getByRole('link', { name: /accounts/i }).count()).toBe(0);

    // Typing the address of the accounts page shows no access, and the page asks the host for nothing.
    const sent = recordCommands(page);
    await page.evaluate(() => {
      window.location.hash = '#/accounts';
    });
    await heading(page, 'You do not have access to this page');
    await page.evaluate(() => {
      window.location.hash = '#/settings';
    });
    await heading(page, 'You do not have access to this page');
    expect(sent.filter((command) => command !== 'app.status' && command !== 'session.touch')).toEqual([]);

    // Bypassing the page: the staff session's own token, straight to the host, is refused.
    const answer = await page.evaluate(async () => {
      const token = window.sessionStorage.getItem('safeguarding.hostToken');
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ command: 'accounts.list', input: {} }),
      });
      return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { code: string } } };
    });
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(false);
    expect(answer.body.error?.code).toBe('forbidden');

    // A reload keeps the session (the token is in this tab's sessionStorage) and still shows no access.
    await page.reload();
    await heading(page, 'You do not have access to this page');
    expect(page.url()).not.toContain('token=');

    // Signing in again uses the new password; the temporary one no longer works.
    await signOut(page);
    await signIn(page, staff.username, staff.temporaryPassword);
    await page.locator('.error-summary').getByText('That username and password do not match').waitFor();
    await fill(page, 'Password', staff.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Hello, Sam');

    expect(problems).toEqual([]);
  });
});
