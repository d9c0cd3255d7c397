// Issue 12's journey, through the real host and a real Chromium: a concern, the DSL's decision with long reasons,
// the referral that carries it out (nothing typed twice), and the MASH referral pack read back with 7z, pdftotext
// and JSON.parse — every word the DSL wrote must come back whole and in order, and the page must say what really
// happened to the file.
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { call, chronologyTitles, openChildFile, seedCaseworkSchool, type CaseworkSchool } from './support/caseworkFlows';
import { download, extractWith7z, openAddress, pdfText, shownPassphrase } from './support/exportFlows';
import { dsl, fill, heading, signIn } from './support/flows';
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
const CONSENT_REASON = 'Telling the parent first could put Amy at further risk.';
const WHAT_SHARED = 'The concern of 23/11/2026, the bruise and Amy’s words.';

describe('from the DSL’s decision to the MASH referral pack', () => {
  it('carries every word the DSL typed, whole and in order, to the PDF and the JSON, and never says the pack was sent', async () => {
    const { page, problems } = current.opened;
    const app = current.testHost.host.app;
    const seeded: CaseworkSchool = await seedCaseworkSchool(app, '2026-11-23');
    const accessibility: string[] = [];
    expect(REASONS.length).toBeGreaterThan(1000);
    await signIn(page, dsl.username, dsl.password);
    await heading(page, 'Hello, Joy');

    // The decision, with the long reasons.
    setNow('2026-11-23T10:30:12Z');
    await openChildFile(page, seeded.amyId, 'Amy Hughes');
    await page.getByRole('button', { name: 'Record a decision', exact: true }).click();
    await heading(page, 'Record a decision');
    await page.getByLabel('Which concern is this about?', { exact: true }).selectOption(seeded.amyConcernId);
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
    const log = await call(app, 'sharing.log', { pupilId: seeded.amyId });
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
    await openAddress(page, `#/children/${seeded.amyId}/referral-pack`, 'MASH referral pack');
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
    const pack = JSON.parse(files.get('referral-pack.json')!.toString('utf8')) as { reason: { reasonForReferral: string }; chronology: Array<{ kind: string; detail: string }>; consent: { position: string; reason: string } };
    expect(pack.reason.reasonForReferral).toBe(REASONS);
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
