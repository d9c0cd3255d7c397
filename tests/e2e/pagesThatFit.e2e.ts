// Pages that fit a school laptop (1366×768) and words that are true: the concern form and the culture report are
// short enough to take in, the review queue shows a screenful of concerns, the DSL's next steps sit beside the
// concern they are reading — and someone who has not yet told a DSL about something urgent is never told they have.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeDemoSchool } from '../../electron/core/demoData';
import { londonIsoDate } from '../../shared/calendar';
import { seriousViolations } from './support/axe';
import { call, seedCaseworkSchool } from './support/caseworkFlows';
import { choosePupil, dslOnDuty, openLogConcern, pupils, schoolWithStaffSignedIn } from './support/concernFlows';
import { dsl, fill, goTo, heading, signIn } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';
import { head, seedReportSchool } from './support/reportFlows';

const laptop = { width: 1366, height: 768 };
let now = new Date();
const e2e = hostAndPagePerTest(() => ({ clock: () => now }));

const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

/** How many Tab presses it takes from `start` until focus has left `container`. */
async function tabsToLeave(page: Page, start: string, container: string): Promise<number> {
  await page.locator(start).focus();
  for (let presses = 1; presses <= 60; presses += 1) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate((selector) => document.querySelector(selector)?.contains(document.activeElement) ?? false, container);
    if (!inside) return presses;
  }
  return Infinity;
}

describe('the concern form, urgent', () => {
  it('asks whether a DSL has been told as soon as urgent is ticked, and if not says so plainly and names the DSL on duty', async () => {
    now = new Date();
    const { page, problems } = e2e.opened;
    await schoolWithStaffSignedIn(page);
    await openLogConcern(page);
    await choosePupil(page, 'amir', pupils.amir.name);
    await fill(page, 'What you saw or heard', 'Amir has a burn on his hand and says his brother did it this morning.');
    await page.getByLabel('I am not sure: leave it to the DSL', { exact: true }).check();

    // The question comes with the tick, not after a failed submit.
    await page.getByLabel('This is urgent: the DSL needs to know today', { exact: true }).check();
    const question = page.getByRole('group', { name: 'Have you spoken to a DSL in person?' });
    expect(await question.isVisible()).toBe(true);
    expect(await page.locator('.error-summary').count()).toBe(0);
    await question.getByLabel('No, not yet', { exact: true }).check();
    await page.getByRole('button', { name: 'Submit the concern' }).click();

    await heading(page, 'Your concern is logged, but no DSL has been told yet');
    expect(await page.getByText('the DSL has been told').count()).toBe(0);
    const findThem = page.getByRole('alert').filter({ hasText: 'Find a DSL now' });
    await findThem.waitFor();
    const words = (await findThem.textContent()) ?? '';
    expect(words).toContain(dslOnDuty.name);
    expect(words).toContain(`extension ${dslOnDuty.extension}`);
    expect(words).toContain(dslOnDuty.whereToFind);
    expect(await seriousViolations(page, 'the confirmation, DSL not yet told')).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('the concern form on a laptop screen', () => {
  it('is short, passes the kinds of concern in few Tab presses, keeps what is typed in a closed section, and opens a section to show its error', async () => {
    now = new Date();
    const { page, problems } = e2e.opened;
    await page.setViewportSize(laptop);
    await schoolWithStaffSignedIn(page);
    await openLogConcern(page);
    await page.getByLabel('Physical abuse', { exact: true }).waitFor();

    expect(await pageHeight(page)).toBeLessThan(2_500);
    // 21 kinds of concern used to take 22 presses (one more for "leave it to the DSL").
    const presses = await tabsToLeave(page, 'input[type=checkbox][id$="-categories"]', '.concern-categories');
    expect(presses).toBeLessThanOrEqual(12);
    // The rarer kinds are still there, one button away, and choosing one shows its duty.
    await page.getByRole('button', { name: /More kinds of concern/ }).click();
    await page.getByLabel('Radicalisation (Prevent)', { exact: true }).check();
    await page.getByRole('region', { name: 'Radicalisation: the Prevent duty' }).waitFor();
    expect(await seriousViolations(page, 'the concern form, sections open and closed')).toEqual([]);

    // Typed, closed, opened again: every word is still there.
    const others = page.getByRole('button', { name: /Who else was there/ });
    expect(await others.getAttribute('aria-expanded')).toBe('false');
    await others.click();
    const tooLong = 'Mrs Ahmed, the lunchtime supervisor, and two Year 6 pupils. '.repeat(40);
    await fill(page, 'Who else was there (optional)', tooLong);
    await others.click();
    expect(await page.getByLabel('Who else was there (optional)', { exact: true }).isVisible()).toBe(false);
    await others.click();
    expect(await page.getByLabel('Who else was there (optional)', { exact: true }).inputValue()).toBe(tooLong);
    await others.click();

    // A problem inside a closed section: the section opens and the message sits beside the field.
    await choosePupil(page, 'ellie', pupils.ellie.name);
    await fill(page, 'What you saw or heard', 'Ellie was crying in the cloakroom.');
    await page.getByRole('button', { name: 'Submit the concern' }).click();
    await page.locator('.error-summary').getByRole('link', { name: 'Keep who else was there to 2,000 characters' }).waitFor();
    expect(await others.getAttribute('aria-expanded')).toBe('true');
    const field = page.getByLabel('Who else was there (optional)', { exact: true });
    expect(await field.isVisible()).toBe(true);
    expect(await field.inputValue()).toBe(tooLong);
    const described = await field.evaluate((element) => (element.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    expect(described).toContain('Keep who else was there to 2,000 characters');
    expect(await seriousViolations(page, 'the concern form, an error in a section')).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('the DSL’s pages on a laptop screen', () => {
  it('keeps the header to one row at 1280 px with the immediate-danger badge and “Turn on desktop alerts” both showing', async () => {
    now = new Date('2026-11-23T10:00:00Z');
    const { page, problems } = e2e.opened;
    await page.setViewportSize({ width: 1280, height: 720 });
    // Ben's concern is flagged as immediate danger, and this browser has not been asked about notifications yet.
    await seedCaseworkSchool(e2e.testHost.host.app, '2026-11-23');
    await page.reload();
    await signIn(page, dsl.username, dsl.password);
    await heading(page, 'Hello, Joy');
    const banner = page.getByRole('banner');
    await banner.getByRole('link', { name: /Immediate danger/ }).waitFor();
    await banner.getByRole('button', { name: 'Turn on desktop alerts' }).waitFor();

    // One row: every part of the header sits beside the others, none pushed onto a line below them.
    const rows = await page.locator('.masthead__inner').evaluate((inner) => {
      const boxes = [...inner.children].map((child) => child.getBoundingClientRect()).filter((box) => box.height > 0);
      return { lowestTop: Math.max(...boxes.map((box) => box.top)), highestBottom: Math.min(...boxes.map((box) => box.bottom)), height: inner.getBoundingClientRect().height };
    });
    expect(rows.lowestTop, 'a part of the header wrapped onto a second row').toBeLessThan(rows.highestBottom);
    expect(rows.height).toBeLessThanOrEqual(80);
    // Nothing is cut off or pushed past the edge of the screen either.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    expect(await seriousViolations(page, 'the header with every alert showing')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows at least eight concerns of the demo school’s queue at once', async () => {
    now = new Date();
    const { page, problems } = e2e.opened;
    await page.setViewportSize(laptop);
    const app = e2e.testHost.host.app;
    const setup = await call(app, 'setup.create', { school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' }, dsl: { username: dsl.username, displayName: dsl.displayName, password: dsl.password } });
    await call(app, 'setup.confirmRecoveryKey', { confirmed: true });
    writeDemoSchool(app.store!, { pupils: 300, concerns: 600, seed: 42, asOf: londonIsoDate(now), schoolYears: 1 }, { userId: setup.user.id, door: 'test', now });
    await call(app, 'session.signOut', {});
    await page.reload();
    await signIn(page, dsl.username, dsl.password);
    await heading(page, 'Hello, Joy');
    await goTo(page, 'Review queue');
    await page.getByRole('tab', { name: /^All/ }).click();
    const rows = page.getByRole('list', { name: 'All concerns' }).locator('[data-row-primary]');
    await rows.nth(9).waitFor({ state: 'attached' });

    const whollyInView = await rows.evaluateAll((links) =>
      links.filter((link) => {
        const row = link.closest('[data-row-index]')!.getBoundingClientRect();
        return row.top >= 0 && row.bottom <= window.innerHeight && row.height > 0;
      }).length,
    );
    expect(whollyInView).toBeGreaterThanOrEqual(8);
    expect(await seriousViolations(page, 'the review queue, compact')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('offers the DSL reading a concern a decision or a referral for that child and concern', async () => {
    now = new Date('2026-11-23T10:00:00Z');
    const { page, problems } = e2e.opened;
    await page.setViewportSize(laptop);
    const seeded = await seedCaseworkSchool(e2e.testHost.host.app, '2026-11-23');
    await page.reload();
    await signIn(page, dsl.username, dsl.password);
    await heading(page, 'Hello, Joy');
    await page.goto(`${e2e.testHost.host.url.split('#')[0]}#/concerns/${seeded.amyConcernId}`);
    await heading(page, 'Concern about Amy Hughes');
    const next = page.getByRole('region', { name: 'What next' });
    await next.waitFor();
    // Where the DSL is reading: the actions are in view without scrolling.
    const box = await next.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(laptop.height);
    expect(await seriousViolations(page, 'the concern page with the DSL’s next steps')).toEqual([]);

    await next.getByRole('link', { name: /Record a decision/ }).click();
    await heading(page, 'Record a decision');
    // The decision form starts on this concern, for this child.
    expect(await page.getByLabel('Which concern is this about?', { exact: true }).inputValue()).toBe(seeded.amyConcernId);
    await page.getByText('Amy Hughes').first().waitFor();

    await page.goBack();
    await heading(page, 'Concern about Amy Hughes');
    await page.getByRole('region', { name: 'What next' }).getByRole('link', { name: /Record a referral/ }).click();
    await heading(page, 'Record a referral');
    expect(problems).toEqual([]);
  });

  it('shows the culture report as a summary first, with its sections a click away', async () => {
    now = new Date('2026-11-23T09:00:00Z');
    const { page, problems } = e2e.opened;
    await page.setViewportSize(laptop);
    await seedReportSchool(e2e.testHost.host.app, (iso) => (now = new Date(iso)), '2026-11-23');
    await page.reload();
    await signIn(page, head.username, head.password);
    await heading(page, 'Hello, Helen');
    await goTo(page, 'Culture report');
    await page.getByRole('heading', { level: 2, name: /^Autumn term 2026 so far/ }).waitFor();
    await page.locator('.report-narrative').waitFor();

    expect(await pageHeight(page)).toBeLessThan(4_000);
    expect(await seriousViolations(page, 'the culture report, summary')).toEqual([]);
    expect(problems).toEqual([]);
  });
});
