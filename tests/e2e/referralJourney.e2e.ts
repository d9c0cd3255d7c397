// Issue 12's journey, through the real host and a real Chromium: a teaching assistant types a concern on the form,
// the DSL opens it from their home page and records a decision with long reasons, the referral that carries it out
// (nothing typed twice), and the MASH referral pack read back with 7z, pdftotext and JSON.parse — every word the
// member of staff and the DSL typed must come back whole and in order, and the page must say what really happened
// to the file.
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { chronologyTitles } from './support/caseworkFlows';
import { choosePupil } from './support/concernFlows';
import { download, extractWith7z, openAddress, pdfText, shownPassphrase } from './support/exportFlows';
import { dsl, fill, heading, signIn, signInFirstTime, signOut, staff } from './support/flows';
import { call, seedSchoolWithAmy } from './support/seedSchool';
import { hostAndPagePerTest } from './support/perTest';

// Monday 23/11/2026, in London (GMT, so the same as UTC).
let now = new Date('2026-11-23T10:00:00Z');
const setNow = (iso: string) => (now = new Date(iso));
const current = hostAndPagePerTest(() => ({ clock: () => now }));
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Over 1,000 characters, two paragraphs, with words that appear nowhere else in the file. */
const REASONS = [
  'Not safe to speak to parents first: Amy says her stepfather reads her messages and punished her last time she told a teacher anything.',
  'She described the larder with the brass bolt, the marmalade jar she was made to hold above her head, and being sent to the garage in her socks on a frosty evening. Her words were calm and detailed; they match the bruise the teaching assistant saw.',
  'Her attendance fell from 97% to 81% since September; the lateness clusters on Mondays. Her younger brother at the nursery across the road has been collected by a neighbour called Mrs Quennell three times this month, who told the office that the house is “not a place for little ones right now”.',
  'The school asks for a strategy discussion before 15:20 today, when Amy would otherwise walk home alone past the allotments. We have not spoken to the stepfather or the mother; the class teacher, Mr Abernathy, is the adult Amy trusts most and is available all afternoon.',
  'Earlier worries, for the chronology: a torn blazer in October, a lunchbox with only crackers twice in November, and a drawing of a padlocked cupboard that the art teacher kept.',
].join('\n');
/** What the teaching assistant types on the concern form, and the child's words as she wrote them down. */
const WHAT_HAPPENED = 'At the start of maths Amy rolled up her sleeve and I saw a purple bruise on her left forearm, about 3 cm, like fingertips. She pulled the sleeve down when she saw me looking.';
const CHILD_WORDS = 'Dad grabbed me when I dropped my plate. Don’t tell him I said.';
const CONSENT_REASON = 'Telling the parent first could put Amy at further risk.';
const WHAT_SHARED = 'The concern of 23/11/2026, the bruise and Amy’s words.';

describe('from a concern typed by a member of staff to the MASH referral pack', () => {
  it('carries every word the member of staff and the DSL typed, whole and in order, to the PDF and the JSON, and never says the pack was sent', async () => {
    const { page, problems } = current.opened;
    const app = current.testHost.host.app;
    // Before the journey, the administration: the school, Amy on roll, and an account for the teaching assistant.
    const amy = await seedSchoolWithAmy(app);
    await call(app, 'accounts.create', { username: staff.username, displayName: staff.displayName, role: 'staff', staffGroup: 'support', temporaryPassword: staff.temporaryPassword });
    // The DSL stays signed in on her own laptop (the seeding door), so the records are open while the teaching
    // assistant types and the form can search the roster (decision 0022).
    const accessibility: string[] = [];
    expect(REASONS.length).toBeGreaterThan(1000);
    await page.reload();

    // The teaching assistant signs in for the first time and types the concern, as she would.
    setNow('2026-11-23T08:40:00Z');
    await signInFirstTime(page, staff);
    await page.getByRole('main').getByRole('link', { name: 'Log a concern', exact: true }).click();
    await heading(page, 'Log a concern');
    await choosePupil(page, 'hughes', 'Amy Hughes');
    await fill(page, 'Date it happened', '23/11/2026');
    await fill(page, 'Time', '08:15');
    await fill(page, 'Where it happened', 'Classroom 5H');
    await fill(page, 'What you saw or heard', WHAT_HAPPENED);
    await fill(page, 'What the child said, in their own words (optional)', CHILD_WORDS);
    await page.getByLabel('Physical abuse', { exact: true }).check();
    await page.getByRole('button', { name: 'Submit the concern' }).click();
    await heading(page, 'Thank you — the DSL has been told');
    await signOut(page);

    // The DSL finds it where a new concern waits, on their home page, and decides from the concern itself.
    setNow('2026-11-23T10:00:00Z');
    await signIn(page, dsl.username, dsl.password);
    await heading(page, 'Hello, Joy');
    await page.getByRole('region', { name: 'Review queue' }).getByRole('link', { name: 'Amy Hughes' }).click();
    await heading(page, 'Concern about Amy Hughes');
    expect(await page.locator('blockquote.child-words').textContent()).toBe(CHILD_WORDS);
    const concernId = decodeURIComponent(new URL(page.url()).hash.replace('#/concerns/', ''));

    // The decision, with the long reasons.
    setNow('2026-11-23T10:30:12Z');
    await page.getByRole('region', { name: 'What next' }).getByRole('link', { name: /Record a decision/ }).click();
    await heading(page, 'Record a decision');
    expect(await page.getByLabel('Which concern is this about?', { exact: true }).inputValue()).toBe(concernId);
    await page.getByLabel('Referral to the front door / MASH', { exact: true }).check();
    await fill(page, 'Your reasons', REASONS);
    await page.getByLabel('Consent not sought', { exact: true }).check();
    await fill(page, 'Why was consent not sought?', CONSENT_REASON);
    await fill(page, 'What information is shared?', WHAT_SHARED);
    await fill(page, 'Shared with whom?', 'Worcestershire Family Front Door');
    await page.getByRole('button', { name: 'Save the decision' }).click();
    await page.getByRole('status').filter({ hasText: 'Decision recorded' }).waitFor();

    // The referral starts from the decision: agency, whom, what was shared and consent are already there.
    setNow('2026-11-23T10:30:48Z');
    await page.getByRole('button', { name: 'Record the referral now' }).click();
    await heading(page, 'Record a referral');
    expect(await page.getByLabel('Agency', { exact: true }).inputValue()).toBe('mash');
    expect(await page.getByLabel('Team or person referred to', { exact: true }).inputValue()).toBe('Worcestershire Family Front Door');
    expect(await page.getByLabel('What information did you share?', { exact: true }).inputValue()).toBe(WHAT_SHARED);
    expect(await page.getByLabel('Consent not sought', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Why was consent not sought?', { exact: true }).inputValue()).toBe(CONSENT_REASON);
    await page.getByLabel('Phone', { exact: true }).check();
    await fill(page, 'Date of the referral', '23/11/2026');
    await fill(page, 'Time of the referral', '10:30');
    accessibility.push(...(await seriousViolations(page, 'referral form carried from the decision')));
    await page.getByRole('button', { name: 'Save the referral' }).click();
    await page.getByRole('status').filter({ hasText: 'Referral recorded' }).waitFor();

    // One act of sharing, one entry in the log.
    const log = await call(app, 'sharing.log', { pupilId: amy.id });
    expect(log.filter((entry) => entry.shared)).toHaveLength(1);

    // On screen the chronology puts the decision first and opens the reasons to the whole text.
    const titles = await chronologyTitles(page);
    expect(titles.findIndex((title) => title.startsWith('Decision:'))).toBeLessThan(titles.findIndex((title) => title.startsWith('Referral to')));
    const decisionRow = page.locator('table.chronology tr[data-kind="decision"]');
    await decisionRow.getByText('Show all').focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => flat((await decisionRow.locator('.long-text__whole').textContent()) ?? '')).toContain(flat(REASONS));
    accessibility.push(...(await seriousViolations(page, 'child’s file with a long entry open')));

    // The pack: the reasons and the consent carried forward, nothing to type again.
    setNow('2026-11-23T10:45:00Z');
    await openAddress(page, `#/children/${amy.id}/referral-pack`, 'MASH referral pack');
    const reasonField = page.getByLabel('Reason for referral', { exact: true });
    await reasonField.waitFor();
    expect(await reasonField.inputValue()).toBe(REASONS);
    expect(await page.getByLabel('Consent not sought', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Why was consent not sought?', { exact: true }).inputValue()).toBe(CONSENT_REASON);
    accessibility.push(...(await seriousViolations(page, 'referral pack carried from the decision')));
    await page.getByRole('button', { name: 'Export the referral pack' }).click();
    await page.getByRole('heading', { name: 'The referral pack is ready' }).waitFor({ timeout: 60_000 });
    const passphrase = await shownPassphrase(page);
    const archive = await download(page, /^Download the encrypted archive/);
    const files = extractWith7z(archive.bytes, passphrase)!;
    expect(files).not.toBeNull();

    // Every word, in order, in the PDF: in the reason section and again in the chronology, before the referral.
    const text = flat(pdfText(files.get('referral-pack.pdf')!));
    const whole = flat(REASONS);
    const inReason = text.indexOf(whole);
    expect(inReason, 'the reasons, whole, in the reason for referral').toBeGreaterThan(-1);
    const chronologyStart = text.indexOf('Relevant chronology');
    const inChronology = text.indexOf(whole, chronologyStart);
    expect(inChronology, 'the reasons, whole, in the chronology').toBeGreaterThan(chronologyStart);
    expect(inChronology).toBeLessThan(text.indexOf('Referral to Front door / MASH', chronologyStart));
    expect(text).not.toMatch(/larder[^.]*…/);

    // And in the JSON, character for character.
    const pack = JSON.parse(files.get('referral-pack.json')!.toString('utf8')) as {
      reason: { reasonForReferral: string };
      currentConcern: { concernId: string; whatHappened: string; childsOwnWords: string };
      chronology: Array<{ kind: string; detail: string }>;
      consent: { position: string; reason: string };
    };
    expect(pack.reason.reasonForReferral).toBe(REASONS);
    // The member of staff's words too, as she typed them.
    expect(pack.currentConcern).toMatchObject({ concernId, whatHappened: WHAT_HAPPENED, childsOwnWords: CHILD_WORDS });
    expect(text).toContain(flat(CHILD_WORDS));
    const kinds = pack.chronology.map((entry) => entry.kind);
    expect(pack.chronology.find((entry) => entry.kind === 'decision')!.detail).toContain(REASONS);
    expect(kinds.indexOf('decision')).toBeLessThan(kinds.indexOf('referral'));
    expect(pack.consent).toEqual({ position: 'not_sought', label: expect.any(String), reason: CONSENT_REASON });

    // The page says what happened: saved here, not sent.
    await page.getByLabel('I have the passphrase and will send it separately from the archive').check();
    await page.getByRole('button', { name: 'I have finished' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Referral pack saved — not sent yet' });
    await status.waitFor();
    expect(flat((await status.textContent()) ?? '')).toContain(`Saved to your computer as ${archive.name}`);
    expect(await page.getByText('Referral pack sent').count()).toBe(0);
    accessibility.push(...(await seriousViolations(page, 'referral pack saved')));

    expect(accessibility).toEqual([]);
    expect(problems).toEqual([]);
    // The whole journey, two PDFs' worth of work and four axe runs: longer than one page's default allowance.
  }, 300_000);
});
