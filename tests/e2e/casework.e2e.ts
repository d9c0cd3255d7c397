// A DSL's working day through the real host and a real Chromium, on a clock the test moves: read a new concern from
// the queue, record a decision with reasons, refer to the Family Front Door, watch the acknowledgement become
// overdue the next working day, record it, assess thresholds, close with an outcome — and read it all, in order,
// in the child's chronology.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { launchChromium, openPage, type OpenedPage } from './support/browser';
import { call, chronologyTitles, openChildFile, seedCaseworkSchool, snap, type CaseworkSchool } from './support/caseworkFlows';
import { dsl, fill, goTo, heading, signIn, signInNextDay } from './support/flows';
import { startTestHost, type TestSchoolHost } from './support/host';

let browser: Browser;
let school: TestSchoolHost;
let opened: OpenedPage;
let seeded: CaseworkSchool;
// Monday 23/11/2026, 09:00 in London (GMT, so the same as UTC).
let now = new Date('2026-11-23T09:00:00Z');
const setNow = (iso: string) => (now = new Date(iso));

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  setNow('2026-11-23T09:00:00Z');
  school = await startTestHost({ clock: () => now });
  seeded = await seedCaseworkSchool(school.host.app, '2026-11-23');
  opened = await openPage(browser, school.host.url);
});
afterEach(async () => {
  await opened?.context.close();
  await school?.close();
});

describe('the DSL’s working day', () => {
  it('reads, decides, refers, chases the clock, assesses and closes — and the chronology shows it all in order', async () => {
    const { page, problems } = opened;
    const accessibility: string[] = [];
    setNow('2026-11-23T10:00:00Z');
    await signIn(page, dsl.username, dsl.password);
    await heading(page, 'Hello, Joy');

    // The queue: immediate danger first, with counts on the tabs.
    await goTo(page, 'Review queue');
    const newTab = page.getByRole('tab', { name: /^New/ });
    await expect.poll(() => newTab.textContent()).toBe('New2');
    expect(await newTab.getAttribute('aria-selected')).toBe('true');
    const rows = page.getByRole('list', { name: 'New concerns' }).getByRole('listitem');
    await rows.nth(1).waitFor();
    expect(await rows.nth(0).textContent()).toContain('Immediate danger');
    expect(await rows.nth(0).textContent()).toContain('Ben Cole');
    expect(await rows.nth(1).textContent()).toContain('Amy Hughes');
    accessibility.push(...(await seriousViolations(page, 'review queue')));
    await snap(page, 'queue');

    // Keyboard: the arrow keys move between rows, Enter opens the concern (which marks it read).
    await rows.nth(0).locator('[data-row-primary]').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-row-index]')?.getAttribute('data-row-index'))).toBe('1');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/concerns/${seeded.amyConcernId}$`));
    await page.getByText('Dad grabbed me when I dropped my plate.').first().waitFor();

    // The child's file.
    await openChildFile(page, seeded.amyId, 'Amy Hughes');
    accessibility.push(...(await seriousViolations(page, 'child’s file')));
    await snap(page, 'file');

    // A decision without reasons is refused beside the field, and every word typed stays.
    await page.getByRole('button', { name: 'Record a decision', exact: true }).click();
    await heading(page, 'Record a decision');
    await page.getByLabel('Referral to the front door / MASH', { exact: true }).check();
    await page.getByLabel('Consent not sought', { exact: true }).check();
    await fill(page, 'What information is shared?', 'The concern of 23/11/2026 and Amy’s words.');
    await page.getByRole('button', { name: 'Save the decision' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Record the reasons for this decision');
    expect(await summary.textContent()).toContain('Say why consent was not sought');
    expect(await page.getByLabel('What information is shared?', { exact: true }).inputValue()).toBe('The concern of 23/11/2026 and Amy’s words.');
    accessibility.push(...(await seriousViolations(page, 'decision form with errors')));
    await snap(page, 'decision-errors');
    await fill(page, 'Your reasons', 'A mark with a disclosure that a parent caused it: this may be significant harm, so it goes to the front door today.');
    await fill(page, 'Who did you consult? (optional)', 'Deputy DSL, Mr Patel.');
    await fill(page, 'Why was consent not sought?', 'Telling the parent first could put Amy at further risk.');
    await fill(page, 'Shared with whom?', 'Worcestershire Family Front Door');
    await page.getByRole('button', { name: 'Save the decision' }).click();
    await page.getByRole('status').filter({ hasText: 'Decision recorded' }).waitFor();

    // The referral, with the contact from the school's pack.
    setNow('2026-11-23T11:00:00Z');
    await page.getByRole('button', { name: 'Record the referral now' }).click();
    await heading(page, 'Record a referral');
    await page.getByLabel('Contact', { exact: true }).selectOption('family-front-door');
    expect(await page.getByLabel('Agency', { exact: true }).inputValue()).toBe('mash');
    expect(await page.getByLabel('Phone (optional)', { exact: true }).inputValue()).toBe('01905 822666');
    await page.getByLabel('Phone', { exact: true }).check();
    await fill(page, 'Date of the referral', '23/11/2026');
    await fill(page, 'Time of the referral', '10:45');
    await fill(page, 'What information did you share?', 'The concern, the bruise and Amy’s words.');
    await page.getByLabel('Consent not sought', { exact: true }).check();
    await fill(page, 'Why was consent not sought?', 'Telling the parent first could put Amy at further risk.');
    accessibility.push(...(await seriousViolations(page, 'referral form')));
    await snap(page, 'referral');
    await page.getByRole('button', { name: 'Save the referral' }).click();
    await page.getByRole('status').filter({ hasText: 'The acknowledgement is due by 24/11/2026 23:59' }).waitFor();
    await page.getByText('Awaiting acknowledgement — due by 24/11/2026 23:59').waitFor();

    // Wednesday morning: nothing has come back, so the acknowledgement is overdue — on the file and in the queue.
    setNow('2026-11-25T09:00:00Z');
    await signInNextDay(page, dsl.username, dsl.password);
    await goTo(page, 'Review queue');
    const waiting = page.getByRole('region', { name: /Referrals awaiting a reply/ });
    await waiting.getByText('Acknowledgement overdue by 1 working day — was due 24/11/2026 23:59').waitFor();
    await waiting.getByRole('link', { name: 'Amy Hughes' }).click();
    await heading(page, 'Amy Hughes');
    await page.getByText('Acknowledgement overdue by 1 working day — was due 24/11/2026 23:59').waitFor();
    await snap(page, 'overdue');

    // The front door replies: the acknowledgement is recorded with their reference.
    setNow('2026-11-25T10:00:00Z');
    await page.getByRole('button', { name: /^Record the acknowledgement/ }).click();
    await heading(page, 'Record the acknowledgement');
    await fill(page, 'Date acknowledged', '25/11/2026');
    await fill(page, 'Time acknowledged', '09:30');
    await fill(page, 'Their reference number (optional)', 'FFD-12345');
    await page.getByRole('button', { name: 'Save the acknowledgement' }).click();
    await page.getByRole('status').filter({ hasText: 'Acknowledgement recorded' }).waitFor();
    await page.getByText(/Awaiting the outcome of assessment — due by/).waitFor();
    expect(await page.getByText('Reference FFD-12345', { exact: false }).count()).toBeGreaterThan(0);

    // Thresholds: tick an indicator, watch the suggestion, record the DSL's own judgement.
    setNow('2026-11-25T10:10:00Z');
    await page.getByRole('button', { name: 'Assess thresholds' }).click();
    await heading(page, 'Assess thresholds');
    const suggestionTitle = page.locator('#suggestion-title');
    // Nothing ticked, nothing suggested: not even the lowest level.
    await page.getByText('No level is suggested yet', { exact: false }).waitFor();
    expect(await suggestionTitle.count()).toBe(0);
    // Staff type "bruise"; the council's words are "Physical chastisement".
    await fill(page, 'Search the indicators', 'bruise');
    await page.getByLabel('Physical chastisement of the child', { exact: true }).check();
    await suggestionTitle.waitFor();
    expect(await suggestionTitle.textContent()).toContain('Suggested level: 4');
    await page.getByText(/This is a suggestion drawn from the local authority's published thresholds, not a decision/).waitFor();
    await fill(page, 'What you saw or were told (optional): Physical chastisement of the child', 'Bruise and Amy’s words on 23/11/2026.');
    accessibility.push(...(await seriousViolations(page, 'threshold assessment')));
    await snap(page, 'assessment');
    await page.getByLabel('Level of need you judge', { exact: true }).selectOption('4 Statutory Social Work Intervention');
    await fill(page, 'Your reasons', 'Agree with the suggestion: a mark with a disclosure of physical chastisement by a parent.');
    await page.getByRole('button', { name: 'Save the assessment' }).click();
    await page.getByRole('status').filter({ hasText: 'Assessment recorded' }).waitFor();

    // Closing needs an outcome and a reason; the page says a closed concern is never reopened.
    setNow('2026-11-25T10:20:00Z');
    await page.getByRole('button', { name: /^Close the concern of 23\/11\/2026 08:15/ }).click();
    await heading(page, 'Close a concern');
    await page.getByText('A closed concern is never reopened.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Close the concern' }).click();
    await page.locator('.error-summary').getByText('Choose the outcome').waitFor();
    accessibility.push(...(await seriousViolations(page, 'close form with errors')));
    await snap(page, 'close-errors');
    await page.getByLabel('Outcome', { exact: true }).selectOption('referred');
    await fill(page, 'Why can it be closed?', 'Referred to the Family Front Door (FFD-12345); the case is with children’s social care.');
    await page.getByRole('button', { name: 'Close the concern' }).click();
    await page.getByRole('status').filter({ hasText: 'Concern closed' }).waitFor();

    // The chronology: everything, in date order — once the file has reloaded after the close (the status shows first).
    await expect.poll(async () => (await chronologyTitles(page)).some((title) => title.startsWith('Concern closed'))).toBe(true);
    const titles = await chronologyTitles(page);
    const position = (pattern: RegExp) => titles.findIndex((title) => pattern.test(title));
    const order = [
      /^Concern logged$/,
      /^Decision: Referral to the front door \/ MASH$/,
      /^Referral to Front door \/ MASH/,
      /^Referral acknowledged$/,
      /^Threshold assessment: DSL judged 4 Statutory Social Work Intervention/,
      /^Concern closed: Referred to another agency$/,
    ].map(position);
    expect(order.every((index) => index >= 0), titles.join(' | ')).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    await snap(page, 'chronology');
    // The significant-events view leaves out what is routine.
    await page.getByLabel('Significant events only', { exact: true }).check();
    const significant = await chronologyTitles(page);
    expect(significant.some((title) => title === 'Referral acknowledged')).toBe(false);
    expect(significant.some((title) => title.startsWith('Threshold assessment'))).toBe(true);
    await snap(page, 'chronology-significant');

    // The queue: nothing new about Amy, and her concern is with the closed ones.
    await goTo(page, 'Review queue');
    await expect.poll(() => page.getByRole('tab', { name: /^Closed/ }).textContent()).toBe('Closed1');

    expect(accessibility).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('keeps a long queue windowed: only the rows in view are drawn, pages load as the DSL moves, and End reaches the last', async () => {
    const { page, problems } = opened;
    const app = school.host.app;
    await call(app, 'session.signIn', { username: dsl.username, password: dsl.password });
    for (let index = 0; index < 450; index += 1) {
      // One second apart, so "longest waiting first" has one answer.
      setNow(new Date(Date.parse('2026-11-23T09:00:01Z') + index * 1000).toISOString());
      await call(app, 'concerns.submit', {
        pupils: [{ pupilId: index % 2 === 0 ? seeded.amyId : seeded.benId, part: 'subject' }],
        occurredDate: '2026-11-23',
        occurredTime: '07:00',
        whatHappened: `Concern number ${index + 1} in a long term.`,
      });
    }
    await call(app, 'session.signOut', {});
    await signIn(page, dsl.username, dsl.password);
    await heading(page, 'Hello, Joy');
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/invoke')) sent.push(request.postData() ?? '');
    });
    await goTo(page, 'Review queue');
    await expect.poll(() => page.getByRole('tab', { name: /^New/ }).textContent()).toBe('New452');
    const list = page.getByRole('list', { name: 'New concerns' });
    await list.getByRole('listitem').first().waitFor();
    // A window, not the whole queue; each item still says where it is in the whole.
    expect(await list.getByRole('listitem').count()).toBeLessThan(40);
    expect(await list.getByRole('listitem').first().getAttribute('aria-setsize')).toBe('452');

    await list.locator('[data-row-primary]').first().focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-row-index]')?.getAttribute('aria-posinset'))).toBe('452');
    // The last page was fetched from the host for the rows at the end, not all 452 at once.
    expect(sent.some((body) => body.includes('"command":"queue.concerns"') && body.includes('"offset":400'))).toBe(true);
    expect(sent.some((body) => body.includes('"offset":200'))).toBe(false);
    expect(await page.locator('[data-row-index="451"]').textContent()).toContain('Concern number 450');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-row-index]')?.getAttribute('aria-posinset'))).toBe('451');
    await snap(page, 'queue-long');
    expect(problems).toEqual([]);
  });
});
