// Checking the records from Settings: the DSL checks, writes down the audit log's fingerprint, and — after someone
// holding the database key rewrites the log and recomputes its hashes — the fingerprint no longer matches.
import { describe, expect, it } from 'vitest';
import { rewriteAuditFrom } from '../fixtures/audit/rewriteAuditFrom';
import { seriousViolations } from './support/axe';
import { goTo, setUpSchoolAndConfirm } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();

describe('checking the records', () => {
  it('shows the audit log’s fingerprint, and catches a rewrite made with the key when it is given back', async () => {
    const { page, problems } = e2e.opened;
    await setUpSchoolAndConfirm(page);
    await goTo(page, 'Settings');
    const form = page.getByRole('form', { name: 'Check the records' });
    const row = form.getByLabel('Row number written down (optional)');
    const fingerprint = form.getByLabel('Fingerprint written down (optional)');

    // A mistyped fingerprint is refused beside its box, and what was typed stays.
    await row.fill('2');
    await fingerprint.fill('3F2A-9C1B');
    await form.getByRole('button', { name: 'Check now' }).click();
    await form.getByText('A fingerprint is 20 letters and digits').waitFor();
    expect(await fingerprint.inputValue()).toBe('3F2A-9C1B');

    await row.fill('');
    await fingerprint.fill('');
    await form.getByRole('button', { name: 'Check now' }).click();
    await page.getByRole('status').filter({ hasText: 'The records check out' }).waitFor();
    const shown = await page.getByText(/^Newest row \d+, fingerprint/).textContent();
    const [, newest, printed] = /Newest row (\d+), fingerprint ((?:[0-9A-F]{4}-){4}[0-9A-F]{4})/.exec(shown ?? '') ?? [];
    expect(printed).toBeDefined();
    expect(await seriousViolations(page, 'records check')).toEqual([]);

    // Given back unchanged, it matches.
    await row.fill(newest!);
    await fingerprint.fill(printed!.toLowerCase());
    await form.getByRole('button', { name: 'Check now' }).click();
    await page.getByRole('status').filter({ hasText: `Rows 1 to ${newest} of the audit log are as they were` }).waitFor();

    // Someone with the key changes row 2 and recomputes the chain: the chain alone still holds, the fingerprint does not.
    rewriteAuditFrom(e2e.testHost.host.app.store!, 2);
    await form.getByRole('button', { name: 'Check now' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The records do not check out' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`row ${newest} no longer has the fingerprint written down`);
    expect(await alert.textContent()).not.toContain('The audit log is broken');
    expect(await seriousViolations(page, 'records check failing')).toEqual([]);
    expect(problems).toEqual([]);
  });
});
