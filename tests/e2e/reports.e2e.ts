// The headteacher's culture report through the real host and a real Chromium, on a fixed clock (Monday 23/11/2026):
// open last term's report, read a measure beside its definition, switch to the governors' view (suppressed, nobody
// named) and download the governors' PDF, whose text must carry the summary and no pupil's or adult's name.
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { launchChromium, openPage, type OpenedPage } from './support/browser';
import { clickAndAwait, dsl, fill, heading, recordCommands, signIn } from './support/flows';
import { startTestHost, type TestSchoolHost } from './support/host';
import { head, pdfText, reportStaff, seedReportSchool, seededNames, snap } from './support/reportFlows';

let browser: Browser;
let school: TestSchoolHost;
let opened: OpenedPage;
// Monday 23/11/2026, 09:00 in London (GMT): "last term" is the summer term 2026, compared with the spring term.
let now = new Date('2026-11-23T09:00:00Z');
const setNow = (iso: string) => (now = new Date(iso));

/** Every seeded name, as a whole word: "Cole" but not "Coleridge". */
const namePattern = new RegExp(`\\b(${seededNames.join('|')})\\b`);
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  school = await startTestHost({ clock: () => now });
  await seedReportSchool(school.host.app, setNow, '2026-11-23');
  opened = await openPage(browser, school.host.url);
});
afterEach(async () => {
  await opened?.context.close();
  await school?.close();
});

describe('the headteacher’s culture report', () => {
  it('opens last term’s report with its definitions, then exports a governors’ PDF that names nobody', async () => {
    const { page, problems } = opened;
    const sent = recordCommands(page);
    const accessibility: string[] = [];

    await signIn(page, head.username, head.password);
    await heading(page, 'Hello, Helen');
    await page.getByRole('link', { name: 'Open the culture report' }).click();
    await heading(page, 'Culture report');
    // This term's report arrives first, for the head's own view.
    await page.getByRole('heading', { level: 2, name: /^Autumn term 2026 so far/ }).waitFor();

    // A custom period that is not a real date is refused beside the field, before anything is sent.
    await page.getByLabel('Other dates', { exact: true }).check();
    await fill(page, 'From', '31/02/2026');
    await fill(page, 'To', '20/07/2026');
    const dashboardsSent = sent.filter((name) => name === 'reports.dashboard').length;
    await page.getByRole('button', { name: 'Show the report' }).click();
    await page.locator('.error-summary').getByText('Enter a real date, for example 22/11/2026').waitFor();
    expect(sent.filter((name) => name === 'reports.dashboard').length).toBe(dashboardsSent);

    // Last term, the head's own view.
    await page.getByLabel('Last term', { exact: true }).check();
    await clickAndAwait(page, 'Show the report', 'reports.dashboard');
    await page.getByRole('heading', { level: 2, name: 'Summer term 2026 (13/04/2026 to 31/08/2026)' }).waitFor();
    await page.getByText('Compared with Spring term 2026 (05/01/2026 to 12/04/2026).').waitFor();

    // A measure beside the previous period, with its plain-English definition next to it (the summary comes first;
    // every part opens with one click).
    await page.getByRole('button', { name: 'Open every part' }).click();
    const logged = page.locator('.report-measure').filter({ has: page.getByRole('heading', { level: 3, name: 'Concerns logged', exact: true }) });
    expect(squash((await logged.locator('.report-measure__current').textContent()) ?? '')).toBe('11 in Summer term 2026');
    expect(squash((await logged.locator('.report-measure__previous').textContent()) ?? '')).toBe('4 in Spring term 2026 — up 175%');
    expect(await logged.locator('.report-measure__definition').textContent()).toContain('counted by the date and time they were recorded (not the date of the incident)');
    expect(await page.locator('.report-narrative').textContent()).toContain('Concerns logged rose 175% compared with Spring term 2026 (from 4 to 11).');

    // The charts are pictures with a text alternative, and the numbers are there as a table too.
    // The summer term runs from 13/04 to the autumn term's start (over 20 weeks), so it is counted by month.
    const trend = page.getByRole('img', { name: /Concerns logged per month/ });
    await trend.waitFor();
    const trendTable = page.locator('figure', { has: trend }).locator('details');
    await trendTable.getByText('Show these numbers as a table').click();
    expect(await trendTable.locator('tbody tr').count()).toBe(5);
    await page.getByRole('img', { name: /Concerns by category/ }).waitFor();

    // The head sees who logged nothing.
    const neverLogged = page.locator('.report-never-logged');
    // Exactly those who logged nothing: the two staff who never do, and the head and the DSL, who logged none here.
    const loggedNothing = [head.displayName, dsl.displayName, ...reportStaff.filter((member) => !member.logs).map((member) => member.displayName)];
    expect((await neverLogged.locator('tbody th').allTextContents()).sort()).toEqual(loggedNothing.sort());
    accessibility.push(...(await seriousViolations(page, 'report, head’s view')));
    await snap(page, 'head');

    // The governors' view: small numbers suppressed and explained, nobody named anywhere on the page.
    await page.getByLabel('For governors', { exact: true }).check();
    await clickAndAwait(page, 'Show the report', 'reports.dashboard');
    await page.getByText('Small numbers are shown as “fewer than 5” and nobody is named.').waitFor();
    await page.getByRole('heading', { level: 2, name: /About “fewer than 5”/ }).waitFor();
    expect(await page.getByText('fewer than 5', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.locator('.report-never-logged').count()).toBe(0);
    const governorsPage = (await page.locator('.report').textContent()) ?? '';
    expect(governorsPage).not.toMatch(namePattern);
    const narrative = squash((await page.locator('.report-narrative').textContent()) ?? '');
    expect(narrative.length).toBeGreaterThan(40);
    accessibility.push(...(await seriousViolations(page, 'report, governors’ view')));
    await snap(page, 'governors');

    // The governors' PDF: progress is announced, then a download link to the file itself.
    await page.getByRole('button', { name: 'Make the governors’ PDF' }).click();
    await page.getByRole('status').filter({ hasText: 'The governors’ PDF is ready to download.' }).waitFor();
    const link = page.getByRole('link', { name: /Download the governors’ report \(PDF\)/ });
    expect(await link.getAttribute('href')).toMatch(/^blob:/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('culture-report-governors-2026-04-13-to-2026-08-31.pdf');
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = squash(pdfText(pdf));
    expect(text).toContain('Summer term 2026');
    // The narrative, sentence by sentence (the PDF may break a paragraph across lines or pages).
    for (const sentence of narrative.split(/(?<=\.)\s+/)) expect(text).toContain(sentence);
    expect(text).not.toMatch(namePattern);
    await snap(page, 'pdf-ready');

    // The CSV for governors names nobody either.
    await page.getByRole('button', { name: 'Make the CSV file' }).click();
    const csvLink = page.getByRole('link', { name: /Download the measures \(CSV\)/ });
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    const csv = fs.readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv).toContain('fewer than 5');
    expect(csv).not.toMatch(namePattern);

    expect(sent).not.toContain('children.file');
    expect(accessibility).toEqual([]);
    expect(problems).toEqual([]);
  });
});
