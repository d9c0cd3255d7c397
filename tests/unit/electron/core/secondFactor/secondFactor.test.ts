// The second factor through dispatch, as an attacker and as the person: a stolen password reaches nothing, codes are
// used once, wrong codes are slowed and audited, and a lost phone is recovered by someone else (decision 0021).
import { describe, expect, it } from 'vitest';
import { dispatch, type Caller, type SafeguardingApp } from '../../../../../electron/core';
import { codeAt, PERIOD_SECONDS, timeStepAt } from '../../../../../electron/core/secondFactor';
import { commands, commandsBeforeSecondFactor, type CommandName, type Role } from '../../../../../shared/api';
import { enrolAuthenticator } from '../../../../fixtures/doors/authenticator';
import { newCaller } from '../../../../fixtures/doors/callers';
import { DSL_PASSWORD, newApp } from '../testSchool';

const START = new Date('2026-11-02T09:00:10Z');

function school() {
  let now = START;
  const app = newApp(undefined, { clock: () => now });
  return {
    app,
    advance: (seconds: number) => {
      now = new Date(now.getTime() + seconds * 1000);
    },
  };
}

async function ok<T = unknown>(app: SafeguardingApp, name: CommandName, input: unknown, caller: Caller): Promise<T> {
  const result = await dispatch(app, name, input, caller);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** A school whose first DSL has enrolled; `secret` is what the DSL's phone holds. */
async function enrolledSchool() {
  const { app, advance } = school();
  const dsl = newCaller();
  await ok(app, 'setup.create', { school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' }, dsl: { username: 'dsl.jones', displayName: 'Priya Jones', password: DSL_PASSWORD } }, dsl);
  const { secret, recoveryCodes } = await enrolAuthenticator(app, dsl);
  return { app, advance, dsl, secret, recoveryCodes };
}

const status = (app: SafeguardingApp, caller: Caller) => app.status(caller);
const auditRows = (app: SafeguardingApp, command: string) =>
  app.store!.prepare('SELECT outcome, user_id AS userId FROM audit_log WHERE command = ? ORDER BY seq').all(command) as Array<{ outcome: string; userId: string | null }>;

describe('the second factor', () => {
  it('asks the first DSL to enrol straight after setup, and lets them read no records until they have', async () => {
    const { app } = school();
    const dsl = newCaller();
    await ok(app, 'setup.create', { school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' }, dsl: { username: 'dsl.jones', displayName: 'Priya Jones', password: DSL_PASSWORD } }, dsl);
    expect(status(app, dsl)).toMatchObject({ state: 'signed_in', mustEnrolSecondFactor: true });
    // The recovery key page comes first, and works while enrolment waits.
    await ok(app, 'setup.confirmRecoveryKey', { confirmed: true }, dsl);
    const refused = await dispatch(app, 'queue.counts', {}, dsl);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Set up your authenticator app first.' } });

    const started = await ok<{ otpauthUri: string; secret: string }>(app, 'secondFactor.startEnrolment', {}, dsl);
    expect(started.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const secret = started.secret.replace(/\s/g, '');
    expect(started.otpauthUri).toContain(`secret=${secret}`);
    // A wrong code does not confirm: the app must really hold the secret.
    expect(await dispatch(app, 'secondFactor.confirmEnrolment', { code: '000000' === codeAt(secret, app.clock()) ? '111111' : '000000' }, dsl)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const before = dsl.sessionId;
    const { recoveryCodes } = await ok<{ recoveryCodes: string[] }>(app, 'secondFactor.confirmEnrolment', { code: codeAt(secret, app.clock()) }, dsl);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(dsl.sessionId).not.toBe(before);
    expect(status(app, dsl)).toMatchObject({ state: 'signed_in', mustEnrolSecondFactor: false });
    expect(await ok(app, 'queue.counts', {}, dsl)).toBeTruthy();
    // Stored as salted hashes and a secret; no recovery code appears in the store as typed.
    const stored = app.store!.prepare('SELECT hex(hash) AS hash, hex(salt) AS salt FROM second_factor_recovery_codes').all() as Array<{ hash: string; salt: string }>;
    expect(stored).toHaveLength(10);
    const everything = JSON.stringify(stored);
    for (const code of recoveryCodes) expect(everything).not.toContain(Buffer.from(code.replace('-', '')).toString('hex').toUpperCase());
  });

  it.each<[Role, boolean]>([
    ['dsl', true],
    ['head', true],
    ['admin', true],
    ['governor', true],
    ['staff', false],
  ])('asks a %s account for a second factor: %s', async (role, asked) => {
    const { app, dsl } = await enrolledSchool();
    await ok(app, 'accounts.create', { username: `new.${role}`, displayName: `New ${role}`, role, staffGroup: 'leadership', temporaryPassword: 'temporary password 1' }, dsl);
    const person = newCaller();
    await ok(app, 'session.signIn', { username: `new.${role}`, password: 'temporary password 1' }, person);
    expect(status(app, person).mustEnrolSecondFactor).toBe(asked);
    if (asked) {
      // Enrolling and choosing a password both work before the other; their own concerns (every role has some) do not.
      expect(await dispatch(app, 'adults.mine', {}, person)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      await enrolAuthenticator(app, person);
    }
    await ok(app, 'session.changePassword', { currentPassword: 'temporary password 1', newPassword: 'my own password 123' }, person);
    expect(await dispatch(app, 'adults.mine', {}, person)).toMatchObject({ ok: true });
  });

  it('asks the chair of governors for a code: their password alone reaches nothing of the allegations about the head', async () => {
    const { app, advance, dsl } = await enrolledSchool();
    const chair = await ok<{ id: string }>(app, 'accounts.create', { username: 'chair.governors', displayName: 'Ruth Okafor', role: 'governor', staffGroup: 'other', temporaryPassword: 'temporary password 1' }, dsl);
    const person = newCaller();
    await ok(app, 'session.signIn', { username: 'chair.governors', password: 'temporary password 1' }, person);
    expect(status(app, person)).toMatchObject({ state: 'signed_in', mustEnrolSecondFactor: true });
    expect(await dispatch(app, 'adults.register', { kind: 'allegation' }, person)).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Set up your authenticator app first.' } });
    const { secret } = await enrolAuthenticator(app, person);
    await ok(app, 'session.changePassword', { currentPassword: 'temporary password 1', newPassword: 'chair password 123' }, person);
    expect(await dispatch(app, 'adults.register', { kind: 'allegation' }, person)).toMatchObject({ ok: true });
    await ok(app, 'session.signOut', {}, person);

    // Someone who has the chair's password and not their phone.
    advance(PERIOD_SECONDS);
    const thief = newCaller('https', '10.0.0.67');
    await ok(app, 'session.signIn', { username: 'chair.governors', password: 'chair password 123' }, thief);
    expect(status(app, thief).state).toBe('needs_code');
    for (const name of ['adults.register', 'adults.alerts', 'adults.get', 'adults.mine'] as const) {
      expect(await dispatch(app, name, { kind: 'allegation', id: chair.id }, thief), name).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Enter the code from your authenticator app first.' } });
    }
    await ok(app, 'session.verifyCode', { code: codeAt(secret, app.clock()) }, thief);
    expect(await dispatch(app, 'adults.register', { kind: 'allegation' }, thief)).toMatchObject({ ok: true });

    // An administrator cannot strip the chair's factor (they cannot grant the role either); a DSL can.
    const admin = newCaller();
    await ok(app, 'accounts.create', { username: 'it.admin', displayName: 'IT Admin', role: 'admin', staffGroup: 'office', temporaryPassword: 'temporary password 2' }, dsl);
    await ok(app, 'session.signIn', { username: 'it.admin', password: 'temporary password 2' }, admin);
    await enrolAuthenticator(app, admin);
    await ok(app, 'session.changePassword', { currentPassword: 'temporary password 2', newPassword: 'admin password 123' }, admin);
    expect(await dispatch(app, 'accounts.resetSecondFactor', { userId: chair.id }, admin)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ok(app, 'accounts.resetSecondFactor', { userId: chair.id }, dsl);
  });

  it('lets a stolen password alone run no command but the code, whatever the command', async () => {
    const { app } = await enrolledSchool();
    const thief = newCaller('https', '10.0.0.66');
    await ok(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, thief);
    expect(status(app, thief)).toMatchObject({ state: 'needs_code' });
    const tried: string[] = [];
    for (const name of Object.keys(commands) as CommandName[]) {
      if (commands[name].permission === 'public' || commandsBeforeSecondFactor.code.includes(name)) continue;
      const result = await dispatch(app, name, {}, thief);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Enter the code from your authenticator app first.' } });
      tried.push(name);
    }
    expect(tried.length).toBeGreaterThan(80);
    // Each refusal is in the audit log, against the account whose password was used.
    const refusals = app.store!.prepare("SELECT count(*) FROM audit_log WHERE outcome = 'forbidden' AND client = '10.0.0.66'").pluck().get() as number;
    expect(refusals).toBe(tried.length);
  });

  it('refuses a code used once already, even within its 30 seconds', async () => {
    const { app, dsl, secret } = await enrolledSchool();
    await ok(app, 'session.signOut', {}, dsl);
    // The enrolment's own code cannot sign in again either.
    await ok(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, dsl);
    expect(await dispatch(app, 'session.verifyCode', { code: codeAt(secret, app.clock()) }, dsl)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const next = codeAt(secret, new Date((timeStepAt(app.clock()) + 1) * PERIOD_SECONDS * 1000));
    await ok(app, 'session.verifyCode', { code: next }, dsl);
    // Someone who saw it over the DSL's shoulder, on another computer, a moment later.
    const onlooker = newCaller();
    await ok(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, onlooker);
    expect(await dispatch(app, 'session.verifyCode', { code: next }, onlooker)).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { code: ['That code is not right'] } } });
    expect(status(app, onlooker).state).toBe('needs_code');
    expect(auditRows(app, 'session.verifyCode').map((row) => row.outcome)).toEqual(['denied', 'ok', 'denied']);
  });

  it('takes each recovery code once, instead of the app', async () => {
    const { app, dsl, recoveryCodes } = await enrolledSchool();
    await ok(app, 'session.signOut', {}, dsl);
    await ok(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, dsl);
    // Typed in lower case with a space instead of the dash, as people do from paper.
    const typed = recoveryCodes[3]!.toLowerCase().replace('-', ' ');
    expect(await ok(app, 'session.verifyCode', { code: typed }, dsl)).toEqual({ usedRecoveryCode: true, recoveryCodesLeft: 9 });
    await ok(app, 'session.signOut', {}, dsl);
    await ok(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, dsl);
    expect(await dispatch(app, 'session.verifyCode', { code: recoveryCodes[3]! }, dsl)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ok(app, 'session.verifyCode', { code: recoveryCodes[4]! }, dsl)).toEqual({ usedRecoveryCode: true, recoveryCodesLeft: 8 });
  });

  it('slows wrong codes with a delay that passes, audited against the account, and lets the right code in afterwards', async () => {
    const { app, advance, dsl, secret } = await enrolledSchool();
    await ok(app, 'session.signOut', {}, dsl);
    await ok(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, dsl);
    const right = () => codeAt(secret, new Date((timeStepAt(app.clock()) + 1) * PERIOD_SECONDS * 1000));
    const wrong = () => (right() === '123456' ? '654321' : '123456');
    for (let attempt = 0; attempt < 3; attempt++) expect(await dispatch(app, 'session.verifyCode', { code: wrong() }, dsl)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const slowed = await dispatch(app, 'session.verifyCode', { code: right() }, dsl);
    expect(slowed).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    if (slowed.ok) return;
    expect(slowed.error.message).toMatch(/Too many wrong codes/);
    expect(Date.parse(slowed.error.retryAt!)).toBeGreaterThan(app.clock().getTime());
    const rows = auditRows(app, 'session.verifyCode');
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => row.outcome === 'denied' && row.userId !== null)).toBe(true);
    // The password's own count is untouched: the owner can still sign in elsewhere and is not locked out by a thief.
    expect(await dispatch(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, newCaller())).toMatchObject({ ok: true });
    advance(16);
    await ok(app, 'session.verifyCode', { code: right() }, dsl);
    expect(status(app, dsl).state).toBe('signed_in');
  });

  it('gives a new session id once the code is right, so an id from before the code reaches nothing', async () => {
    const { app, dsl, secret } = await enrolledSchool();
    await ok(app, 'session.signOut', {}, dsl);
    await ok(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, dsl);
    const seenBefore: Caller = { ...dsl };
    await ok(app, 'session.verifyCode', { code: codeAt(secret, new Date((timeStepAt(app.clock()) + 1) * PERIOD_SECONDS * 1000)) }, dsl);
    expect(dsl.sessionId).not.toBe(seenBefore.sessionId);
    expect(await dispatch(app, 'queue.counts', {}, seenBefore)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await dispatch(app, 'queue.counts', {}, dsl)).toMatchObject({ ok: true });
  });

  it('lets a DSL reset another account’s lost authenticator, ending its sessions; an administrator never a DSL’s or the head’s', async () => {
    const { app, dsl } = await enrolledSchool();
    const accounts: Record<string, { id: string }> = {};
    for (const role of ['head', 'admin'] as const) {
      accounts[role] = await ok(app, 'accounts.create', { username: `the.${role}`, displayName: `The ${role}`, role, staffGroup: 'leadership', temporaryPassword: 'temporary password 1' }, dsl);
    }
    const admin = newCaller();
    await ok(app, 'session.signIn', { username: 'the.admin', password: 'temporary password 1' }, admin);
    await enrolAuthenticator(app, admin);
    await ok(app, 'session.changePassword', { currentPassword: 'temporary password 1', newPassword: 'admin password 123' }, admin);
    const head = newCaller();
    await ok(app, 'session.signIn', { username: 'the.head', password: 'temporary password 1' }, head);
    await enrolAuthenticator(app, head);

    const dslId = app.sessionOf(dsl)!.user.id;
    expect(await dispatch(app, 'accounts.resetSecondFactor', { userId: dslId }, admin)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(app, 'accounts.resetSecondFactor', { userId: accounts.head!.id }, admin)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(app, 'accounts.resetSecondFactor', { userId: dslId }, dsl)).toMatchObject({ ok: false, error: { code: 'conflict' } });

    await ok(app, 'accounts.resetSecondFactor', { userId: accounts.head!.id }, dsl);
    expect(app.sessionOf(head)).toBeNull();
    const again = newCaller();
    await ok(app, 'session.signIn', { username: 'the.head', password: 'temporary password 1' }, again);
    expect(status(app, again)).toMatchObject({ state: 'signed_in', mustEnrolSecondFactor: true });
    expect(auditRows(app, 'accounts.resetSecondFactor').map((row) => row.outcome)).toEqual(['forbidden', 'forbidden', 'ok']);
  });

  it('renews recovery codes only with a code from the app, and the old ones stop working', async () => {
    const { app, dsl, secret, recoveryCodes } = await enrolledSchool();
    expect(await dispatch(app, 'secondFactor.newRecoveryCodes', { code: recoveryCodes[0]! }, dsl)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const fresh = await ok<{ recoveryCodes: string[] }>(app, 'secondFactor.newRecoveryCodes', { code: codeAt(secret, new Date((timeStepAt(app.clock()) + 1) * PERIOD_SECONDS * 1000)) }, dsl);
    expect(fresh.recoveryCodes).toHaveLength(10);
    await ok(app, 'session.signOut', {}, dsl);
    await ok(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, dsl);
    expect(await dispatch(app, 'session.verifyCode', { code: recoveryCodes[1]! }, dsl)).toMatchObject({ ok: false });
    expect(await ok(app, 'session.verifyCode', { code: fresh.recoveryCodes[1]! }, dsl)).toMatchObject({ usedRecoveryCode: true });
  });

  it('does not ask the admin CLI on the hub for a code (it needs the data folder itself)', async () => {
    const { app } = await enrolledSchool();
    const cli = newCaller('cli');
    await ok(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, cli);
    expect(status(app, cli).state).toBe('signed_in');
    // Every other door is asked, the hub's own window included.
    const window = newCaller('ipc');
    await ok(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD }, window);
    expect(status(app, window).state).toBe('needs_code');
  });
});
