// The admin CLI beside a running app: another process commits without pause (as the app on a DSL's desk does) while
// the IT lead checks the store, backs it up, or signs in and out. Nothing may fail for want of a lock, and no audit
// row may be lost or numbered twice.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafeguardingApp } from '../../../../electron/core';
import { appendAudit, verifyAuditChain } from '../../../../electron/core/audit';
import { cheapKdf } from '../../../fixtures/cli/openSchoolDirectly';
import { CLI_SETUP_TIMEOUT_MS, DSL_PASSWORD, DSL_USERNAME, initSchool, removeTempDirs, runCli, tempDir } from '../../../fixtures/cli/runCli';
import { startWriter, type Writer } from '../../../fixtures/store/writerProcess';
import { personAt } from '../../../fixtures/doors/callers';

const quietLog = { error: () => 'test' };

describe('the admin CLI while the app commits continuously', () => {
  afterAll(removeTempDirs);
  let dataDir = '';
  let writer: Writer | null = null;

  beforeAll(async () => {
    ({ dataDir } = await initSchool());
    // Enough records that the integrity check takes long enough for the app to commit many times during it.
    const demo = await runCli(['demo-data', '--pupils', '300', '--concerns', '1500', '--seed', '3', '--as-of', '20/11/2026', '--username', DSL_USERNAME, '--data-dir', dataDir]);
    if (demo.code !== 0) throw new Error(demo.stderr);
    writer = await startWriter(dataDir, DSL_USERNAME);
  }, 2 * CLI_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await writer?.stop();
  });

  it('verifies the store: the integrity check and the chain run on a snapshot and never wait for the write lock', async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const verify = await runCli(['verify', '--username', DSL_USERNAME, '--data-dir', dataDir]);
      expect(verify.stderr).not.toMatch(/locked|could not run/i);
      expect(verify.stdout).toContain('Database integrity: ok');
      expect(verify.stdout).toMatch(/Audit chain: ok/);
      expect(verify.code).toBe(0);
    }
  }, 240_000);

  it('backs up the store and reports success when the copy is complete', async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const file = path.join(tempDir(), `oakfield-${attempt}.db`);
      const backup = await runCli(['backup', file, '--username', DSL_USERNAME, '--data-dir', dataDir]);
      expect(backup.stderr).not.toMatch(/failed/i);
      expect(backup.stdout).toMatch(/Checked: it opens/);
      expect(backup.code).toBe(0);
    }
  }, 240_000);

  it('records every sign-out in the audit log, however busy the other process is', async () => {
    const logged: string[] = [];
    const app = new SafeguardingApp({ dataDir, kdfCost: cheapKdf, log: { error: (context, error) => (logged.push(`${context}: ${String(error)}`), 'test') } });
    const signOutsRecorded = () => app.store!.prepare("SELECT count(*) FROM audit_log WHERE command = 'session.signOut'").pluck().get() as number;
    try {
      await app.signIn(DSL_USERNAME, DSL_PASSWORD, personAt(app));
      let before = signOutsRecorded();
      for (let round = 0; round < 25; round += 1) {
        app.signOut(personAt(app));
        await app.signIn(DSL_USERNAME, DSL_PASSWORD, personAt(app));
        const after = signOutsRecorded();
        expect(after, `sign-out ${round + 1} was not recorded: ${logged.join('; ')}`).toBe(before + 1);
        before = after;
      }
    } finally {
      app.close();
    }
  }, 120_000);

  it('lets two processes append audit rows at once without a failure, a gap or a number used twice', async () => {
    const second = await startWriter(dataDir, DSL_USERNAME);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const secondReport = await second.stop();
    const firstReport = await writer!.stop();
    writer = null;
    expect(secondReport.failures).toEqual([]);
    expect(firstReport.failures).toEqual([]);
    expect(secondReport.written).toBeGreaterThan(0);

    const app = new SafeguardingApp({ dataDir, kdfCost: cheapKdf, log: quietLog });
    try {
      await app.signIn(DSL_USERNAME, DSL_PASSWORD, personAt(app));
      expect(verifyAuditChain(app.store!)).toMatchObject({ ok: true });
    } finally {
      app.close();
    }
  }, 60_000);
});

describe('an audit row', () => {
  afterAll(removeTempDirs);
  it('cannot be appended outside a write transaction, where another connection could take its number', async () => {
    const { dataDir } = await initSchool();
    const app = new SafeguardingApp({ dataDir, kdfCost: cheapKdf, log: quietLog });
    try {
      await app.signIn(DSL_USERNAME, DSL_PASSWORD, personAt(app));
      const { db } = app.current(personAt(app))!;
      const rowsBefore = db.prepare('SELECT count(*) FROM audit_log').pluck().get();
      expect(() => appendAudit(db, { at: new Date().toISOString(), userId: null, role: null, door: 'test', client: null, command: 'test.outside', recordIds: [], outcome: 'ok' })).toThrow(/write transaction/);
      expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(rowsBefore);
    } finally {
      app.close();
    }
  }, CLI_SETUP_TIMEOUT_MS);
});
