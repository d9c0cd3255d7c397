// Who may give whom which role (decision 0012): an administrator runs the accounts, but only a DSL creates or
// disables the accounts that open children's records (dsl) or the culture figures (head). Tried by attempting it.
import { describe, expect, it } from 'vitest';
import { dispatch, type SafeguardingApp } from '../../../../../electron/core';
import { mayGrantRole, roles } from '../../../../../shared/api';
import { addAccount, call, newApp, setUpSchool, signInFirstTime, versionNow } from '../testSchool';
import { personAt } from '../../../../fixtures/doors/callers';

const refusedRows = (app: SafeguardingApp) =>
  app.store!.prepare("SELECT command, user_id AS userId, record_ids AS recordIds FROM audit_log WHERE outcome = 'forbidden' ORDER BY seq").all() as Array<{ command: string; userId: string; recordIds: string }>;

async function schoolWithAdminSignedIn() {
  const app = newApp();
  await setUpSchool(app);
  const head = await addAccount(app, 'head.teacher', 'head', 'leadership');
  await addAccount(app, 'it.lead', 'admin', 'office', 'temporary password 1');
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'it.lead', 'temporary password 1', 'admin own password');
  return { app, head, admin: app.current(personAt(app))!.session.user };
}

const create = (app: SafeguardingApp, username: string, role: (typeof roles)[number]) =>
  dispatch(app, 'accounts.create', { username, displayName: username, role, staffGroup: 'office', temporaryPassword: 'temporary password 9' }, personAt(app));

describe('who may grant which role', () => {
  it('refuses an administrator who creates a headteacher or a DSL account (to read the culture report or children’s files), and audits each refusal', async () => {
    const { app, admin } = await schoolWithAdminSignedIn();
    for (const role of ['head', 'dsl'] as const) {
      const result = await create(app, `shadow.${role}`, role);
      expect(result, role).toMatchObject({ ok: false, error: { code: 'forbidden', fields: { role: [expect.stringMatching(/^Only a DSL can create/)] } } });
    }
    expect(refusedRows(app)).toEqual([
      { command: 'accounts.create', userId: admin.id, recordIds: JSON.stringify(['role:head']) },
      { command: 'accounts.create', userId: admin.id, recordIds: JSON.stringify(['role:dsl']) },
    ]);
    const usernames = (await call(app, 'accounts.list', {})).map((account) => account.username);
    expect(usernames).not.toContain('shadow.head');
    expect(usernames).not.toContain('shadow.dsl');
  });

  it('lets an administrator create staff and administrator accounts', async () => {
    const { app } = await schoolWithAdminSignedIn();
    expect(await create(app, 'new.teacher', 'staff')).toMatchObject({ ok: true, value: { role: 'staff' } });
    expect(await create(app, 'second.admin', 'admin')).toMatchObject({ ok: true, value: { role: 'admin' } });
  });

  it('refuses an administrator who disables the headteacher’s account, and audits it', async () => {
    const { app, head, admin } = await schoolWithAdminSignedIn();
    expect(await dispatch(app, 'accounts.disable', { userId: head.id, version: versionNow(app, 'account', head.id), reason: 'Testing' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(refusedRows(app)).toEqual([{ command: 'accounts.disable', userId: admin.id, recordIds: JSON.stringify([head.id]) }]);
    expect((await call(app, 'accounts.list', {})).find((account) => account.id === head.id)?.status).toBe('active');
  });

  it('never lets the school lose its last active DSL, and lets a DSL disable a deputy when another remains', async () => {
    const { app } = await schoolWithAdminSignedIn();
    const onlyDsl = (await call(app, 'accounts.list', {})).find((account) => account.role === 'dsl')!;
    expect(await dispatch(app, 'accounts.disable', { userId: onlyDsl.id, version: versionNow(app, 'account', onlyDsl.id), reason: 'Testing' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/only active DSL/) } });

    const school = newApp();
    await setUpSchool(school);
    const deputy = await addAccount(school, 'deputy.khan', 'dsl', 'leadership');
    expect(await dispatch(school, 'accounts.disable', { userId: deputy.id, version: versionNow(school, 'account', deputy.id), reason: 'Left the school' }, personAt(school))).toMatchObject({ ok: true, value: { status: 'disabled' } });
  });

  it('lets a DSL create every role', async () => {
    const app = newApp();
    await setUpSchool(app);
    for (const role of roles) expect(await create(app, `new.${role}`, role), role).toMatchObject({ ok: true, value: { role } });
  });

  it('is one rule for the page and the core: nobody but a DSL grants dsl or head, and roles without accounts access grant nothing', () => {
    const granted = Object.fromEntries(roles.map((granter) => [granter, roles.filter((role) => mayGrantRole(granter, role))]));
    expect(granted).toEqual({ staff: [], dsl: ['staff', 'dsl', 'head', 'admin', 'governor'], head: [], admin: ['staff', 'admin'], governor: [] });
  });
});
