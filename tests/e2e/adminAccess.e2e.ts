// An administrator (IT) keeps accounts, the roster and settings, and must never reach a child's file or the DSL's
// queue: not from the menu, not by typing the page's address, and not by sending the commands straight to the host.
import { describe, expect, it } from 'vitest';
import { seedCaseworkSchool, call } from './support/caseworkFlows';
import { invokeFromPage } from './support/concernFlows';
import { dsl, heading, recordCommands, signInFirstTime } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();
const admin = { username: 'it.lead', displayName: 'Alex Admin', temporaryPassword: 'temporary ladder 77', password: 'orange bicycle harbour' };

describe('an administrator', () => {
  it('cannot reach a child’s file or the queue, by page or by command', async () => {
    const { page, problems } = e2e.opened;
    const app = e2e.testHost.host.app;
    const seeded = await seedCaseworkSchool(app, '2026-11-23');
    await call(app, 'session.signIn', { username: dsl.username, password: dsl.password });
    await call(app, 'accounts.create', { username: admin.username, displayName: admin.displayName, role: 'admin', staffGroup: 'office', temporaryPassword: admin.temporaryPassword });
    await call(app, 'session.signOut', {});

    await page.reload();
    await signInFirstTime(page, admin);

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: /^More/ }).click();
    const menu = await nav.getByRole('link').allTextContents();
    expect(menu).toEqual(expect.arrayContaining(['Accounts', 'Settings']));
    for (const dslOnly of ['Review queue', 'File transfers']) expect(menu).not.toContain(dslOnly);

    // Typing the addresses: no access shown, and the page asks the host for none of the child's records.
    const sent = recordCommands(page);
    for (const address of ['#/queue', `#/children/${seeded.amyId}`, `#/children/${seeded.amyId}/referral-pack`, '#/transfers']) {
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, address);
      await heading(page, 'You do not have access to this page');
    }
    expect(sent.filter((command) => command !== 'app.status' && command !== 'session.touch')).toEqual([]);

    // Straight to the host with the administrator's own token: every child-record command is refused.
    const attempts: Array<[string, unknown]> = [
      ['queue.concerns', { tab: 'new' }],
      ['queue.counts', {}],
      ['concerns.listNew', {}],
      ['children.file', { pupilId: seeded.amyId }],
      ['children.chronology', { pupilId: seeded.amyId }],
      ['exports.referralPreview', { pupilId: seeded.amyId }],
    ];
    for (const [command, input] of attempts) {
      expect(await invokeFromPage(page, command, input), command).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // Another member of staff's concern, by its real id, tells the administrator nothing about it.
    const concern = await invokeFromPage(page, 'concerns.get', { concernId: seeded.amyConcernId });
    expect(concern.ok).toBe(false);
    expect(JSON.stringify(concern)).not.toMatch(/bruise|Dad grabbed/i);
    expect(problems).toEqual([]);
  });
});
