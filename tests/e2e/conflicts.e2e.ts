// Two DSLs on one child's file at once, in two browser contexts (two computers, two sessions): both open the form to
// end the same status, the deputy saves first, and the DSL's save is refused beside the form with the conflict
// message. What the DSL typed is still there, and the form now shows what the deputy saved.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from './support/browser';
import { startTestHost, type TestSchoolHost } from './support/host';
import { fill, heading, setUpSchoolAndConfirm, signInFirstTime } from './support/flows';
import { invokeFromPage } from './support/concernFlows';

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

const deputy = { username: 'r.ahmed', displayName: 'Ravi Ahmed', temporaryPassword: 'temporary kettle 19', password: 'orange canal lighthouse' };

async function ok<T>(page: Parameters<typeof invokeFromPage>[0], command: string, input: unknown): Promise<T> {
  const answer = await invokeFromPage<T>(page, command, input);
  if (!answer.ok) throw new Error(`${command} failed: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

describe('two people on one record', () => {
  it('refuses the second save with a clear message, keeps its words, and shows the first', async () => {
    const office = await openPage(browser, school.host.url);
    await setUpSchoolAndConfirm(office.page);
    await ok(office.page, 'accounts.create', { username: deputy.username, displayName: deputy.displayName, role: 'dsl', staffGroup: 'leadership', temporaryPassword: deputy.temporaryPassword });
    const pupil = await ok<{ id: string }>(office.page, 'pupils.create', { upn: null, legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04', yearGroup: '5' });
    await ok(office.page, 'children.addFlag', { pupilId: pupil.id, flag: 'child_in_need', startDate: '2026-09-01', source: 'CIN meeting on 01/09/2026' });
    const laptop = await openPage(browser, school.host.url);
    await signInFirstTime(laptop.page, deputy);

    // Both open the same form on their own computers.
    for (const page of [office.page, laptop.page]) {
      await page.goto(`${school.host.url.split('#')[0]}#/children/${pupil.id}`);
      await page.getByRole('button', { name: 'End Child in need (s17)' }).click();
      await heading(page, 'End: Child in need (s17)');
    }
    await fill(laptop.page, 'End date', '20/11/2026');
    await laptop.page.getByRole('button', { name: 'End the status' }).click();
    await laptop.page.getByRole('status').filter({ hasText: 'Status ended' }).waitFor();

    await fill(office.page, 'End date', '21/11/2026');
    await office.page.getByRole('button', { name: 'End the status' }).click();
    await office.page.getByText('Someone else changed this since you opened it').waitFor();
    // The typed date is kept; the form now shows the deputy's end date; the store holds the deputy's.
    expect(await office.page.getByLabel('End date', { exact: true }).inputValue()).toBe('21/11/2026');
    await office.page.getByText('Ended 20/11/2026.').waitFor();
    const stored = school.host.app.store!.prepare('SELECT end_date FROM status_flags WHERE pupil_id = ?').pluck().get(pupil.id);
    expect(stored).toBe('2026-11-20');
    expect([...office.problems, ...laptop.problems]).toEqual([]);
  });
});
