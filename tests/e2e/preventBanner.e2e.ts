// The Prevent duty on the concern form: a member of staff who writes about radicalisation, or chooses that category,
// is told at once to tell the DSL today (who decides on Channel) and to call 999 if anyone is at risk now — and the
// banner goes when the words that raised it go, without blocking the concern.
import { describe, expect, it } from 'vitest';
import { openLogConcern, schoolWithStaffSignedIn } from './support/concernFlows';
import { fill } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();

describe('the Prevent banner on the concern form', () => {
  it('appears for words about radicalisation and for the Radicalisation category, saying what to do', async () => {
    const { page, problems } = e2e.opened;
    await schoolWithStaffSignedIn(page);
    await openLogConcern(page);
    const prevent = page.getByRole('region', { name: 'Radicalisation: the Prevent duty' });
    expect(await prevent.count()).toBe(0);

    const words = 'In the lunch queue he was showing other pupils far-right videos on his phone.';
    await fill(page, 'What you saw or heard', words);
    await prevent.waitFor();
    const text = await prevent.textContent();
    expect(text).toContain('Tell the DSL today');
    expect(text).toContain('Channel');
    expect(text).toContain('999');
    expect(await page.getByRole('button', { name: 'Submit the concern' }).isDisabled()).toBe(false);

    await fill(page, 'What you saw or heard', 'He was upset at lunch.');
    await prevent.waitFor({ state: 'detached' });
    // The less common kinds sit behind "More kinds of concern" (the form fits a laptop screen).
    const radicalisation = page.getByLabel('Radicalisation (Prevent)', { exact: true });
    if (!(await radicalisation.isVisible())) await page.getByRole('button', { name: /More kinds of concern/ }).click();
    await radicalisation.check();
    await prevent.waitFor();
    expect(await page.getByLabel('What you saw or heard', { exact: true }).inputValue()).toBe('He was upset at lunch.');
    expect(problems).toEqual([]);
  });
});
