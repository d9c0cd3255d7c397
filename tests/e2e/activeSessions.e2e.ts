// The active sessions page in real Chromium: a DSL on one computer sees a member of staff signed in on another
// (two browser contexts, two sessions), ends that session after confirming, and the staff page is signed out.
// axe-core finds no serious or critical problem on the page or its confirmation.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { launchChromium, openPage } from './support/browser';
import { startTestHost, type TestSchoolHost } from './support/host';
import { createStaffAccount, goTo, heading, setUpSchoolAndConfirm, signInFirstTime, staff } from './support/flows';

let browser: Browser;
let school: TestSchoolHost;

beforeAll(async () => {
  browser = await launchChromium();
  school = await startTestHost();
});
afterAll(async () => {
  await browser?.close();
  await school?.close();
});

describe('active sessions', () => {
  it('lists who is signed in where, and ends the staff laptop’s session after asking', async () => {
    const office = await openPage(browser, school.host.url);
    await setUpSchoolAndConfirm(office.page);
    await createStaffAccount(office.page);
    const laptop = await openPage(browser, school.host.url);
    await signInFirstTime(laptop.page, staff);

    await goTo(office.page, 'Active sessions');
    const row = office.page.getByRole('row').filter({ hasText: staff.displayName });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('Member of staff');
    expect(cells[1]).toMatch(/^Chrome \d+ on Linux, 127\.0\.0\.1$/);
    // Times as a person reads them: dd/MM/yyyy HH:mm.
    expect(cells[2]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(cells[4]).toBe('Active');
    expect(await office.page.getByRole('row').filter({ hasText: '(you)' }).textContent()).toContain('sign out instead');
    expect(await seriousViolations(office.page, 'active sessions')).toEqual([]);

    await row.getByRole('button', { name: `End session of ${staff.displayName}` }).click();
    await office.page.getByRole('heading', { level: 2, name: `End ${staff.displayName}’s session?` }).waitFor();
    expect(await seriousViolations(office.page, 'confirm ending a session')).toEqual([]);
    await office.page.getByRole('button', { name: 'End the session', exact: true }).click();
    await office.page.getByRole('status').filter({ hasText: `${staff.displayName}’s session` }).waitFor();
    expect(await office.page.getByRole('row').filter({ hasText: staff.displayName }).count()).toBe(0);

    // The laptop's next step finds itself signed out.
    await laptop.page.reload();
    await heading(laptop.page, 'Sign in');
    const audited = school.host.app.store!.prepare("SELECT count(*) FROM audit_log WHERE command = 'sessions.end' AND outcome = 'ok'").pluck().get();
    expect(audited).toBe(1);
    expect([...office.problems, ...laptop.problems]).toEqual([]);
  });
});
