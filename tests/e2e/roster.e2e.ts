// The pupil roster through the real host and Chromium: importing a 1,500-pupil SIMS export with its column
// mapping, preview and every refused line; finding a pupil; adding one by hand when the form first fails.
import { describe, expect, it } from 'vitest';
import { upnCheckLetter } from '../../shared/school';
import { seriousViolations } from './support/axe';
import { goTo, heading, setUpSchoolAndConfirm } from './support/flows';
import { rosterFixture, screenshot } from './support/packFlows';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();

describe('the pupil roster', () => {
  it('imports the MIS export through the page, reporting every refused line, then finds and adds pupils', async () => {
    const { page, problems } = e2e.opened;
    const violations: string[] = [];
    const check = async (where: string) => violations.push(...(await seriousViolations(page, where)));
    await setUpSchoolAndConfirm(page);
    await goTo(page, 'Pupils');
    await check('pupils');

    // Step 1: the file. Step 2: a select per column, pre-filled from the headers, required fields marked.
    await page.getByLabel('Roster file (CSV)', { exact: true }).setInputFiles(rosterFixture);
    await page.getByRole('button', { name: 'Read the file', exact: true }).click();
    await page.getByRole('heading', { name: 'Step 2 of 3: say what each column holds' }).waitFor();
    expect(await page.getByText('sims-export-1500.csv: 1,500 rows, 14 columns.').count()).toBe(1);
    const upnColumn = page.getByLabel('Column “UPN”', { exact: true });
    expect(await upnColumn.inputValue()).toBe('upn');
    expect(await upnColumn.locator('option:checked').textContent()).toBe('UPN (required)');
    expect(await page.getByLabel('Column “Legal Surname”', { exact: true }).inputValue()).toBe('legalLastName');
    expect(await page.getByLabel('Column “DOB”', { exact: true }).inputValue()).toBe('dateOfBirth');
    await check('pupils, column mapping');
    await screenshot(page, 'roster-mapping');

    // Taking away a required column is caught before anything is sent.
    await upnColumn.selectOption('');
    await page.getByRole('button', { name: 'Check every row', exact: true }).click();
    await page.locator('.error-summary').getByText('Choose a column for each required field: UPN').waitFor();
    await upnColumn.selectOption('upn');

    // Step 3: counts, sample rows and every refused line.
    await page.getByRole('button', { name: 'Check every row', exact: true }).click();
    await page.getByRole('heading', { name: 'Step 3 of 3: check and import' }).waitFor();
    const counts = await page.locator('.roster-counts').textContent();
    expect(counts).toContain('1,500 rows');
    expect(counts).toContain('1,496 ready to import');
    expect(counts).toContain('4 refused');
    const refusedLines = await page.getByRole('table', { name: /^Refused rows/ }).locator('tbody tr td:first-child').allTextContents();
    expect(refusedLines).toEqual(['Line 101', 'Line 202', 'Line 303', 'Line 404']);
    await check('pupils, preview');
    await screenshot(page, 'roster-preview');

    // Import, with a status that says it is working, then the result.
    await page.getByLabel('Date pupils missing from this file left', { exact: true }).fill('31/08/2026');
    await page.getByRole('button', { name: 'Import 1,496 pupils', exact: true }).click();
    const done = page.getByRole('status').filter({ hasText: 'Roster imported' });
    await done.waitFor({ timeout: 60_000 });
    const result = await done.textContent();
    expect(result).toContain('1,496 pupils created');
    expect(result).toContain('0 pupils updated');
    expect(result).toContain('0 pupils marked as left');
    expect(result).toContain('4 rows refused');
    expect(await page.getByRole('table', { name: /^Rows not imported/ }).locator('tbody tr td:first-child').allTextContents()).toEqual(['Line 101', 'Line 202', 'Line 303', 'Line 404']);
    await check('pupils, import result');
    await screenshot(page, 'roster-result');

    // Search by part of a name.
    await page.getByLabel('Name, UPN or registration group', { exact: true }).fill('Kowalski');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const found = page.getByRole('table', { name: /match(es)? “Kowalski”/ });
    await found.waitFor();
    expect(await found.locator('tbody tr').count()).toBeGreaterThan(0);
    for (const name of await found.locator('tbody tr td:first-child').allTextContents()) expect(name).toContain('Kowalski');

    // Add a pupil by hand: a mistake keeps every word typed, then the pupil is added and can be found.
    await page.getByRole('button', { name: 'Add a pupil', exact: true }).click();
    await heading(page, 'Add a pupil');
    await page.getByLabel('Legal first name', { exact: true }).fill('Ada');
    await page.getByLabel('Legal last name', { exact: true }).fill('Zebedee-Newcomer');
    await page.getByLabel('Date of birth', { exact: true }).fill('31/02/2016');
    await page.getByLabel('Contact 1: name', { exact: true }).fill('Grace Zebedee');
    await page.getByRole('button', { name: 'Add the pupil', exact: true }).click();
    await page.locator('.error-summary').getByText('Enter a real date, for example 22/11/2026').waitFor();
    expect(await page.getByLabel('Legal last name', { exact: true }).inputValue()).toBe('Zebedee-Newcomer');
    expect(await page.getByLabel('Contact 1: name', { exact: true }).inputValue()).toBe('Grace Zebedee');
    await check('add a pupil with errors');
    await page.getByLabel('Date of birth', { exact: true }).fill('28/02/2016');
    await page.getByLabel('Year group (optional)', { exact: true }).fill('5');
    await page.getByLabel('Registration group (optional)', { exact: true }).fill('5Z');
    await page.getByRole('button', { name: 'Add the pupil', exact: true }).click();
    await heading(page, 'Pupils');
    await page.getByRole('status').filter({ hasText: 'Ada Zebedee-Newcomer is added to the roster.' }).waitFor();
    await page.getByLabel('Name, UPN or registration group', { exact: true }).fill('zebedee');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const zebedee = page.getByRole('table', { name: /match(es)? “zebedee”/ });
    await zebedee.getByRole('cell', { name: 'Ada Zebedee-Newcomer', exact: true }).waitFor();

    // Correct her registration group by hand.
    await zebedee.getByRole('button', { name: 'Correct Ada Zebedee-Newcomer’s details' }).click();
    await heading(page, 'Correct Ada Zebedee-Newcomer’s details');
    expect(await page.getByLabel('Legal last name', { exact: true }).inputValue()).toBe('Zebedee-Newcomer');
    await check('correct a pupil');
    await page.getByLabel('Date of birth', { exact: true }).fill('28/02/2016');
    await page.getByLabel('Registration group (optional)', { exact: true }).fill('5Y');
    await page.getByRole('button', { name: 'Save the corrections', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Ada Zebedee-Newcomer’s details are corrected.' }).waitFor();

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('says how many pupils a file will mark as left and imports only once that number is confirmed', async () => {
    const { page, problems } = e2e.opened;
    await setUpSchoolAndConfirm(page);
    await goTo(page, 'Pupils');
    const upn = (index: number) => {
      const digits = `8854001160${String(index).padStart(2, '0')}`;
      return `${upnCheckLetter(digits)}${digits}`;
    };
    const csv = (indexes: number[]) => Buffer.from(['UPN,Surname,Forename,DOB,Year,Reg', ...indexes.map((index) => `${upn(index)},Pupil,Pat${index},04/03/2016,Year 5,5H`)].join('\n'));
    const importFile = async (name: string, bytes: Buffer) => {
      await page.getByLabel('Roster file (CSV)', { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
      await page.getByRole('button', { name: 'Read the file', exact: true }).click();
      await page.getByRole('button', { name: 'Check every row', exact: true }).click();
      await page.getByRole('heading', { name: 'Step 3 of 3: check and import' }).waitFor();
    };
    await importFile('whole-school.csv', csv([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(await page.locator('.roster-counts').textContent()).toContain('0 of the 0 pupils on roll will be marked as left');
    await page.getByRole('button', { name: 'Import 10 pupils', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Roster imported' }).waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Import another file', exact: true }).click();
    await importFile('one-class.csv', csv([0, 1]));
    expect(await page.locator('.roster-counts').textContent()).toContain('8 of the 10 pupils on roll will be marked as left');
    await page.getByRole('button', { name: 'Import 2 pupils', exact: true }).click();
    await page.locator('.error-summary').getByText('Confirm that 8 pupils will be marked as left, or choose another file').waitFor();
    expect(await seriousViolations(page, 'roster, leavers to confirm')).toEqual([]);
    await page.getByLabel('8 pupils will be marked as left', { exact: true }).check();
    await page.getByRole('button', { name: 'Import 2 pupils', exact: true }).click();
    const done = page.getByRole('status').filter({ hasText: 'Roster imported' });
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toContain('8 pupils marked as left');
    expect(problems).toEqual([]);
  });
});
