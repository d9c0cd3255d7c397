import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStore } from '../../../fixtures/cli/openSchoolDirectly';
import { CLI_SETUP_TIMEOUT_MS, removeTempDirs, DSL_USERNAME, initSchool, runCli, type CliRun } from '../../../fixtures/cli/runCli';

const contentOf = (dataDir: string) =>
  withStore(dataDir, (db) => ({
    pupils: db.prepare('SELECT id, upn, legal_first_name, legal_last_name, date_of_birth, year_group FROM pupils ORDER BY id').all(),
    concerns: db.prepare('SELECT id, occurred_at, what_happened, child_words FROM concerns ORDER BY id').all(),
    categories: db.prepare('SELECT concern_id, category FROM concern_categories ORDER BY concern_id, category').all(),
  }));

async function demoSchool(seed: string) {
  const { dataDir } = await initSchool();
  const run = await runCli(['demo-data', '--pupils', '60', '--concerns', '150', '--seed', seed, '--as-of', '2026-11-20', '--username', DSL_USERNAME, '--data-dir', dataDir]);
  return { dataDir, run };
}

describe('admin CLI: demo-data', () => {
  afterAll(removeTempDirs);
  let first: { dataDir: string; run: CliRun };
  let second: { dataDir: string; run: CliRun };
  beforeAll(async () => {
    [first, second] = await Promise.all([demoSchool('42'), demoSchool('42')]);
  }, CLI_SETUP_TIMEOUT_MS);

  it('prints its progress and succeeds', () => {
    expect(first.run.code).toBe(0);
    expect(first.run.stdout).toMatch(/Pupils: 60 of 60 \(100%\)/);
    expect(first.run.stdout).toMatch(/Concerns: 150 of 150 \(100%\)/);
  });

  it('makes the same pupils and the same concern texts from the same seed', async () => {
    const [a, b] = [await contentOf(first.dataDir), await contentOf(second.dataDir)];
    expect(a.pupils).toHaveLength(60);
    expect(a.concerns).toHaveLength(150);
    expect(b).toEqual(a);
  });

  it('refuses to mix demo data into a store that already has pupils', async () => {
    const again = await runCli(['demo-data', '--pupils', '5', '--concerns', '5', '--seed', '3', '--username', DSL_USERNAME, '--data-dir', first.dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has pupils or concerns.*new, empty store/);
  });
});
