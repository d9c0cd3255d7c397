// Concerns about adults in real Chromium (KCSIE Part 4): a teaching assistant records a low-level concern about a
// colleague who is the DSL, through the door on the concern form; the headteacher reads it and records a response;
// the DSL finds nothing of it anywhere — home, registers, the review queue, settings' records check, a typed address,
// the host itself. axe-core finds nothing serious on the new pages. Then, on a hub where nobody who holds the key has
// signed in, a member of staff types the adult's name (the staff list is locked away), is told it is sealed, and the
// head's sign-in brings it into the register, unread.
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { invokeFromPage, expectOk, openLogConcern } from './support/concernFlows';
import { createStaffAccount, dsl, fill, goTo, heading, setUpSchoolAndConfirm, signIn, signInFirstTime, signOut, staff } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';
import { call } from './support/seedSchool';
import { newCaller } from '../fixtures/doors/callers';

const e2e = hostAndPagePerTest();

const head = { username: 'h.green', displayName: 'Hannah Green', temporaryPassword: 'temporary orchard 23', password: 'copper meadow lantern' };
const words = 'Joy kept a Year 3 pupil behind alone in the library with the door shut';

describe('a concern about an adult', () => {
  it('goes from a teaching assistant to the headteacher only; the DSL it is about finds nothing', async () => {
    const { page, problems } = e2e.opened;
    const violations: string[] = [];
    const check = async (where: string) => violations.push(...(await seriousViolations(page, where)));

    await setUpSchoolAndConfirm(page);
    await createStaffAccount(page);
    await expectOk(page, 'accounts.create', { username: head.username, displayName: head.displayName, role: 'head', staffGroup: 'leadership', temporaryPassword: head.temporaryPassword });
    await signOut(page);

    // The head names themselves as the headteacher who receives concerns about adults (nobody holds it yet).
    await signInFirstTime(page, head);
    await goTo(page, 'Concerns about adults');
    await page.getByLabel('Headteacher (case manager for allegations)', { exact: true }).selectOption({ label: `${head.displayName} (Headteacher)` });
    await page.getByRole('button', { name: 'Save who receives them' }).click();
    await page.getByRole('status').filter({ hasText: 'Concerns about adults now go to the people named here' }).waitFor();
    await check('the registers (empty) with who receives them');
    await signOut(page);

    // The DSL is at work on her own laptop (a door of its own), so the records are open while the teaching assistant
    // logs. (Logged while the records are locked, it is sealed instead: the next test.)
    await call(e2e.testHost.host.app, 'session.signIn', { username: dsl.username, password: dsl.password }, newCaller());

    // The teaching assistant: the concern form's "about an adult" box is the door to the adults' own form.
    await signInFirstTime(page, staff);
    await openLogConcern(page);
    await page.getByLabel('The concern is about an adult who works or volunteers at the school', { exact: true }).check();
    await page.getByRole('link', { name: 'Record it as a concern about an adult' }).click();
    await heading(page, 'Record a concern about an adult');
    await check('the form for a concern about an adult');

    // Nothing typed is lost when the form is sent incomplete; each message sits by its field.
    await fill(page, 'What happened', words);
    await page.getByRole('button', { name: 'Record the concern' }).click();
    const summary = page.locator('.error-summary');
    await summary.getByText('Choose the adult from the staff list').waitFor();
    await summary.getByText('Say whether you think a child has been harmed').waitFor();
    expect(await page.getByLabel('What happened', { exact: true }).inputValue()).toBe(words);
    expect(await page.locator('.field--error').filter({ has: page.getByLabel('The adult', { exact: true }) }).locator('.field__error').textContent()).toContain('Choose the adult');
    await check('the form with its errors');

    await page.getByLabel('The adult', { exact: true }).selectOption({ label: dsl.displayName });
    await page.getByLabel('No: it is a worry about how they behave, not harm to a child', { exact: true }).check();
    await page.getByRole('button', { name: 'Record the concern' }).click();
    await page.getByRole('status').filter({ hasText: 'sent to the headteacher only' }).waitFor();
    const mine = page.getByRole('table', { name: 'Concerns about adults you have recorded, newest first' });
    await mine.getByRole('cell', { name: 'Not read yet' }).waitFor();
    expect(await mine.textContent()).toContain(words);
    await signOut(page);

    // The head: told a record waits, reads it, records what was done.
    await signIn(page, head.username, head.password);
    await heading(page, 'Hello, Hannah');
    await page.getByRole('status').filter({ hasText: '1 new record' }).waitFor();
    await goTo(page, 'Concerns about adults');
    const register = page.getByRole('table', { name: 'Low-level concerns sent to you, newest first' });
    await register.getByRole('cell', { name: dsl.displayName, exact: true }).waitFor();
    await register.getByRole('link', { name: new RegExp(`^Open the record about ${dsl.displayName}`) }).click();
    await heading(page, `About ${dsl.displayName}`);
    const recordId = decodeURIComponent(page.url().split('/adults/')[1]!);
    expect(await page.locator('main').textContent()).toContain(words);
    await check('a low-level concern opened by its recipient');
    await page.getByRole('button', { name: 'Record the response' }).click();
    await page.locator('.error-summary').getByText('Choose what was done').waitFor();
    await page.getByLabel('A conversation with the person', { exact: true }).check();
    await fill(page, 'Note (optional)', 'Reminded Joy of the code of conduct on one-to-one working');
    await page.getByRole('button', { name: 'Record the response' }).click();
    await page.getByRole('status').filter({ hasText: 'The response is recorded.' }).waitFor();
    await page.getByText('Reminded Joy of the code of conduct').waitFor();

    // A copy for the person concerned, through the encrypted export, logged on the record.
    await page.getByLabel('A summary for the person concerned', { exact: true }).check();
    await fill(page, 'Who it is for', 'Joy Okafor, given in person');
    await fill(page, 'Why it is being shared', 'KCSIE: the person is given a copy of the record');
    await page.getByRole('button', { name: 'Prepare the encrypted summary' }).click();
    await page.getByRole('heading', { name: 'The summary is ready' }).waitFor();
    expect(await page.locator('.passphrase').count()).toBe(1);
    await check('a summary ready with its passphrase');
    await page.getByLabel('I have the passphrase and will send it separately from the archive', { exact: true }).check();
    await page.getByRole('button', { name: 'I have finished' }).click();
    await page.getByText('A summary for the person concerned for Joy Okafor, given in person').waitFor();
    await signOut(page);

    // The teaching assistant sees that it was read, and nothing of the response.
    await signIn(page, staff.username, staff.password);
    await heading(page, 'Hello, Sam');
    await page.getByRole('link', { name: 'Record a concern about an adult' }).click();
    await heading(page, 'Record a concern about an adult');
    await mine.getByRole('cell', { name: 'Read', exact: true }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('code of conduct');
    await signOut(page);

    // The DSL it is about: nothing, anywhere.
    await signIn(page, dsl.username, dsl.password);
    await heading(page, 'Hello, Joy');
    const seen: string[] = [];
    const look = async (where: string) => {
      const text = (await page.locator('body').textContent()) ?? '';
      if (text.includes(words) || text.includes('library') || text.includes('new record')) seen.push(where);
    };
    await look('home');
    await goTo(page, 'Concerns about adults');
    await page.getByRole('heading', { name: 'Low-level concerns', level: 2 }).waitFor();
    expect(await page.getByText('None sent to you.').count()).toBe(2);
    await look('the registers');
    await goTo(page, 'Review queue');
    await look('the review queue');
    await goTo(page, 'Settings');
    await look('settings');
    await page.evaluate((id) => {
      window.location.hash = `#/adults/${id}`;
    }, recordId);
    await page.getByRole('alert').filter({ hasText: 'does not exist, or is not yours to see' }).waitFor();
    await look('the record’s own address');
    expect(seen).toEqual([]);
    // Straight to the host with the DSL's own token: the record, the registers and the alert give nothing away.
    expect(await invokeFromPage(page, 'adults.get', { id: recordId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await invokeFromPage(page, 'adults.alerts', {})).toEqual({ ok: true, value: { unread: 0 } });
    const registers = JSON.stringify([await invokeFromPage(page, 'adults.register', { kind: 'low_level' }), await invokeFromPage(page, 'adults.register', { kind: 'allegation' })]);
    expect(registers).not.toContain(recordId);
    expect(JSON.stringify(await invokeFromPage(page, 'queue.counts', {}))).not.toContain(recordId);

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('is sealed when a member of staff records it before anyone who holds the key has signed in, and the head finds it unread', async () => {
    const { page, problems } = e2e.opened;
    const app = e2e.testHost.host.app;
    const violations: string[] = [];
    const check = async (where: string) => violations.push(...(await seriousViolations(page, where)));
    // A username of its own: the phones of the test before (support/authenticator) know h.green's authenticator.
    const sealedHead = { ...head, username: 'hannah.green' };
    const sealedWords = 'Joy took a Year 6 pupil home in her own car after the club, without telling the office';

    await setUpSchoolAndConfirm(page);
    await createStaffAccount(page);
    await expectOk(page, 'accounts.create', { username: sealedHead.username, displayName: sealedHead.displayName, role: 'head', staffGroup: 'leadership', temporaryPassword: sealedHead.temporaryPassword });
    await signOut(page);
    await signInFirstTime(page, sealedHead);
    await expectOk(page, 'adults.setRoleHolders', { headteacherUserId: app.store!.prepare('SELECT id FROM users WHERE username = ?').pluck().get(sealedHead.username) as string, chairOfGovernorsUserId: null, dslUserId: null, lowLevelTo: 'headteacher', headIsProprietor: false });
    await signOut(page);

    // 08:00, nobody who holds the key signed in: the records are locked, and the staff list with them.
    await signInFirstTime(page, staff);
    expect(app.store, 'a staff sign-in opens nothing').toBeNull();
    await page.getByRole('link', { name: 'Record a concern about an adult' }).click();
    await heading(page, 'Record a concern about an adult');
    await page.getByText('The staff list opens when a DSL signs in; type their name and role.').waitFor();
    expect(await page.getByLabel('The adult', { exact: true }).count(), 'no list that can list nobody').toBe(0);
    await page.getByText('Your list opens when a DSL signs in.').waitFor();
    await check('the form for a concern about an adult while the records are locked');

    await fill(page, 'Their name', dsl.displayName);
    await fill(page, 'Their role (optional)', 'Designated safeguarding lead');
    await fill(page, 'What happened', sealedWords);
    await page.getByLabel('I am not sure', { exact: true }).check();
    await page.getByRole('button', { name: 'Record the concern' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved and sealed — it will reach the person who receives concerns about adults when the records are next opened.' }).waitFor();
    // Not sure whether a child was harmed: KCSIE wants it told now, not when a computer next opens the records.
    await page.getByRole('alert').filter({ hasText: 'Speak to the headteacher in person now' }).waitFor();
    await check('a concern about an adult saved and sealed');
    expect(app.store, 'recording it opens nothing').toBeNull();
    await signOut(page);

    // The head signs in: the records open, it is stored, and it waits unread in the register.
    await signIn(page, sealedHead.username, sealedHead.password);
    await heading(page, 'Hello, Hannah');
    await page.getByRole('status').filter({ hasText: '1 new record' }).waitFor();
    await goTo(page, 'Concerns about adults');
    const register = page.getByRole('table', { name: 'Low-level concerns sent to you, newest first' });
    const row = register.getByRole('row').filter({ has: page.getByRole('cell', { name: dsl.displayName, exact: true }) });
    await row.getByRole('cell', { name: 'New; no response yet', exact: true }).waitFor();
    await register.getByRole('link', { name: new RegExp(`^Open the record about ${dsl.displayName}`) }).click();
    await heading(page, `About ${dsl.displayName}`);
    expect(await page.locator('main').textContent()).toContain(sealedWords);

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });
});
