import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_SETUP_TIMEOUT_MS, removeTempDirs, DSL_USERNAME, initSchool, runCli, runCliFromSources, tempDir } from '../../../fixtures/cli/runCli';
import { withStore } from '../../../fixtures/cli/openSchoolDirectly';

describe('admin CLI: init and verify', () => {
  afterAll(removeTempDirs);
  it('sets up a school, prints the recovery key once with a warning, and verifies it', async () => {
    const dataDir = path.join(tempDir(), 'school');
    // From the sources, as `npm run admin` runs it; the other CLI tests run the same sources bundled (buildCli.ts).
    const init = await runCliFromSources(['init', '--school', 'Oakfield Academy', '--urn', '123456', '--dsl-username', DSL_USERNAME, '--dsl-name', 'Priya Jones', '--data-dir', dataDir]);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/RECOVERY KEY: ([0-9A-Z]{4}-){12}[0-9A-Z]{4}/);
    expect(init.stdout).toMatch(/shown only this once/);
    expect(init.stderr).toMatch(/SAFEGUARDING_TEST_CHEAP_KDF=1 is set.*tests only/);

    const verify = await runCli(['verify', '--username', DSL_USERNAME, '--data-dir', dataDir]);
    expect(verify.stdout).toContain('Database integrity: ok');
    expect(verify.stdout).toMatch(/Audit chain: ok \(\d+ rows checked\)/);
    expect(verify.code).toBe(0);

    // The newest row's fingerprint, to keep outside the computer; given back later, it is checked.
    const [, row, fingerprint] = /Newest row (\d+), fingerprint ((?:[0-9A-F]{4}-){4}[0-9A-F]{4})/.exec(verify.stdout) ?? [];
    expect(fingerprint).toBeDefined();
    const anchored = await runCli(['verify', '--username', DSL_USERNAME, '--data-dir', dataDir, '--anchor', `${row}:${fingerprint}`]);
    expect(anchored.stdout).toContain(`Anchor row ${row}: matches`);
    expect(anchored.code).toBe(0);
    const wrong = await runCli(['verify', '--username', DSL_USERNAME, '--data-dir', dataDir, '--anchor', `${row}:0000-0000-0000-0000-0000`]);
    expect(wrong.stderr + wrong.stdout).toMatch(new RegExp(`Anchor row ${row}: DOES NOT MATCH — row ${row} no longer has the fingerprint`));
    expect(wrong.code).toBe(1);
    const mistyped = await runCli(['verify', '--username', DSL_USERNAME, '--data-dir', dataDir, '--anchor', 'row 3']);
    expect(mistyped.stderr).toMatch(/--anchor row 3 is not an anchor as verify prints it \(ROW:FINGERPRINT/);
    expect(mistyped.code).not.toBe(0);
  });

  describe('on a school whose audit log was changed behind the application’s back', () => {
    let dataDir = '';
    beforeAll(async () => {
      ({ dataDir } = await initSchool());
      // An attacker with the data key: drop the append-only trigger and rewrite history.
      await withStore(dataDir, (db) => {
        db.exec('DROP TRIGGER audit_log_no_update');
        db.prepare("UPDATE audit_log SET command = 'nothing.to.see' WHERE seq = 2").run();
      });
    }, CLI_SETUP_TIMEOUT_MS);

    it('names the first changed row and exits non-zero', async () => {
      const verify = await runCli(['verify', '--username', DSL_USERNAME, '--data-dir', dataDir, '--json']);
      expect(verify.code).toBe(1);
      const result = JSON.parse(verify.stdout) as { ok: boolean; chain: { firstBrokenRow: number } };
      expect(result.ok).toBe(false);
      expect(result.chain.firstBrokenRow).toBe(2);
      expect(verify.stderr).toMatch(/Audit chain: BROKEN at row 2 — row 2 has been changed/);
    });

    it('refuses a wrong password with a clear message and a non-zero exit', async () => {
      const run = await runCli(['verify', '--username', DSL_USERNAME, '--data-dir', dataDir], { SAFEGUARDING_PASSWORD: 'not the password at all' });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/Could not sign in as p\.jones: the username and password do not match.*Check --username and SAFEGUARDING_PASSWORD/);
      expect(run.stdout).not.toContain('Database integrity');
    });
  });

  it('never accepts a password as an argument, in any spelling, before doing anything', async () => {
    const dataDir = path.join(tempDir(), 'untouched');
    for (const attempt of [['--password', 'correct horse battery staple'], ['-p=correct horse battery staple']]) {
      const run = await runCli(['init', '--school', 'Oakfield Academy', '--urn', '123456', '--dsl-username', DSL_USERNAME, '--dsl-name', 'Priya Jones', '--data-dir', dataDir, ...attempt]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/never taken from the command line.*SAFEGUARDING_PASSWORD/s);
    }
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('says to set SAFEGUARDING_PASSWORD when it is missing', async () => {
    const run = await runCli(['verify', '--username', DSL_USERNAME, '--data-dir', tempDir()], { SAFEGUARDING_PASSWORD: undefined });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Set the environment variable SAFEGUARDING_PASSWORD/);
  });

  it('points to --data-dir and init when there is no school, without creating an empty folder', async () => {
    const missing = path.join(tempDir(), 'nowhere');
    const run = await runCli(['verify', '--username', DSL_USERNAME, '--data-dir', missing]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No school is set up in .*nowhere.*--data-dir.*init/);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('reports a mistyped option instead of ignoring it', async () => {
    const run = await runCli(['verify', '--usernam', DSL_USERNAME, '--data-dir', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown option --usernam/);
  });
});
