// The concern form when things go wrong or cannot wait: a failed check keeps every word, the duties that cannot
// wait appear as soon as they apply, wrong files are refused before sending, and drafts survive a lock and a reload.
import { describe, expect, it } from 'vitest';
import { addCalendarDays, formatIsoDate, londonIsoDate } from '../../shared/calendar';
import { seriousViolations } from './support/axe';
import { blurAndSaveDraft, choosePupil, dslOnDuty, draftSaved, headteacher, invokeFromPage, openLogConcern, pupils, schoolWithStaffSignedIn } from './support/concernFlows';
import { fill, goTo, heading, recordCommands, staff } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();

const words = 'Amir said he does not want to go home tonight. He was shaking and would not take his coat off.';
const theirWords = 'if i go home hes going to hurt me';

describe('the concern form', () => {
  it('keeps every word typed when the form fails validation, shows each duty as it applies, and axe finds nothing serious', async () => {
    const { page, problems } = e2e.opened;
    const violations: string[] = [];
    const check = async (where: string) => violations.push(...(await seriousViolations(page, where)));
    await schoolWithStaffSignedIn(page);
    await openLogConcern(page);
    await check('the empty form');

    // No pupil and a date in the future: nothing is sent, every word stays, and the summary links to each field.
    const sent = recordCommands(page);
    const tomorrow = formatIsoDate(addCalendarDays(londonIsoDate(new Date()), 1));
    await fill(page, 'Date it happened', tomorrow);
    await fill(page, 'Where it happened', 'Cloakroom');
    await fill(page, 'What you saw or heard', words);
    await fill(page, 'What the child said, in their own words (optional)', theirWords);
    await page.getByRole('button', { name: 'Submit the concern' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await summary.textContent()).toContain('Choose a pupil, or type the child’s name and class');
    expect(await summary.textContent()).toContain('The date and time cannot be in the future');
    expect(sent).not.toContain('concerns.submit');
    expect(await page.getByLabel('What you saw or heard', { exact: true }).inputValue()).toBe(words);
    expect(await page.getByLabel('What the child said, in their own words (optional)', { exact: true }).inputValue()).toBe(theirWords);
    expect(await page.getByLabel('Where it happened', { exact: true }).inputValue()).toBe('Cloakroom');
    await summary.getByRole('link', { name: 'Choose a pupil, or type the child’s name and class' }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await check('the form with errors');

    // Immediate danger: call 999 and find the DSL on duty now, by name and extension.
    await page.getByLabel('A child is in immediate danger now', { exact: true }).check();
    const danger = page.getByRole('alert').filter({ hasText: 'Call 999 now' });
    await danger.waitFor();
    expect(await danger.textContent()).toContain(dslOnDuty.name);
    expect(await danger.textContent()).toContain(dslOnDuty.extension);
    await page.getByRole('group', { name: 'Have you spoken to a DSL in person?' }).waitFor();
    await check('the form with the immediate-danger banner');

    // FGM in the words: the personal duty to call the police on 101, and somewhere to put the reference.
    await fill(page, 'What you saw or heard', `${words} She said she is going abroad in the summer to be cut, for FGM.`);
    const fgm = page.getByRole('region', { name: /Female genital mutilation/ });
    await fgm.waitFor();
    expect(await fgm.textContent()).toContain('101');
    await fgm.getByLabel('Police reference number, once you have reported it', { exact: true }).waitFor();
    await fill(page, 'What you saw or heard', words);
    await fgm.waitFor({ state: 'detached' });

    // About an adult: tell the headteacher; this form will not store it.
    await page.getByLabel('The concern is about an adult who works or volunteers at the school', { exact: true }).check();
    const adult = page.getByRole('alert').filter({ hasText: 'headteacher' });
    await adult.waitFor();
    expect(await adult.textContent()).toContain(headteacher.name);
    expect(await page.getByRole('button', { name: 'Submit the concern' }).isDisabled()).toBe(true);
    await check('the form about an adult');
    await page.getByLabel('The concern is about an adult who works or volunteers at the school', { exact: true }).uncheck();
    await adult.waitFor({ state: 'detached' });

    // Files: a wrong type and an oversized photo are refused on the page, with the reason.
    await page.getByRole('button', { name: 'Files (optional)', exact: true }).click();
    await page.getByLabel('Attach files (optional)', { exact: true }).setInputFiles([
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
      { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(5 * 1024 * 1024 + 10, 1) },
    ]);
    await page.getByText('“notes.txt” is not a PDF or a photo').waitFor();
    await page.getByText('each file must be 5 MB or smaller').waitFor();
    expect(await page.getByRole('list', { name: 'Attached files' }).count()).toBe(0);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
    await page.getByLabel('Attach files (optional)', { exact: true }).setInputFiles([{ name: 'note.png', mimeType: 'image/png', buffer: png }]);
    await page.getByRole('list', { name: 'Attached files' }).getByText('note.png').waitFor();

    // Fixed: the pupil, today's date, and the answer the urgent question needs.
    await choosePupil(page, 'amir', pupils.amir.name);
    await fill(page, 'Date it happened', formatIsoDate(londonIsoDate(new Date())));
    await fill(page, 'Time', '00:00');
    await page.getByRole('button', { name: 'Submit the concern' }).click();
    await summary.getByText('Say whether you have spoken to a DSL in person').waitFor();
    await page.getByLabel('No, not yet', { exact: true }).check();
    await page.getByRole('button', { name: 'Submit the concern' }).click();
    await heading(page, 'Your concern is logged, but no DSL has been told yet');
    await page.getByRole('alert').filter({ hasText: 'Find a DSL now and tell them in person' }).getByText(dslOnDuty.name).waitFor();

    await goTo(page, 'My concerns');
    const row = page.getByRole('row').filter({ hasText: pupils.amir.name });
    expect(await row.textContent()).toContain('Immediate danger');
    expect(await row.textContent()).toContain('Submitted — not yet read');
    await row.getByRole('link').click();
    await heading(page, `Concern about ${pupils.amir.name}`);
    await page.getByRole('button', { name: 'Download note.png' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download note.png' }).click();
    expect((await download).suggestedFilename()).toBe('note.png');

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('saves a draft by itself, keeps it through a lock and unlock, and offers it again after a reload', async () => {
    const { page, problems } = e2e.opened;
    await schoolWithStaffSignedIn(page);
    await openLogConcern(page);
    await choosePupil(page, 'ellie', pupils.ellie.name);
    await fill(page, 'What you saw or heard', words);
    // A mark placed with the keyboard alone: open the section, Tab to the outline, move the crosshair, press Enter.
    await page.getByRole('button', { name: 'Marks or injuries (optional)', exact: true }).click();
    await page.getByRole('application', { name: 'Back of the body' }).focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: /^Mark 1 — Back: upper back/ }).waitFor();
    await draftSaved(page);

    await page.getByRole('banner').getByRole('button', { name: 'Lock' }).click();
    await heading(page, 'Locked');
    expect(await page.getByLabel('What you saw or heard', { exact: true }).isVisible()).toBe(false);
    await fill(page, `Password for ${staff.username}`, staff.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await heading(page, 'Log a concern');
    expect(await page.getByLabel('What you saw or heard', { exact: true }).inputValue()).toBe(words);

    // More words after the lock are saved too, then the tab is reloaded (as after a crash).
    await fill(page, 'What the child said, in their own words (optional)', theirWords);
    await blurAndSaveDraft(page);
    const drafts = await invokeFromPage<Array<{ id: string }>>(page, 'drafts.mine', {});
    expect(drafts.value).toHaveLength(1);
    await page.reload();
    await heading(page, 'Log a concern');
    await page.getByRole('heading', { name: 'You have an unfinished concern' }).waitFor();
    await page.getByRole('button', { name: 'Carry on with this draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Attachments are not kept in drafts' }).waitFor();
    expect(await page.getByLabel('What you saw or heard', { exact: true }).inputValue()).toBe(words);
    expect(await page.getByLabel('What the child said, in their own words (optional)', { exact: true }).inputValue()).toBe(theirWords);
    await page.getByRole('group', { name: `${pupils.ellie.name}’s part in this` }).waitFor();
    await page.getByRole('group', { name: /^Mark 1 — Back: upper back/ }).waitFor();

    // Submitting finishes the draft: it is not offered again.
    await page.getByLabel('I am not sure: leave it to the DSL', { exact: true }).check();
    await page.getByRole('button', { name: 'Submit the concern' }).click();
    await heading(page, 'Thank you — the DSL has been told');
    const after = await invokeFromPage<Array<{ id: string }>>(page, 'drafts.mine', {});
    expect(after.value).toEqual([]);
    expect(problems).toEqual([]);
  });
  it('keeps the words when the answer to a submission is lost, tries again by itself, and the concern is stored once', async () => {
    const { page, problems } = e2e.opened;
    await schoolWithStaffSignedIn(page);
    await openLogConcern(page);
    await choosePupil(page, 'amir', pupils.amir.name);
    await fill(page, 'What you saw or heard', words);
    await page.getByLabel('I am not sure: leave it to the DSL', { exact: true }).check();

    // The first try reaches the app and is stored, but its answer never comes back (the connection drops on the way).
    const tries: string[] = [];
    await page.route('**/api/invoke', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('"command":"concerns.submit"')) return route.continue();
      tries.push((JSON.parse(body) as { input: { submissionId: string } }).input.submissionId);
      if (tries.length > 1) return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Submit the concern' }).click();
    const notSent = page.getByRole('status').filter({ hasText: 'Not sent yet — your words are safe on this screen' });
    await notSent.waitFor();
    expect(await notSent.textContent()).toContain('tried again by itself');
    expect(await page.getByLabel('What you saw or heard', { exact: true }).inputValue()).toBe(words);
    expect(await seriousViolations(page, 'the form waiting to try again')).toEqual([]);

    // Tried again by itself, with the same submission id: the page is told what the first try did, and no second copy is made.
    await heading(page, 'Thank you — the DSL has been told');
    expect(tries).toHaveLength(2);
    expect(tries[1]).toBe(tries[0]);
    const mine = await invokeFromPage<Array<{ pupilNames: string[] }>>(page, 'concerns.mine', {});
    expect(mine.value!.filter((concern) => concern.pupilNames.includes(pupils.amir.name))).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
