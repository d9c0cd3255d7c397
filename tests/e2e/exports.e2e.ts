// Where safeguarding information leaves the building, through the real host and a real Chromium: a DSL builds a
// MASH referral pack, sends a child protection file to a new school and follows it in the register, and exports
// the chronology and a subject-access response. Downloads are opened with Debian's 7z and pdftotext.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { launchChromium, openPage, type OpenedPage } from './support/browser';
import { CHILD_WORDS, call, download, extractWith7z, openAddress, pdfText, seedExportSchool, shownPassphrase, snap, type ExportSchool } from './support/exportFlows';
import { dsl, fill, goTo, heading, recordCommands, signIn, signInNextDay } from './support/flows';
import { startTestHost, type TestSchoolHost } from './support/host';

let browser: Browser;
let school: TestSchoolHost;
let opened: OpenedPage;
let seeded: ExportSchool;
// Monday 23/11/2026, in London (GMT, so the same as UTC).
let now = new Date('2026-11-23T10:00:00Z');
const setNow = (iso: string) => (now = new Date(iso));
const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  setNow('2026-11-23T10:00:00Z');
  school = await startTestHost({ clock: () => now });
  seeded = await seedExportSchool(school.host.app);
  opened = await openPage(browser, school.host.url);
  await signIn(opened.page, dsl.username, dsl.password);
  await heading(opened.page, 'Hello, Joy');
});
afterEach(async () => {
  await opened?.context.close();
  await school?.close();
});

describe('the MASH referral pack', () => {
  it('leaves out a section, carries the edited narrative into the PDF, and shows the passphrase once', async () => {
    const { page, problems } = opened;
    const sent = recordCommands(page);
    const accessibility: string[] = [];
    await openAddress(page, `#/children/${seeded.amyId}/referral-pack`, 'MASH referral pack');
    const household = page.getByLabel('Include “Household and significant adults”', { exact: true });
    await household.waitFor();
    await page.getByText('The child’s file itself is not changed.').waitFor();
    // Required sections cannot be left out.
    expect(await page.getByLabel('Include “The child”', { exact: true }).count()).toBe(0);
    expect(await page.getByText('Always included').count()).toBe(3);
    // The preview follows the order a front-door social worker reads.
    const headings = await page.locator('.pack-section__title').allTextContents();
    expect(headings.indexOf('The child')).toBeLessThan(headings.indexOf('Reason for referral and what the school is asking for'));
    expect(headings.indexOf('The current concern')).toBeLessThan(headings.indexOf('Relevant chronology'));
    await page.getByText(CHILD_WORDS).first().waitFor();
    accessibility.push(...(await seriousViolations(page, 'referral pack preview')));
    await snap(page, 'referral-preview');

    await household.uncheck();
    await page.getByText('Left out of this pack.').waitFor();
    const narrative = 'Amy disclosed that her father grabbed her arm; the school asks for a strategy discussion today.';
    const fromTheFile = await page.getByLabel('Reason for referral', { exact: true }).inputValue();
    expect(fromTheFile).not.toBe('');
    await fill(page, 'Reason for referral', narrative);
    await page.getByLabel('Front door contact', { exact: true }).selectOption('family-front-door');
    expect(await page.getByLabel('Team or person the pack is for', { exact: true }).inputValue()).not.toBe('');

    // The consent position and its reason come from the decision; without the reason nothing is sent, and every
    // word typed stays.
    expect(await page.getByLabel('Consent not sought', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Why was consent not sought?', { exact: true }).inputValue()).toBe('Telling the parent first could put Amy at further risk.');
    await fill(page, 'Why was consent not sought?', '');
    await page.getByRole('button', { name: 'Export the referral pack' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Say why consent was not sought');
    expect(await page.getByLabel('Reason for referral', { exact: true }).inputValue()).toBe(narrative);
    expect(sent).not.toContain('exports.referralExport');
    accessibility.push(...(await seriousViolations(page, 'referral pack with errors')));

    await fill(page, 'Why was consent not sought?', 'Telling the parent first could put Amy at further risk.');
    const started = Date.now();
    await page.getByRole('button', { name: 'Export the referral pack' }).click();
    await page.getByRole('heading', { name: 'The referral pack is ready' }).waitFor({ timeout: 60_000 });
    const exportMs = Date.now() - started;
    await page.getByText('Send this passphrase by a different channel (e.g. phone it to the social worker) — it is not stored anywhere.').waitFor();
    const passphrase = await shownPassphrase(page);
    expect(passphrase).toMatch(/^[A-Z0-9]{3,}(-[A-Z0-9]{3,})+$/);
    accessibility.push(...(await seriousViolations(page, 'referral pack ready')));
    await snap(page, 'referral-ready');

    const archive = await download(page, /^Download the encrypted archive/);
    expect(archive.name).toMatch(/^referral-pack-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip$/);
    expect(archive.name).not.toMatch(/amy|amelia|hughes/i);
    expect(extractWith7z(archive.bytes, 'WRONG-PASS-PHRASE')).toBeNull();
    const files = extractWith7z(archive.bytes, passphrase);
    expect(files && [...files.keys()].sort()).toEqual(['referral-pack.json', 'referral-pack.pdf']);
    const text = flat(pdfText(files!.get('referral-pack.pdf')!));
    expect(text).toContain(narrative);
    expect(text).toContain(CHILD_WORDS);
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).not.toContain('Household and significant adults');
    const document = JSON.parse(files!.get('referral-pack.json')!.toString('utf8')) as { household: unknown; reason: { reasonForReferral: string }; consent: { position: string } };
    expect(document.household).toBeNull();
    expect(document.reason.reasonForReferral).toBe(narrative);
    expect(document.consent.position).toBe('not_sought');

    // The DSL confirms before leaving; then the passphrase is gone for good.
    await page.getByRole('button', { name: 'I have finished' }).click();
    await page.getByText('Confirm that you have the passphrase and will send it separately').waitFor();
    await page.getByLabel('I have the passphrase and will send it separately from the archive').check();
    await page.getByRole('button', { name: 'I have finished' }).click();
    // Nothing was sent: the page says the file was saved and what is left to do.
    await page.getByRole('status').filter({ hasText: `Referral pack saved — not sent yet` }).filter({ hasText: archive.name }).waitFor();
    expect(await page.locator('.passphrase').count()).toBe(0);
    expect(await page.content()).not.toContain(passphrase);

    // The child's file is unchanged: the preview starts again from the file's own words.
    // A reload keeps the session (the token is in this tab's sessionStorage).
    await page.reload();
    await openAddress(page, `#/children/${seeded.amyId}/referral-pack`, 'MASH referral pack');
    await page.getByLabel('Reason for referral', { exact: true }).waitFor();
    expect(await page.getByLabel('Reason for referral', { exact: true }).inputValue()).toBe(fromTheFile);

    console.info(`referral pack export in the browser: ${exportMs} ms`);
    expect(accessibility).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('refers about the concern the DSL chooses, keeps what was typed while the preview changes, and asks before leaving the passphrase', async () => {
    const { page, problems } = opened;
    setNow('2026-11-23T11:00:00Z');
    // Another concern arrives from another computer: the seeding door signs in for itself (each door has its own session).
    await call(school.host.app, 'session.signIn', { username: dsl.username, password: dsl.password });
    const later = await call(school.host.app, 'concerns.submit', {
      pupils: [{ pupilId: seeded.amyId, part: 'subject' }],
      occurredDate: '2026-11-23',
      occurredTime: '10:40',
      whatHappened: 'Amy was found crying in the toilets at break and would not say why.',
      categories: ['mental-health'],
    });
    await openAddress(page, `#/children/${seeded.amyId}/referral-pack`, 'MASH referral pack');
    const chooser = page.getByLabel('The concern this referral is about', { exact: true });
    await chooser.waitFor();
    // The latest concern is the starting point.
    expect(await chooser.inputValue()).toBe(later.id);
    const narrative = 'Two worries in one morning; the school asks the front door for advice today.';
    await fill(page, 'Reason for referral', narrative);
    await chooser.selectOption(seeded.concernId);
    // The bruise concern, with the child's own words, is now the one shown in full; the typed reason is untouched.
    await page.getByText(CHILD_WORDS).first().waitFor();
    expect(await page.getByLabel('Reason for referral', { exact: true }).inputValue()).toBe(narrative);

    await page.getByLabel('Consent not sought', { exact: true }).check();
    await fill(page, 'Why was consent not sought?', 'Telling the parent first could put Amy at further risk.');
    await page.getByRole('button', { name: 'Export the referral pack' }).click();
    await page.getByRole('heading', { name: 'The referral pack is ready' }).waitFor({ timeout: 60_000 });
    const passphrase = await shownPassphrase(page);
    // Moving to another page before confirming asks first; staying keeps the passphrase on screen.
    const warnings: string[] = [];
    page.once('dialog', (dialog) => {
      warnings.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByText(passphrase).first().waitFor();
    expect(warnings).toEqual([expect.stringContaining('The passphrase is shown only here')]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('MASH referral pack');
    const archive = await download(page, /^Download the encrypted archive/);
    const files = extractWith7z(archive.bytes, passphrase);
    const document = JSON.parse(files!.get('referral-pack.json')!.toString('utf8')) as { currentConcern: { concernId: string; childsOwnWords: string }; reason: { reasonForReferral: string } };
    expect(document.currentConcern).toMatchObject({ concernId: seeded.concernId, childsOwnWords: CHILD_WORDS });
    expect(document.reason.reasonForReferral).toBe(narrative);
    expect(problems).toEqual([]);
  });
});

describe('sending the child protection file', () => {
  it('exports a transfer with an exclusion, records the passphrase, follows the clock in the register and imports the archive', async () => {
    const { page, problems } = opened;
    const accessibility: string[] = [];
    await openAddress(page, `#/children/${seeded.amyId}/transfer`, 'Send the child protection file');
    await page.getByLabel('Selected items', { exact: true }).waitFor();
    accessibility.push(...(await seriousViolations(page, 'transfer form')));

    await page.getByLabel('Selected items', { exact: true }).check();
    const sendBoxes = page.getByRole('checkbox', { name: /^Send/ });
    expect(await sendBoxes.count()).toBeGreaterThan(1);
    await sendBoxes.first().uncheck();
    await fill(page, 'School name', 'Meadow Academy');
    await fill(page, 'URN (optional)', '654321');
    await fill(page, 'Their DSL’s name', 'Dana Rivers');
    await fill(page, 'Their DSL’s phone or email (optional)', '01905 000111');
    await page.getByLabel('Secure email', { exact: true }).check();
    await page.getByRole('button', { name: 'Export the transfer pack' }).click();
    await page.locator('.error-summary').getByText('Say why this item is not being sent').waitFor();
    expect(await page.getByLabel('School name', { exact: true }).inputValue()).toBe('Meadow Academy');
    accessibility.push(...(await seriousViolations(page, 'transfer form with errors')));
    await snap(page, 'transfer-errors');
    await fill(page, 'Why is it not being sent?', 'A duplicate of the concern, recorded twice in error.');
    await page.getByRole('button', { name: 'Export the transfer pack' }).click();
    await page.getByRole('heading', { name: 'The transfer pack is ready' }).waitFor({ timeout: 60_000 });
    // Monday 23/11/2026 + 5 school days.
    await page.getByText('Acknowledgement due by 30/11/2026').waitFor();
    const passphrase = await shownPassphrase(page);
    await page.getByLabel('Yes, by a different channel', { exact: true }).check();
    await page.getByRole('button', { name: 'Record the answer' }).click();
    await page.getByText('Recorded: the passphrase was sent separately.').waitFor();
    accessibility.push(...(await seriousViolations(page, 'transfer ready')));
    await snap(page, 'transfer-ready');
    const archive = await download(page, /^Download the encrypted archive/);
    expect(archive.name).toMatch(/^cp-file-transfer-.*\.zip$/);
    const files = extractWith7z(archive.bytes, passphrase);
    const text = flat(pdfText(files!.get([...files!.keys()].find((name) => name.endsWith('.pdf'))!)!));
    expect(text).toContain('Meadow Academy');
    expect(text).toContain('A duplicate of the concern, recorded twice in error.');

    await page.getByLabel('I have the passphrase and will send it separately from the archive').check();
    await page.getByRole('button', { name: 'I have finished' }).click();
    await page.getByRole('link', { name: 'Go to the transfer register' }).click();
    await heading(page, 'File transfers');
    const row = page.getByRole('row').filter({ hasText: 'Meadow Academy' });
    await row.waitFor();
    const rowText = flat((await row.textContent()) ?? '');
    expect(rowText).toContain('Amy Hughes');
    expect(rowText).toContain('23/11/2026 10:00');
    expect(rowText).toContain('Secure email');
    expect(rowText).toContain('Dana Rivers');
    expect(rowText).toContain('Yes');
    expect(rowText).toContain('Awaiting acknowledgement — due 30/11/2026');
    // The school's own copy is kept until Amy's 25th birthday (born 04/03/2016), the default retention.
    expect(rowText).toContain('04/03/2041');
    accessibility.push(...(await seriousViolations(page, 'transfer register')));

    // Wednesday of the next week with no receipt: flagged overdue.
    setNow('2026-12-02T09:00:00Z');
    await signInNextDay(page, dsl.username, dsl.password);
    await openAddress(page, '#/', 'Hello, Joy');
    await goTo(page, 'File transfers');
    await row.getByText(/Overdue/).waitFor();
    expect(flat((await row.textContent()) ?? '')).toMatch(/Overdue by \d+ school days? — was due 30\/11\/2026/);
    await snap(page, 'register-overdue');
    accessibility.push(...(await seriousViolations(page, 'transfer register, overdue')));

    await row.getByRole('button', { name: /^Record the acknowledgement/ }).click();
    await fill(page, 'Date the signed receipt came back', '01/12/2026');
    await fill(page, 'Who signed the receipt', 'Dana Rivers');
    await page.getByRole('button', { name: 'Save the acknowledgement' }).click();
    await page.getByRole('status').filter({ hasText: 'Acknowledgement recorded' }).waitFor();
    await row.getByText('Acknowledged 01/12/2026 by Dana Rivers').waitFor();

    // Receiving: the archive is refused with a wrong passphrase, then imported with the right one.
    await page.getByLabel('Transfer archive (.zip)').setInputFiles({ name: archive.name, mimeType: 'application/zip', buffer: archive.bytes });
    await fill(page, 'Passphrase', 'AAAA-BBBB-CCCC-DDDD');
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.getByLabel('Passphrase', { exact: true }).inputValue()).toBe('AAAA-BBBB-CCCC-DDDD');
    await snap(page, 'import-refused');
    await fill(page, 'Passphrase', passphrase.toLowerCase());
    await page.getByRole('button', { name: 'Import the file' }).click();
    const received = page.getByRole('status').filter({ hasText: 'File received' });
    await received.waitFor({ timeout: 60_000 });
    expect(flat((await received.textContent()) ?? '')).toContain(`from Oakfield Primary School, sent 23/11/2026 10:00`);
    await received.getByRole('link', { name: 'Open the child’s file' }).waitFor();
    accessibility.push(...(await seriousViolations(page, 'file received')));
    await snap(page, 'import-received');

    // A paper file, recorded against a pupil found on the roster.
    await fill(page, 'Find the pupil', 'Hughes');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByLabel('Amy Hughes', { exact: true }).check();
    await fill(page, 'School the file came from', 'St Mary’s Primary School');
    await fill(page, 'Date it arrived', '02/12/2026');
    await page.getByRole('button', { name: 'Record the paper file' }).click();
    await page.getByRole('status').filter({ hasText: 'Paper file recorded' }).waitFor();
    // Read back through the core, which signs in for itself (each door has its own session).
    await call(school.host.app, 'session.signIn', { username: dsl.username, password: dsl.password });
    const paper = await call(school.host.app, 'transfers.received', { pupilId: seeded.amyId });
    expect(paper.some((file) => file.kind === 'paper' && file.fromSchool === 'St Mary’s Primary School' && file.receivedAt.startsWith('2026-12-02'))).toBe(true);

    expect(accessibility).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('chronology and subject access exports', () => {
  it('exports an anonymised chronology without staff names, and produces nothing until every item is reviewed', async () => {
    const { page, problems } = opened;
    const sent = recordCommands(page);
    const accessibility: string[] = [];
    await openAddress(page, `#/children/${seeded.amyId}/exports`, 'Chronology and subject access exports');
    await page.getByText(/of \d+ items? reviewed/).waitFor();
    accessibility.push(...(await seriousViolations(page, 'exports page')));
    await snap(page, 'child-exports');

    // Anonymised CSV, not encrypted, for a meeting in school.
    await page.getByLabel('CSV', { exact: true }).check();
    await page.getByLabel('Anonymised, for external meetings', { exact: true }).check();
    await fill(page, 'Who will receive it', 'Core group meeting, in school');
    await fill(page, 'Why it is being shared', 'Core group review of the plan');
    await page.getByLabel('Consent given', { exact: true }).check();
    await page.getByLabel('Protect it in an encrypted archive').uncheck();
    await page.getByRole('button', { name: 'Export the chronology' }).click();
    await page.getByRole('heading', { name: 'The chronology is ready' }).waitFor({ timeout: 60_000 });
    await page.getByText('This file is not encrypted.').waitFor();
    const csv = await download(page, /^Download the file/);
    expect(csv.name).toMatch(/^chronology-anonymised-.*\.csv$/);
    const csvText = csv.bytes.toString('utf8');
    expect(csvText).not.toContain(dsl.displayName);
    await page.getByRole('button', { name: 'I have finished' }).click();
    await page.getByRole('status').filter({ hasText: 'Chronology exported' }).waitFor();

    // Subject access: nothing goes until every item is reviewed, and a withheld item needs a reason.
    await fill(page, 'Who asked for the information', 'Karen Hughes, Amy’s mother');
    await fill(page, 'Date the request was received', '20/11/2026');
    await page.getByRole('button', { name: 'Export the subject access response' }).click();
    await page.locator('.error-summary').getByText('Choose disclose or withhold for item 1').waitFor();
    expect(sent).not.toContain('exports.subjectAccessExport');
    const groups = page.getByRole('group', { name: /^Disclose or withhold/ });
    const count = await groups.count();
    expect(count).toBeGreaterThan(0);
    for (let index = 0; index < count; index += 1) await groups.nth(index).getByLabel('Disclose', { exact: true }).check();
    await groups.nth(0).getByLabel('Withhold', { exact: true }).check();
    await page.getByRole('button', { name: 'Export the subject access response' }).click();
    await page.locator('.error-summary').getByText('Say why this item is withheld').waitFor();
    accessibility.push(...(await seriousViolations(page, 'subject access with errors')));
    await fill(page, 'Why is it withheld?', 'Sharing it could put Amy at risk of harm.');
    await page.getByText(`${count} of ${count} items reviewed`).waitFor();
    // The chronology export above added a record to the file since the list was loaded: the host refuses, the
    // list refreshes with the new item unreviewed, and every decision already made stays.
    await page.getByRole('button', { name: 'Export the subject access response' }).click();
    await page.locator('.error-summary').getByText('1 item still to review').waitFor();
    await page.getByText(`${count} of ${count + 1} items reviewed`).waitFor();
    expect(await page.getByLabel('Why is it withheld?', { exact: true }).inputValue()).toBe('Sharing it could put Amy at risk of harm.');
    for (let index = 0; index <= count; index += 1) {
      const group = groups.nth(index);
      if (!(await group.getByLabel('Disclose', { exact: true }).isChecked()) && !(await group.getByLabel('Withhold', { exact: true }).isChecked())) await group.getByLabel('Disclose', { exact: true }).check();
    }
    await page.getByRole('button', { name: 'Export the subject access response' }).click();
    await page.getByRole('heading', { name: 'The subject access response is ready' }).waitFor({ timeout: 60_000 });
    await page.getByText(`${count} items disclosed, 1 withheld`).waitFor();
    await snap(page, 'subject-access-ready');
    const passphrase = await shownPassphrase(page);
    const archive = await download(page, /^Download the encrypted archive/);
    const files = extractWith7z(archive.bytes, passphrase);
    expect(files?.has('subject-access.pdf')).toBe(true);

    expect(accessibility).toEqual([]);
    expect(problems).toEqual([]);
  });
});
