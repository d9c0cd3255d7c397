// The keyring is changed by two processes at once — the app creating accounts, the admin CLI recording a failed
// sign-in — and neither may undo the other: every account created must still be able to sign in.
import { afterAll, describe, expect, it } from 'vitest';
import { SafeguardingApp } from '../../../../electron/core';
import { readKeyring, usernameLookup } from '../../../../electron/core/crypto';
import { removeTempDirs } from '../../../fixtures/cli/runCli';
import { startFailingSignIns } from '../../../fixtures/store/writerProcess';
import { addAccount, cheapKdf, newApp, setUpSchool } from './testSchool';
import { personAt } from '../../../fixtures/doors/callers';

describe('the keyring changed by two processes at once', () => {
  afterAll(removeTempDirs);

  it('keeps every account the app creates while another process keeps writing failed sign-ins', async () => {
    const app = newApp();
    await setUpSchool(app);
    const other = await startFailingSignIns(app.dataDir);
    const created: string[] = [];
    try {
      for (let index = 0; index < 12; index += 1) {
        const username = `teacher.${index}`;
        // Accounts that hold a wrap of the data key: staff get a verifier beside the keyring instead (decision 0022).
        await addAccount(app, username, 'admin');
        created.push(username);
      }
    } finally {
      const report = await other.stop();
      expect(report.unexpected).toEqual([]);
      expect(report.attempts).toBeGreaterThan(0);
    }

    const keyring = readKeyring(app.dataDir)!;
    const missing = created.filter((username) => !keyring.users.some((entry) => entry.lookup === usernameLookup(keyring, username)));
    expect(missing, 'accounts whose key was lost from the keyring').toEqual([]);
    for (const username of created) {
      const fresh = new SafeguardingApp({ dataDir: app.dataDir, kdfCost: cheapKdf, log: { error: () => 'test' } });
      try {
        await expect(fresh.signIn(username, 'temporary password 1', personAt(fresh))).resolves.toMatchObject({ username });
      } finally {
        fresh.close();
      }
    }
  }, 120_000);
});
