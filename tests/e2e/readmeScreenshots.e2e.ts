// The README's pictures (docs/screenshots/*.png), made from the real pages so they can be made again after a change:
//   npx vite build --config renderer/vite.config.ts
//   README_SCREENSHOTS=1 npx vitest run --config vitest.e2e.config.ts tests/e2e/readmeScreenshots.e2e.ts
// Without README_SCREENSHOTS it does nothing: it writes into the repository and is not a check of behaviour.
// Look at each picture before committing it.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { call, seedCaseworkSchool } from './support/caseworkFlows';
import { choosePupil, openLogConcern, pupils, schoolWithStaffSignedIn } from './support/concernFlows';
import { confirmRecoveryKey, dsl, fill, goTo, heading, setUpSchool, signIn } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';

const folder = path.resolve('docs/screenshots');
const width = 1280;
let now = new Date();
const e2e = hostAndPagePerTest(() => ({ clock: () => now }));

/** The top of a page, `height` pixels of it (or the whole page when it is shorter). */
async function picture(page: Page, name: string, height?: number): Promise<void> {
  const full = await page.evaluate(() => document.documentElement.scrollHeight);
  const clip = { x: 0, y: 0, width, height: Math.min(height ?? full, full) };
  await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true, clip });
}

describe.runIf(process.env.README_SCREENSHOTS)('the README’s screenshots', () => {
  it('the recovery key at setup', async () => {
    const { page } = e2e.opened;
    await page.setViewportSize({ width, height: 900 });
    await setUpSchool(page);
    await picture(page, 'recovery-key');
    await confirmRecoveryKey(page);
  });

  it('logging a concern', async () => {
    const { page } = e2e.opened;
    await page.setViewportSize({ width, height: 900 });
    await schoolWithStaffSignedIn(page);
    await openLogConcern(page);
    await choosePupil(page, 'ellie', pupils.ellie.name);
    await fill(page, 'Where it happened', 'Year 4 cloakroom');
    await fill(page, 'What you saw or heard', 'Ellie was crying by her peg at 08:50. She had a red mark on her left cheek, about 2 cm across.');
    await fill(page, 'What the child said, in their own words (optional)', 'mum said i was naughty and smacked me');
    await page.getByLabel('Physical abuse', { exact: true }).check();
    await page.getByRole('heading', { level: 1 }).focus();
    await picture(page, 'log-a-concern');
  });

  it('the DSL’s home with a new immediate-danger concern, who to call, and the thresholds', async () => {
    now = new Date('2026-11-23T10:00:00Z');
    const { page } = e2e.opened;
    await page.setViewportSize({ width, height: 900 });
    await seedCaseworkSchool(e2e.testHost.host.app, '2026-11-23');
    await page.reload();
    await signIn(page, dsl.username, dsl.password);
    await heading(page, 'Hello, Joy');
    await page.getByRole('link', { name: /Ben Cole/ }).first().waitFor();
    await page.screenshot({ path: path.join(folder, 'dsl-home.png') });

    await goTo(page, 'Who to call');
    await page.getByRole('region', { name: 'Who to call now' }).waitFor();
    await picture(page, 'who-to-call', 1400);

    await goTo(page, 'Thresholds');
    await page.locator('.indicator').first().waitFor();
    await picture(page, 'thresholds', 1400);
    await call(e2e.testHost.host.app, 'session.signOut', {});
  });
});
