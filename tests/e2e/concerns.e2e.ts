// The journey of a concern through the real host and a real Chromium: a member of staff logs it (two pupils, a
// mark on the body map, the child's own words), the DSL is alerted and reads it, and the member of staff sees that
// it has been read — and nothing the DSL wrote.
import { describe, expect, it } from 'vitest';
import { formatDate, londonIsoDate } from '../../shared/calendar';
import { seriousViolations } from './support/axe';
import { choosePupil, invokeFromPage, prepareSchool, pupils, schoolWithStaffSignedIn, signInAs } from './support/concernFlows';
import { goTo, heading, setUpSchoolAndConfirm } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();

const whatHappened = 'At lunch Ellie had a round bruise on her left forearm. She pulled her sleeve down when I asked. Amir was sitting next to her.';
const childWords = 'mum’s boyfriend grabbed me cos i was late. dont tell';

describe('logging a concern', () => {
  it('a member of staff logs a concern about two pupils with a body-map mark and the child’s words; the DSL is alerted and reads it; the author sees “read”', async () => {
    const { page, problems } = e2e.opened;
    const violations: string[] = [];
    await schoolWithStaffSignedIn(page);

    // From the staff home, straight to the form.
    await page.getByRole('main').getByRole('link', { name: 'Log a concern', exact: true }).click();
    await heading(page, 'Log a concern');
    // When it happened defaults to now, in London.
    expect(await page.getByLabel('Date it happened', { exact: true }).inputValue()).toBe(formatDate(new Date()));
    expect(await page.getByLabel('Time', { exact: true }).inputValue()).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);

    // Two pupils: the second is "involved" until changed. Staff are not offered a child's brothers and sisters: which
    // children share a household is for the DSL.
    await choosePupil(page, 'ell', pupils.ellie.name);
    const chosen = page.getByRole('list', { name: 'Pupils on this concern' });
    await chosen.getByRole('group', { name: `${pupils.ellie.name}’s part in this` }).waitFor();
    expect(await page.getByRole('button', { name: `Add ${pupils.ellie.name}’s siblings` }).count()).toBe(0);
    await choosePupil(page, 'hussain', pupils.amir.name);
    const amirPart = page.getByRole('group', { name: `${pupils.amir.name}’s part in this` });
    expect(await amirPart.getByLabel('Named or involved (the DSL will decide their part)').isChecked()).toBe(true);
    await amirPart.getByLabel('Saw or heard what happened').check();
    expect(await chosen.getByRole('listitem').count()).toBe(2);
    expect(await page.getByRole('main').textContent()).not.toMatch(/victim|instigator|perpetrator/i);

    await page.getByLabel('Where it happened', { exact: true }).fill('Dining hall');
    await page.getByLabel('What you saw or heard', { exact: true }).fill(whatHappened);
    await page.getByLabel('What the child said, in their own words (optional)', { exact: true }).fill(childWords);
    await page.getByLabel('Physical abuse', { exact: true }).check();

    // A mark on the front outline (the section opens with its button), placed with the mouse, then described.
    await page.getByRole('button', { name: 'Marks or injuries (optional)', exact: true }).click();
    await page.getByRole('application', { name: 'Front of the body' }).click({ position: { x: 39, y: 141 } });
    const mark = page.getByRole('group', { name: 'Mark 1 — Front: right forearm' });
    await mark.waitFor();
    expect(await mark.getByRole('textbox').count()).toBe(4);
    await mark.getByLabel('Size', { exact: true }).fill('3 cm across');
    await mark.getByLabel('Colour', { exact: true }).fill('purple-blue');
    await mark.getByLabel('Shape', { exact: true }).fill('round, like fingertips');
    await mark.getByLabel('What the child said about it', { exact: true }).fill('he squeezed');
    violations.push(...(await seriousViolations(page, 'the form, filled in')));

    await page.getByRole('button', { name: 'Submit the concern' }).click();
    await heading(page, 'Thank you — the DSL has been told');
    await page.getByRole('link', { name: 'Read the concern you logged' }).click();
    await heading(page, `Concern about ${pupils.ellie.name}, ${pupils.amir.name}`);
    await page.getByText('Submitted — not yet read').waitFor();
    expect(await page.locator('blockquote.child-words').textContent()).toBe(childWords);
    expect(await page.getByRole('img', { name: 'Front of the body: mark 1' }).count()).toBe(1);
    await page.getByText('3 cm across').waitFor();
    await page.getByText('Front: right forearm').waitFor();
    await page.getByText('Saw or heard what happened').waitFor();
    violations.push(...(await seriousViolations(page, 'the concern, for its author')));

    // The DSL: the badge in the masthead and the new concern on the home page; opening it marks it read.
    await signInAs(page, 'dsl');
    const badge = page.getByRole('banner').getByRole('link', { name: /New concerns 1/ });
    await badge.waitFor();
    const card = page.getByRole('region', { name: 'Review queue' });
    await card.getByText('1 new concern', { exact: true }).waitFor();
    await card.getByRole('link', { name: `${pupils.ellie.name}, ${pupils.amir.name}` }).click();
    await heading(page, `Concern about ${pupils.ellie.name}, ${pupils.amir.name}`);
    await page.getByText('Read by a DSL', { exact: true }).waitFor();
    await page.getByText(`Logged ${formatDate(new Date())}`, { exact: false }).first().waitFor();
    expect(await page.locator('blockquote.child-words').textContent()).toBe(childWords);

    // The DSL adds an addendum; it is dated and the original is unchanged.
    await page.getByLabel('What you want to add', { exact: true }).fill('Spoke to Ellie with her class teacher present.');
    await page.getByRole('button', { name: 'Add the addendum' }).click();
    await page.getByRole('status').filter({ hasText: 'Your addendum was added at' }).waitFor();
    await page.getByText('Spoke to Ellie with her class teacher present.').waitFor();
    // The DSL logs a concern of their own about Jack, for the member of staff to try to read below.
    const [jack] = (await invokeFromPage<Array<{ id: string }>>(page, 'pupils.search', { query: 'jack brown' })).value!;
    const othersWords = 'Jack said his uncle keeps him home to mind the baby.';
    const others = await invokeFromPage<{ id: string }>(page, 'concerns.submit', { pupils: [{ pupilId: jack!.id, part: 'subject' }], occurredDate: londonIsoDate(new Date()), occurredTime: '00:00', whatHappened: othersWords });
    expect(others.ok).toBe(true);

    // The member of staff sees "read" — and nothing that the DSL decided.
    await signInAs(page, 'staff');
    await goTo(page, 'My concerns');
    const row = page.getByRole('row').filter({ hasText: pupils.ellie.name });
    expect(await row.textContent()).toContain('Read by a DSL');
    expect(await row.textContent()).toContain(formatDate(new Date()));
    violations.push(...(await seriousViolations(page, 'my concerns')));

    // Another's concern (the DSL's, by its real id), or one that does not exist, looks the same: not theirs to see.
    const mine = await invokeFromPage<Array<{ id: string }>>(page, 'concerns.mine', {});
    expect(mine.value).toHaveLength(1);
    for (const concernId of [others.value!.id, '0190a8f2-0000-7000-8000-000000000000']) {
      await page.evaluate((id) => {
        window.location.hash = `#/concerns/${id}`;
      }, concernId);
      await heading(page, 'This concern does not exist, or it is not yours to see');
      expect(await page.getByRole('main').textContent()).not.toContain(othersWords);
    }
    expect(await invokeFromPage(page, 'concerns.get', { concernId: others.value!.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    violations.push(...(await seriousViolations(page, 'a concern that is not theirs')));

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('alerts the DSL within 15 seconds of a new concern, loudly for immediate danger, with no child’s name in the notification', async () => {
    const { page, problems } = e2e.opened;
    await setUpSchoolAndConfirm(page);
    await prepareSchool(page);
    const badge = page.getByRole('banner').getByRole('link', { name: /New concerns 0/ });
    await badge.waitFor();
    // Permission is asked only when the DSL chooses to; nothing is requested on load.
    await page.getByRole('banner').getByRole('button', { name: 'Turn on desktop alerts' }).waitFor();

    // The operating system's notifications, recorded instead of shown.
    await page.evaluate(() => {
      const shown: Array<{ title: string; body: string; requireInteraction: boolean }> = [];
      (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
      class RecordingNotification {
        static permission = 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, options: { body?: string; requireInteraction?: boolean } = {}) {
          shown.push({ title, body: options.body ?? '', requireInteraction: options.requireInteraction ?? false });
        }
        close() {}
      }
      (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
    });

    // Someone logs a concern about a child in immediate danger (here through the same host, as another door would).
    const found = await invokeFromPage<Array<{ id: string }>>(page, 'pupils.search', { query: 'Amir' });
    const submitted = await invokeFromPage(page, 'concerns.submit', {
      pupils: [{ pupilId: found.value![0]!.id, part: 'subject' }],
      occurredDate: londonIsoDate(new Date()),
      occurredTime: '00:00',
      whatHappened: 'Amir is at the gate with a man who is shouting at him and pulling his arm.',
      immediateDanger: true,
      spokenToDslInPerson: 'yes',
    });
    expect(submitted.ok).toBe(true);

    await page.getByRole('banner').getByRole('link', { name: /Immediate danger New concerns 1/ }).waitFor({ timeout: 20_000 });
    const shown = await page.evaluate(() => (window as unknown as { shownNotifications: Array<{ title: string; body: string; requireInteraction: boolean }> }).shownNotifications);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('IMMEDIATE DANGER concern logged — open Safeguarding Records now');
    expect(shown[0]!.requireInteraction).toBe(true);
    expect(JSON.stringify(shown)).not.toMatch(/Amir|Hussain/);
    expect(problems).toEqual([]);
  });
});
