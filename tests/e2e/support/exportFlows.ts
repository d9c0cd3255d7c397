// A school with a child whose file is worth exporting — made through the host's own app and dispatch (the door the
// page uses) — and the tools to open what the page downloads: Debian's 7z and poppler's pdftotext.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { extractWith7z } from '../../fixtures/archives/extractWith7z';
import type { SafeguardingApp } from '../../../electron/core';
import { call, seedSchoolWithAmy } from './seedSchool';

export { call, extractWith7z };

export const CHILD_WORDS = 'Dad grabbed me when I dropped my plate.';

export interface ExportSchool {
  amyId: string;
  concernId: string;
}

/** Sets up the school (Worcestershire pack), Amy with a concern in her own words and a decision, then signs out. */
export async function seedExportSchool(app: SafeguardingApp): Promise<ExportSchool> {
  const amy = await seedSchoolWithAmy(app);
  const concern = await call(app, 'concerns.submit', {
    pupils: [{ pupilId: amy.id, part: 'subject' }],
    occurredDate: '2026-11-23',
    occurredTime: '08:15',
    location: 'Classroom 5H',
    whatHappened: 'Amy has a bruise on her left forearm, about 3 cm, purple. She flinched when I touched her arm.',
    childWords: CHILD_WORDS,
    categories: ['physical-abuse'],
  });
  await call(app, 'decisions.record', {
    pupilId: amy.id,
    concernId: concern.id,
    decision: 'mash_referral',
    reasons: 'A mark with a disclosure that a parent caused it: this may be significant harm.',
    consent: 'not_sought',
    consentReason: 'Telling the parent first could put Amy at further risk.',
    sharing: { what: 'Concern and disclosure', withWhom: 'Worcestershire Family Front Door', lawfulBasis: 'safeguarding_children' },
  });
  await call(app, 'session.signOut', {});
  return { amyId: amy.id, concernId: concern.id };
}

/** Goes to a page by its address, as a link from the child's file would. */
export async function openAddress(page: Page, hash: string, heading: string): Promise<void> {
  await page.evaluate((target) => {
    window.location.hash = target;
  }, hash);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Clicks the download link and returns the saved file's bytes and suggested name. */
export async function download(page: Page, linkName: RegExp): Promise<{ name: string; bytes: Buffer }> {
  const [event] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  const file = await event.path();
  return { name: event.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** Extracts an archive with Debian's 7z; null when 7z refuses it (wrong passphrase, damage). */
/** The PDF's text as poppler's pdftotext reads it, in reading order. */
export function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-pdf-'));
  try {
    const file = path.join(dir, 'file.pdf');
    fs.writeFileSync(file, pdf);
    const run = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
    return run.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The passphrase as shown on screen (its groups joined by dashes). */
export async function shownPassphrase(page: Page): Promise<string> {
  return (await page.locator('.passphrase__group').allTextContents()).join('-');
}

/** With E2E_SCREENSHOTS=/some/folder, keeps a full-page picture of each step for a person to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  const folder = process.env.E2E_SCREENSHOTS;
  if (folder) await page.screenshot({ path: `${folder}/exports-${name}.png`, fullPage: true });
}
