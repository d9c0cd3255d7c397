// The second factor in real Chromium: the first DSL enrols straight after the recovery key, signs out, and signs in
// again with the password and a code; a wrong code is refused beside the field; a recovery code works once; and
// axe-core finds nothing serious on the code and enrolment pages (decision 0021).
import { describe, expect, it } from 'vitest';
import { answerCode, currentCode, enrolAuthenticator } from './support/authenticator';
import { seriousViolations } from './support/axe';
import { dsl, fill, heading, setUpSchool, signOut } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();

describe('second factor', () => {
  it('enrols the first DSL after setup, then asks for a code at every sign-in; axe finds nothing serious', async () => {
    const { page } = e2e.opened;
    const violations: string[] = [];
    const check = async (where: string) => violations.push(...(await seriousViolations(page, where)));

    await setUpSchool(page);
    await page.getByLabel('I have printed the recovery key or stored it somewhere safe').check();
    await page.getByRole('button', { name: 'Finish setting up' }).click();
    await heading(page, 'Set up your authenticator app');
    await page.getByRole('img', { name: /QR code to add j\.okafor/ }).waitFor();
    await check('enrolment');
    // The field tells phones and password managers it wants a one-time code, typed on a number pad.
    const field = page.getByLabel('Code from your authenticator app', { exact: true });
    expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await field.getAttribute('inputmode')).toBe('numeric');
    await field.fill('12345');
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    await page.locator('.field__error').filter({ hasText: 'Enter the 6 digits your authenticator app shows' }).waitFor();
    await check('enrolment with an error');

    const recoveryCodes = await enrolAuthenticator(page, dsl.username);
    expect(recoveryCodes).toHaveLength(10);
    await heading(page, 'Hello, Joy');
    await signOut(page);

    // Password right: the code is asked for next, and nothing of the records is on screen.
    await fill(page, 'Username', dsl.username);
    await fill(page, 'Password', dsl.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Enter the code from your authenticator app');
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await check('code step');
    const right = await currentCode(dsl.username);
    await page.getByLabel('Code from your authenticator app', { exact: true }).fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.locator('.field__error').filter({ hasText: 'That code is not right' }).waitFor();
    await check('code step with an error');
    await page.getByLabel('Code from your authenticator app', { exact: true }).fill(right);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await heading(page, 'Hello, Joy');
    await signOut(page);

    // A recovery code instead of the app, once.
    await fill(page, 'Username', dsl.username);
    await fill(page, 'Password', dsl.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Enter the code from your authenticator app');
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await heading(page, 'Enter a recovery code');
    await check('recovery code step');
    await fill(page, 'Recovery code', recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await heading(page, 'Hello, Joy');
    await signOut(page);
    await fill(page, 'Username', dsl.username);
    await fill(page, 'Password', dsl.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await fill(page, 'Recovery code', recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.locator('.field__error').filter({ hasText: 'That code is not right' }).waitFor();
    await page.getByRole('button', { name: 'Use the code from your authenticator app instead' }).click();
    await answerCode(page, dsl.username);
    await heading(page, 'Hello, Joy');

    expect(violations).toEqual([]);
  });
});
