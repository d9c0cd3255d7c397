import { describe, expect, it } from 'vitest';
import { CommandError, dispatch, dispatchWith, handlers, inTransaction } from '../../../../electron/core';
import { appendAudit, verifyAuditChain } from '../../../../electron/core/audit';
import { writeTransaction } from '../../../../electron/core/store';
import { rewriteAuditFrom } from '../../../fixtures/audit/rewriteAuditFrom';
import { addAccount, call, newApp, setUpSchool, signInFirstTime, versionNow, settingsVersionNow, keepRecordsOpen } from './testSchool';
import { personAt } from '../../../fixtures/doors/callers';

const auditRows = (app: ReturnType<typeof newApp>) =>
  app.store!.prepare('SELECT command, outcome, user_id AS userId, record_ids AS recordIds FROM audit_log ORDER BY seq').all() as Array<{ command: string; outcome: string; userId: string; recordIds: string }>;

async function schoolWithStaffSignedIn() {
  const app = newApp();
  await setUpSchool(app);
  await keepRecordsOpen(app);
  const staff = await addAccount(app, 'ta.smith', 'staff', 'support', 'temporary password 1');
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'ta.smith', 'temporary password 1', 'my own long password');
  return { app, staff };
}

describe('dispatch', () => {
  it('refuses a staff session calling a DSL command, and records the attempt', async () => {
    const { app, staff } = await schoolWithStaffSignedIn();
    for (const name of ['accounts.list', 'settings.update', 'audit.verify'] as const) {
      const result = await dispatch(app, name, name === 'settings.update' ? { idleLockMinutes: 60 } : {}, personAt(app));
      expect(result, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const refused = auditRows(app).filter((row) => row.outcome === 'forbidden');
    expect(refused.map((row) => row.command)).toEqual(['accounts.list', 'settings.update', 'audit.verify']);
    expect(refused.every((row) => row.userId === staff.id)).toBe(true);
  });

  it('checks permission before looking at the input, so a refused caller learns nothing from validation', async () => {
    const { app } = await schoolWithStaffSignedIn();
    expect(await dispatch(app, 'accounts.create', { username: 1 }, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers malformed input with invalid_input and a message for each field', async () => {
    const app = newApp();
    await setUpSchool(app);
    const result = await dispatch(app, 'accounts.create', { username: 'x', displayName: '', role: 'superuser', staffGroup: 'teaching', temporaryPassword: 'short' }, personAt(app));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.fields).toMatchObject({
      username: [expect.stringMatching(/at least 3/)],
      displayName: [expect.any(String)],
      role: ['Choose a role'],
      temporaryPassword: [expect.stringMatching(/at least 12/)],
    });
  });

  it('answers an unknown command and a forged record id without touching anything', async () => {
    const app = newApp();
    await setUpSchool(app);
    const before = auditRows(app).length;
    expect(await dispatch(app, 'accounts.dropEverything', {}, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(app, 'accounts.disable', { userId: '0190f1a2-0000-7000-8000-000000000000', version: 1, reason: 'test' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(app, 'accounts.disable', { userId: "1' OR '1'='1", version: 1, reason: 'test' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(auditRows(app).length).toBe(before);
  });

  it('needs a session for everything but setup, sign-in and status', async () => {
    const app = newApp();
    await setUpSchool(app);
    await call(app, 'session.signOut', {});
    expect(await dispatch(app, 'system.noop', {}, personAt(app))).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('rolls back a handler’s write and its audit row together when the handler throws', async () => {
    const app = newApp();
    await setUpSchool(app);
    const failing = dispatchWith({
      ...handlers,
      'settings.update': inTransaction<'settings.update'>(({ db, session, now }) => {
        db.prepare("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('idleLockMinutes', '60', ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(now.toISOString(), session.user.id);
        throw new Error('disk on fire');
      }),
    });
    const before = auditRows(app).length;
    const settingsRows = () => app.store!.prepare("SELECT key, value FROM settings ORDER BY key").all();
    const settingsBefore = settingsRows();
    const result = await failing(app, 'settings.update', { version: settingsVersionNow(app), idleLockMinutes: 60 }, personAt(app));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', reference: expect.stringMatching(/^[0-9A-F]{8}$/) } });
    if (!result.ok) expect(result.error.message).not.toContain('disk on fire');
    expect(settingsRows()).toEqual(settingsBefore);
    expect(auditRows(app).length).toBe(before);
    expect((await call(app, 'settings.get', {})).idleLockMinutes).toBe(5);
  });

  it('turns a handler’s CommandError into its code and message', async () => {
    const app = newApp();
    await setUpSchool(app);
    const refusing = dispatchWith({ ...handlers, 'system.noop': inTransaction<'system.noop'>(() => { throw new CommandError('conflict', 'Someone else changed this first.'); }) });
    expect(await refusing(app, 'system.noop', {}, personAt(app))).toEqual({ ok: false, error: { code: 'conflict', message: 'Someone else changed this first.' } });
  });

  it('writes an audit row for each command with who, what and which records', async () => {
    const app = newApp();
    const { user } = await setUpSchool(app);
    const account = await addAccount(app, 'teacher.one', 'staff');
    await call(app, 'accounts.disable', { userId: account.id, version: versionNow(app, 'account', account.id), reason: 'Left' });
    const rows = auditRows(app);
    // The first DSL enrols their authenticator straight after setup (decision 0021).
    expect(rows.map((row) => row.command)).toEqual(['setup.create', 'secondFactor.startEnrolment', 'secondFactor.confirmEnrolment', 'accounts.create', 'accounts.disable']);
    expect(rows.at(-1)).toMatchObject({ userId: user.id, outcome: 'ok', recordIds: JSON.stringify([account.id]) });
  });
});

describe('the audit chain', () => {
  it('catches a rewrite by someone holding the key, against an anchor written down before it', async () => {
    const app = newApp();
    await setUpSchool(app);
    for (let index = 0; index < 5; index += 1) await call(app, 'system.noop', {});
    const { head } = await call(app, 'audit.verify', {});
    expect(head).toMatchObject({ seq: expect.any(Number), fingerprint: expect.stringMatching(/^([0-9A-F]{4}-){4}[0-9A-F]{4}$/) });
    const anchor = { seq: head!.seq, fingerprint: head!.fingerprint };
    expect((await call(app, 'audit.verify', { anchor })).anchor).toEqual({ ok: true, reason: null });

    rewriteAuditFrom(app.store!, 3);
    const after = await call(app, 'audit.verify', { anchor });
    // The chain alone cannot tell: every hash was recomputed. The anchor kept outside the computer can.
    expect(after.chain.ok).toBe(true);
    expect(after.anchor).toEqual({ ok: false, reason: expect.stringMatching(new RegExp(`row ${anchor.seq} no longer has the fingerprint.*rewritten`)) });
    // Typed as printed, in lower case and with spaces, it is the same anchor.
    const typed = { seq: anchor.seq, fingerprint: anchor.fingerprint.toLowerCase().replace(/-/g, ' ') };
    expect((await call(app, 'audit.verify', { anchor: typed })).anchor?.ok).toBe(false);
    // A new anchor taken now matches until the next rewrite.
    expect((await call(app, 'audit.verify', { anchor: { seq: after.head!.seq, fingerprint: after.head!.fingerprint } })).anchor?.ok).toBe(true);
  });

  it('says an anchor row that is gone was removed, and refuses a mistyped fingerprint next to the field', async () => {
    const app = newApp();
    await setUpSchool(app);
    expect((await call(app, 'audit.verify', { anchor: { seq: 999, fingerprint: 'AAAA-BBBB-CCCC-DDDD-EEEE' } })).anchor).toEqual({ ok: false, reason: expect.stringMatching(/no row 999.*removed/) });
    const mistyped = await dispatch(app, 'audit.verify', { anchor: { seq: 1, fingerprint: 'AAAA-BBBB-CCCC' } }, personAt(app));
    expect(mistyped).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { 'anchor.fingerprint': [expect.stringMatching(/20 letters and digits/)] } } });
  });

  it('holds after normal use and names the first row changed behind the application’s back', async () => {
    const app = newApp();
    await setUpSchool(app);
    for (let index = 0; index < 5; index += 1) await call(app, 'system.noop', {});
    const verification = await call(app, 'audit.verify', {});
    expect(verification.integrity.ok).toBe(true);
    expect(verification.chain).toMatchObject({ ok: true, firstBrokenRow: null });
    const db = app.store!;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET user_id = 'someone-else' WHERE seq = 3").run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenRow: 3, reason: expect.stringMatching(/changed/) });
  });

  it('notices a deleted row', async () => {
    const app = newApp();
    await setUpSchool(app);
    for (let index = 0; index < 4; index += 1) await call(app, 'system.noop', {});
    const db = app.store!;
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenRow: 3 });
  });

  it('cannot be edited or deleted through SQL while its triggers stand', async () => {
    const app = newApp();
    await setUpSchool(app);
    const db = app.store!;
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit_log SET command = 'x'").run()).toThrow(/append-only/);
    writeTransaction(db, () => appendAudit(db, { at: new Date().toISOString(), userId: null, role: null, door: 'test', client: null, command: 'extra', recordIds: [], outcome: 'ok' }));
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});
