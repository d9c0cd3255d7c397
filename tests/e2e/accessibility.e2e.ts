// axe-core on every page the app has so far, one test per page, in the states people actually meet: a form showing
// its errors, the lock screen after a wrong password, the forced password change. Each test starts from its own
// school (made through dispatch, the door the page uses, so no test waits on another's setup) and waits for the
// page's own signal that it is ready — its heading and the thing it exists to show — with a generous allowance, so a
// loaded machine makes the test slower, never wrong. axe runs only on a page that has finished arriving.
import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SafeguardingApp } from '../../electron/core';
import { seriousViolations } from './support/axe';
import { clickAndAwait, confirmRecoveryKey, dsl, fill, fillSetupForm, goTo, school, signIn, signOut, staff } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';
import { call } from './support/seedSchool';

/** Long enough for key derivation and a store opening on two busy cores; only ever a wait for a state, not a pause. */
const GENEROUS = { timeout: 60_000 };
/** Each test: a fresh host, a sign-in and a few axe runs, on a machine that may be running much else besides. */
const PER_TEST = 240_000;

const e2e = hostAndPagePerTest();
// Every wait in these tests, the shared steps' included, is for a state on the page; on a loaded machine it may
// take longer than the usual 15 s, and the only cost of a longer allowance is a slower failure.
beforeEach(() => e2e.opened.page.setDefaultTimeout(GENEROUS.timeout));


/** Waits for the page's level-1 heading and, where given, what the page is for; then the page is ready for axe. */
async function ready(page: Page, title: string | RegExp, ...content: Locator[]): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor({ state: 'visible', ...GENEROUS });
  for (const locator of content) await locator.first().waitFor({ state: 'visible', ...GENEROUS });
}

/** The school with its DSL and a member of staff who has not signed in yet; nobody signed in. */
async function seedSchool(app: SafeguardingApp): Promise<void> {
  await call(app, 'setup.create', { school: { name: school.name, urn: school.urn, localAuthority: 'worcestershire' }, dsl: { username: dsl.username, displayName: dsl.displayName, password: dsl.password } });
  await call(app, 'setup.confirmRecoveryKey', { confirmed: true });
  await call(app, 'accounts.create', { username: staff.username, displayName: staff.displayName, role: 'staff', staffGroup: 'support', temporaryPassword: staff.temporaryPassword });
  await call(app, 'session.signOut', {});
}

async function signedInAsDsl(page: Page): Promise<void> {
  await seedSchool(e2e.testHost.host.app);
  await page.reload();
  await ready(page, 'Sign in');
  await signIn(page, dsl.username, dsl.password);
  await ready(page, 'Hello, Joy');
}

async function expectNoSeriousViolations(page: Page, ...states: Array<[where: string, reach: () => Promise<void>]>): Promise<void> {
  const violations: string[] = [];
  for (const [where, reach] of states) {
    await reach();
    violations.push(...(await seriousViolations(page, where)));
  }
  expect(violations).toEqual([]);
}

describe('accessibility: no serious or critical axe finding', () => {
  it('on setting up a school, blank and showing its errors', async () => {
    const { page } = e2e.opened;
    await expectNoSeriousViolations(
      page,
      ['setup', () => ready(page, 'Set up your school', page.getByRole('button', { name: 'Set up the school' }))],
      [
        'setup with errors',
        async () => {
          await page.getByRole('button', { name: 'Set up the school' }).click();
          await page.locator('.error-summary').waitFor(GENEROUS);
        },
      ],
    );
  }, PER_TEST);

  it('on the recovery key, shown once after setup', async () => {
    const { page } = e2e.opened;
    await ready(page, 'Set up your school');
    await expectNoSeriousViolations(page, [
      'recovery key',
      async () => {
        await fillSetupForm(page);
        await page.getByRole('button', { name: 'Set up the school' }).click();
        await ready(page, 'Print your recovery key', page.locator('.recovery-key__group'));
      },
    ]);
    await confirmRecoveryKey(page);
  }, PER_TEST);

  it('on the DSL’s home', async () => {
    const { page } = e2e.opened;
    await signedInAsDsl(page);
    await expectNoSeriousViolations(page, ['DSL home', () => ready(page, 'Hello, Joy', page.getByRole('link', { name: 'Go to the review queue' }))]);
  }, PER_TEST);

  it('on accounts: the list, adding one with errors, resetting a password, disabling', async () => {
    const { page } = e2e.opened;
    await signedInAsDsl(page);
    const samRow = page.getByRole('button', { name: /^Reset password for Sam Taylor/ });
    await expectNoSeriousViolations(
      page,
      ['accounts', () => goTo(page, 'Accounts').then(() => ready(page, 'Accounts', samRow))],
      [
        'add an account with errors',
        async () => {
          await page.getByRole('button', { name: 'Add an account' }).click();
          await ready(page, 'Add an account');
          await page.getByRole('button', { name: 'Create the account' }).click();
          await page.locator('.error-summary').waitFor(GENEROUS);
        },
      ],
      [
        'reset a password',
        async () => {
          await page.getByRole('button', { name: 'Cancel' }).click();
          await ready(page, 'Accounts', samRow);
          await samRow.click();
          await page.getByLabel('A designated safeguarding lead', { exact: true }).check();
        },
      ],
      [
        'disable an account',
        async () => {
          await page.getByRole('button', { name: 'Cancel' }).click();
          await page.getByRole('button', { name: /^Disable Sam Taylor/ }).click(GENEROUS);
          await page.getByRole('button', { name: 'Cancel' }).waitFor(GENEROUS);
        },
      ],
    );
  }, PER_TEST);

  it('on settings, and with its errors', async () => {
    const { page } = e2e.opened;
    await signedInAsDsl(page);
    const lockAfter = page.getByLabel('Lock the screen after this many minutes without use', { exact: true });
    await expectNoSeriousViolations(
      page,
      ['settings', () => goTo(page, 'Settings').then(() => ready(page, 'Settings', lockAfter))],
      [
        'settings with errors',
        async () => {
          await lockAfter.fill('90');
          await page.getByRole('button', { name: 'Save settings' }).click();
          await page.locator('.error-summary').waitFor(GENEROUS);
        },
      ],
    );
  }, PER_TEST);

  it('on changing my password', async () => {
    const { page } = e2e.opened;
    await signedInAsDsl(page);
    await expectNoSeriousViolations(page, ['change my password', () => goTo(page, 'Change my password').then(() => ready(page, 'Change my password', page.getByLabel('New password', { exact: true })))]);
  }, PER_TEST);

  it('on the lock screen, and after a wrong password', async () => {
    const { page } = e2e.opened;
    await signedInAsDsl(page);
    const password = page.getByLabel(`Password for ${dsl.username}`, { exact: true });
    await expectNoSeriousViolations(
      page,
      [
        'lock screen',
        async () => {
          await page.getByRole('banner').getByRole('button', { name: 'Lock' }).click();
          await ready(page, 'Locked', password);
        },
      ],
      [
        'lock screen after a wrong password',
        async () => {
          await password.fill('not my password');
          // The answer to a wrong password is slowed on purpose (the throttle), so wait for the answer itself.
          await clickAndAwait(page, 'Unlock', 'session.unlock');
          await page.locator('.error-summary').waitFor(GENEROUS);
        },
      ],
    );
    await password.fill(dsl.password);
    await clickAndAwait(page, 'Unlock', 'session.unlock');
    await ready(page, 'Hello, Joy');
  }, PER_TEST);

  it('on signing in, and after a wrong password', async () => {
    const { page } = e2e.opened;
    await signedInAsDsl(page);
    await expectNoSeriousViolations(
      page,
      ['sign in', () => signOut(page).then(() => ready(page, 'Sign in', page.getByLabel('Username', { exact: true })))],
      [
        'sign in after a wrong password',
        async () => {
          await signIn(page, staff.username, 'wrong password');
          await page.locator('.error-summary').waitFor(GENEROUS);
        },
      ],
    );
  }, PER_TEST);

  it('on choosing one’s own password at a first sign-in, then the staff home', async () => {
    const { page } = e2e.opened;
    await seedSchool(e2e.testHost.host.app);
    await page.reload();
    await ready(page, 'Sign in');
    await expectNoSeriousViolations(
      page,
      [
        'choose your own password',
        async () => {
          await signIn(page, staff.username, staff.temporaryPassword);
          await ready(page, 'Choose your own password', page.getByLabel('Type the new password again', { exact: true }));
        },
      ],
      [
        'staff home',
        async () => {
          await fill(page, 'New password', staff.password);
          await fill(page, 'Type the new password again', staff.password);
          await page.getByRole('button', { name: 'Save my password and continue' }).click();
          await ready(page, 'Hello, Sam', page.getByRole('main').getByRole('link', { name: 'Log a concern', exact: true }));
        },
      ],
      [
        'no access',
        async () => {
          await page.evaluate(() => {
            window.location.hash = '#/accounts';
          });
          await ready(page, 'You do not have access to this page');
        },
      ],
    );
  }, PER_TEST);

  it('is a check that can fail: an unlabelled field slipped into a page is reported as serious or critical', async () => {
    const { page } = e2e.opened;
    await ready(page, 'Set up your school');
    await page.evaluate(() => {
      document.querySelector('main')?.append(document.createElement('input'));
    });
    expect((await seriousViolations(page, 'a page with an unlabelled field')).join('\n')).toMatch(/label/);
  }, PER_TEST);
});
