// The school's local-authority pack through the real host and Chromium: choosing it in Settings, reading the
// thresholds, asking "who to call now" at fixed times in and out of office hours, and a refused pack file.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { launchChromium, openPage, type OpenedPage } from './support/browser';
import { startTestHost, type TestSchoolHost } from './support/host';
import { dsl, goTo, heading, setUpSchoolAndConfirm, signInNextDay } from './support/flows';
import { choosePack, importPackFile, londonInstant, movableClock, screenshot, shippedPack, worcestershire } from './support/packFlows';

let browser: Browser;
let testHost: TestSchoolHost;
let opened: OpenedPage;
// Thursday 12/03/2026, 14:00 in London (GMT): the Family Front Door is open (Monday to Thursday 09:00–17:00).
const clock = movableClock(londonInstant('2026-03-12T14:00:00', '+00:00'));

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  clock.set(londonInstant('2026-03-12T14:00:00', '+00:00'));
  testHost = await startTestHost({ clock: clock.clock });
  opened = await openPage(browser, testHost.host.url);
});
afterEach(async () => {
  await opened?.context.close();
  await testHost?.close();
});

async function checkAgain(page: OpenedPage['page']): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/invoke') && (response.request().postData() ?? '').includes('"command":"packs.whoToCallNow"')),
    page.getByRole('button', { name: 'Check again', exact: true }).click(),
  ]);
}

/** Seed file names, line references and transcription notes belong in the pack file, not on staff's screens. */
async function expectNoWorkingNotes(page: OpenedPage['page'], where: string): Promise<void> {
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text, where).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
  expect(text, where).not.toMatch(/Transcription|\bseed\b|\blines? \d/i);
}

/** Another day: the session has ended (a working day at most), so the DSL signs in again and opens "Who to call". */
async function comeBackAnotherDay(page: OpenedPage['page']): Promise<void> {
  await signInNextDay(page, dsl.username, dsl.password);
  await heading(page, /^Hello, /);
  await goTo(page, 'Who to call');
}

describe('the school’s local-authority pack', () => {
  it('is chosen in Settings, read in the explorer, and tells staff whom to call in and out of office hours', async () => {
    const { page, problems } = opened;
    const violations: string[] = [];
    const check = async (where: string) => violations.push(...(await seriousViolations(page, where)));
    await setUpSchoolAndConfirm(page);

    // The council chosen at setup (Wandsworth) is the school's pack at once: "who to call" names its contacts.
    await goTo(page, 'Who to call');
    await page.getByText('If a child is in immediate danger, call the police on 999 now.').waitFor();
    await page.getByRole('main').getByText(/Wandsworth/).filter({ visible: true }).first().waitFor();
    expect(await page.getByText('The school has not chosen its local-authority pack').count()).toBe(0);

    // Settings: every pack's provenance, then Worcestershire for Redditch.
    await goTo(page, 'Settings');
    const packChoice = page.getByRole('group', { name: 'Local-authority pack' });
    // The packs load after the page's own settings: wait for them before counting.
    await packChoice.getByRole('radio').first().waitFor();
    expect(await packChoice.getByRole('radio').count()).toBe(5);
    expect(await packChoice.getByText('Historical — verify before use.').count()).toBe(5);
    await page.getByRole('radio', { name: new RegExp(`^${worcestershire.title.replace(/[()]/g, '\\$&')}`) }).check();
    const banner = page.getByRole('region', { name: `Where ${worcestershire.title} comes from` });
    await banner.getByText('Worcestershire Safeguarding Children Board', { exact: false }).waitFor();
    expect(await banner.textContent()).not.toContain('.txt');
    expect(await banner.textContent()).toContain('May 2019');
    expect(await banner.textContent()).toContain('Historical — verify before use.');
    await check('settings with a pack selected');
    await screenshot(page, 'settings-pack');
    await choosePack(page, worcestershire.title, 'Redditch (district)');
    // The list is read again after the choice: wait for the mark to move to Worcestershire, then check it is chosen.
    const nowChosen = page.getByRole('radio', { name: new RegExp(`^${worcestershire.title.replace(/[()]/g, '\\$&')}[\\s\\S]*the school’s pack now`) });
    await nowChosen.waitFor();
    expect(await nowChosen.isChecked()).toBe(true);

    // The explorer: levels side by side, a search that finds a red flag with its source and doubt note.
    await goTo(page, 'Thresholds');
    await page.getByRole('columnheader', { name: 'Level 4: Statutory Social Work Intervention' }).waitFor();
    await page.getByText('Historical — verify before use.').first().waitFor();
    await check('thresholds explorer');
    const indicatorCount = await page.locator('.indicator').count();
    expect(indicatorCount).toBe(174);
    // Staff read the council's document and date as the source, never our working notes on the transcription.
    expect(await page.locator('.indicator__source').first().textContent()).toBe('Source: Worcestershire Multi Agency Levels of Need, May 2019');
    await expectNoWorkingNotes(page, 'thresholds explorer');
    // The hint's own example finds the council's words for it.
    await page.getByLabel('Search indicators and the glossary', { exact: true }).fill('bruise');
    await page.getByRole('status').filter({ hasText: /indicators match “bruise”/ }).waitFor();
    expect(await page.locator('.indicator').filter({ hasText: 'Physical chastisement of the child' }).count()).toBe(1);
    await page.getByLabel('Search indicators and the glossary', { exact: true }).fill('genital mutilation');
    await page.getByRole('status').filter({ hasText: '1 indicator matches “genital mutilation”' }).waitFor();
    const fgm = page.locator('.indicator');
    expect(await fgm.count()).toBe(1);
    const fgmText = await fgm.textContent();
    expect(fgmText).toContain('Red flag (our guidance): act now.');
    await page.getByText('Red flags are our guidance, not the council’s labels:').waitFor();
    expect(fgmText).toContain('Female genital mutilation (FGM)');
    expect(fgmText).toContain('Source: Worcestershire Multi Agency Levels of Need, May 2019');
    expect(fgmText).not.toContain('Doubt');
    expect(await page.getByRole('row', { name: /Health/ }).getByText('Female genital mutilation (FGM)').count()).toBe(1);
    await check('thresholds explorer with a search');
    await screenshot(page, 'thresholds-search');
    await page.getByRole('heading', { name: 'Routes and timescales' }).waitFor();
    await page.getByRole('heading', { name: /^Escalation:/ }).waitFor();
    await page.getByRole('heading', { name: 'Glossary' }).waitFor();

    // Who to call, Thursday 14:00: the Family Front Door is open.
    await goTo(page, 'Who to call');
    const panel = page.getByRole('region', { name: 'Who to call now' });
    await panel.getByText('Checked at 14:00 on Thursday 12/03/2026.').waitFor();
    const first = panel.locator('.call-now__item').first();
    expect(await first.textContent()).toContain(worcestershire.frontDoor);
    expect(await first.textContent()).toContain(worcestershire.frontDoorPhone);
    expect(await first.textContent()).toContain('Open now. Open until 17:00.');
    expect(await panel.locator('.call-now__closed').count()).toBe(0);
    await check('who to call, office open');
    await screenshot(page, 'who-to-call-open');

    // Friday 16:45, after the Friday closing time of 16:30: the out-of-hours line.
    clock.set(londonInstant('2026-03-13T16:45:00', '+00:00'));
    await comeBackAnotherDay(page);
    await checkAgain(page);
    await panel.getByText('Checked at 16:45 on Friday 13/03/2026.').waitFor();
    const closed = await panel.locator('.call-now__closed').textContent();
    expect(closed).toContain(`${worcestershire.frontDoor} is closed`);
    expect(closed).toContain(worcestershire.outOfHoursPhone);
    expect(await panel.locator('.call-now__item').first().textContent()).toContain(worcestershire.outOfHoursPhone);
    await check('who to call, office closed');

    // Monday 04/05/2026 11:00 (BST), the early May bank holiday: closed all day.
    clock.set(londonInstant('2026-05-04T11:00:00', '+01:00'));
    await comeBackAnotherDay(page);
    await checkAgain(page);
    await panel.getByText('Checked at 11:00 on Monday 04/05/2026, a bank holiday.').waitFor();
    expect(await panel.locator('.call-now__closed').textContent()).toContain('bank holiday');
    expect(await panel.locator('.call-now__item').first().textContent()).toContain(worcestershire.outOfHoursPhone);

    // The directory: Redditch's own coordinators only, each "not verified" until the school checks them.
    const directory = page.getByRole('region', { name: /^Contacts in Worcestershire/ });
    await directory.getByRole('heading', { name: 'Early Help Coordinators' }).waitFor();
    await expectNoWorkingNotes(page, 'who to call and the contacts');
    expect(await directory.getByRole('heading', { name: /Redditch: Tara Day/ }).count()).toBe(1);
    expect(await directory.getByRole('heading', { name: /Malvern: Charlotte Krivosic/ }).count()).toBe(0);
    await screenshot(page, 'who-to-call-bank-holiday');
    // The pack names no LADO, yet every council has one: an empty slot waits for the school to fill in and verify.
    const lado = directory.getByRole('region', { name: 'LADO (allegations against adults)' });
    await lado.getByRole('heading', { name: 'Worcestershire County Council LADO (local authority designated officer)' }).waitFor();
    expect(await lado.getByText(/consults the LADO within one working day/).count()).toBe(1);

    // A DSL corrects a number and marks it verified; the page says the shipped file is not changed.
    await directory.getByRole('button', { name: /^Correct or verify Targeted Family Support Team Leader, Redditch/ }).click();
    const form = page.getByRole('form', { name: /^Correct Targeted Family Support Team Leader, Redditch/ });
    await form.getByText('The pack file shipped with the app is never changed.').waitFor();
    await form.getByLabel('Phone', { exact: true }).fill('07957 000111');
    await form.getByLabel('I have checked these details today').check();
    await form.getByRole('button', { name: 'Save the contact' }).click();
    await page.getByRole('status').filter({ hasText: 'saved and verified on 04/05/2026' }).waitFor();
    await screenshot(page, 'who-to-call-verified');
    const card = directory.locator('.contact').filter({ hasText: 'Redditch: Tara Day' });
    await card.getByText('Verified on 04/05/2026').waitFor();
    expect(await card.textContent()).toContain('07957 000111');

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('refuses a malformed pack file and names every problem by its JSON path', async () => {
    const { page, problems } = opened;
    await setUpSchoolAndConfirm(page);
    await goTo(page, 'Settings');

    const broken = shippedPack(worcestershire.id);
    broken.id = 'broken-test-pack';
    (broken.levels as Array<Record<string, unknown>>)[1]!.ordinal = 'two';
    (broken.provenance as Record<string, unknown>).status = 'current';
    (broken.indicators as Array<Record<string, unknown>>)[3]!.kind = 'worry';
    await importPackFile(page, 'broken.json', broken);
    const refusal = page.getByRole('alert').filter({ hasText: 'The pack was refused' });
    await refusal.waitFor();
    const paths = await refusal.locator('.pack-refusal__path').allTextContents();
    expect(paths).toEqual(expect.arrayContaining(['levels[1].ordinal', 'provenance.status', 'indicators[3].kind']));
    expect(await seriousViolations(page, 'settings with a refused pack')).toEqual([]);
    await screenshot(page, 'settings-refused-pack');

    // A file that fits the format but points at a level that does not exist.
    const dangling = shippedPack(worcestershire.id);
    dangling.id = 'dangling-test-pack';
    (dangling.indicators as Array<Record<string, unknown>>)[3]!.levelId = 'level-9';
    await importPackFile(page, 'dangling.json', dangling);
    await refusal.locator('.pack-refusal__path').filter({ hasText: 'indicators[3].levelId' }).waitFor();

    // Not JSON at all.
    await page.getByLabel('Pack file', { exact: true }).setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{ this is not json') });
    await page.getByRole('button', { name: 'Import the pack', exact: true }).click();
    await refusal.filter({ hasText: /JSON/ }).waitFor();

    // A good file is accepted and can be chosen.
    const good = shippedPack(worcestershire.id);
    good.id = 'worcestershire-local-copy';
    good.title = 'Worcestershire (our checked copy)';
    await importPackFile(page, 'worcestershire-local-copy.json', good);
    await page.getByRole('status').filter({ hasText: 'The pack “worcestershire-local-copy” is installed.' }).waitFor();
    await page.getByRole('radio', { name: /^Worcestershire \(our checked copy\)/ }).waitFor();
    expect(await page.getByText('Imported from worcestershire-local-copy.json.').count()).toBe(1);
    await heading(page, 'Settings');
    expect(problems).toEqual([]);
  });

  it('keeps the school’s closure days, typed as dates and ranges', async () => {
    const { page, problems } = opened;
    await setUpSchoolAndConfirm(page);
    await goTo(page, 'Settings');
    const days = page.getByLabel('Closure days', { exact: true });

    // A mistake names its line and keeps what was typed.
    await days.fill('02/09/2026\n30/02/2026\n21/12/2026 to 01/01/2027');
    await page.getByRole('button', { name: 'Save closure days', exact: true }).click();
    await page.locator('.error-summary').getByText(/Line 2: enter a date like 22\/12\/2026/).waitFor();
    expect(await days.inputValue()).toBe('02/09/2026\n30/02/2026\n21/12/2026 to 01/01/2027');

    // An INSET day and the Christmas holiday (12 days) are kept; the range comes back as one line.
    await days.fill('21/12/2026 – 01/01/2027\n02/09/2026');
    await page.getByRole('button', { name: 'Save closure days', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '13 days are set as closure days.' }).waitFor();
    expect(await days.inputValue()).toBe('02/09/2026\n21/12/2026 to 01/01/2027');
    await page.reload();
    await heading(page, 'Settings');
    expect(await page.getByLabel('Closure days', { exact: true }).inputValue()).toBe('02/09/2026\n21/12/2026 to 01/01/2027');
    expect(problems).toEqual([]);
  });
});
