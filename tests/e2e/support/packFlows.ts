// What an administrator or DSL does with packs and the roster, in the words on the screen.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { goTo } from './flows';

export const worcestershire = {
  id: 'worcestershire-2019',
  title: 'Worcestershire: Multi Agency Levels of Need (May 2019)',
  frontDoor: 'Family Front Door (children\'s social care referrals and advice)',
  frontDoorPhone: '01905 822666',
  outOfHoursPhone: '01905 768020',
};

/** A London wall-clock time as an instant; the dates used are in GMT or BST as stated by the caller. */
export function londonInstant(isoLocal: string, offset: '+00:00' | '+01:00'): Date {
  return new Date(`${isoLocal}${offset}`);
}

/** A clock the test can move: the host reads it on every command. */
export function movableClock(start: Date): { clock: () => Date; set: (instant: Date) => void } {
  let now = start;
  return { clock: () => now, set: (instant) => (now = instant) };
}

export async function choosePack(page: Page, packTitle: string, area?: string): Promise<void> {
  await goTo(page, 'Settings');
  await page.getByRole('radio', { name: new RegExp(`^${escapeRegExp(packTitle)}`) }).check();
  if (area) await page.getByLabel('Council or district', { exact: true }).selectOption({ label: area });
  await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/invoke') && (response.request().postData() ?? '').includes('"command":"packs.choose"')),
    page.getByRole('button', { name: 'Use this pack', exact: true }).click(),
  ]);
  await page.getByRole('status').filter({ hasText: 'Pack chosen' }).waitFor();
}

/** Imports a pack file through Settings (the file is made in memory, as if chosen from disk). */
export async function importPackFile(page: Page, fileName: string, json: unknown): Promise<void> {
  await page.getByLabel('Pack file', { exact: true }).setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json, null, 2)) });
  await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/invoke') && (response.request().postData() ?? '').includes('"command":"packs.import"')),
    page.getByRole('button', { name: 'Import the pack', exact: true }).click(),
  ]);
}

export function shippedPack(id: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.resolve('resources/packs', `${id}.json`), 'utf8')) as Record<string, unknown>;
}

export const rosterFixture = path.resolve('tests/fixtures/roster/sims-export-1500.csv');

/** A full-page screenshot into $E2E_SCREENSHOTS (for looking at the pages by eye); nothing when it is unset. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  // In slices a person can read, rather than one very tall image.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let top = 0, part = 1; top < height && part <= 6; top += 1400, part += 1) {
    await page.screenshot({ path: path.join(dir, `${name}-${part}.png`), fullPage: true, clip: { x: 0, y: top, width: 1280, height: Math.min(1400, height - top) } });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
