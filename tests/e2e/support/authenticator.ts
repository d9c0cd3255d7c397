// The person's phone in end-to-end tests: the secret is read off the enrolment page (as a person types it into an
// app) and codes are computed with otpauth, as the app would. Each account's last step is remembered so a test that
// signs the same person in again within 30 seconds gives the next step's code (the hub accepts one step either side)
// rather than waiting for the clock; only a fourth sign-in inside one step waits.
import type { Page } from 'playwright-core';
import type { SafeguardingApp } from '../../../electron/core';
import { Secret, TOTP } from 'otpauth';

const phones = new Map<string, { secret: string; lastStep: number; clock: () => Date }>();
/** The time the host keeps: a test host on a fake clock checks codes against that clock, so the phone keeps it too. */
let hostTime: () => Date = () => new Date();

/** Phones enrolled from now on keep time with this host's clock (the real time when the host has none of its own). */
export function keepPhonesInTimeWith(clock: (() => Date) | undefined): void {
  hostTime = clock ?? (() => new Date());
}

function codeFor(username: string): Promise<string> | string {
  const phone = phones.get(username);
  if (!phone) throw new Error(`${username} has no authenticator enrolled in this test`);
  const at = phone.clock().getTime();
  const now = Math.floor(at / 30_000);
  // The previous step's code stops being accepted when this step ends: it is sent only with time to spare before then,
  // since the page, the request and a busy machine can take seconds before the hub checks it.
  const previousStillSafe = (now + 1) * 30_000 - at > 10_000;
  const step = [...(previousStillSafe ? [now - 1] : []), now, now + 1].find((candidate) => candidate > phone.lastStep);
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(phone.secret) });
  if (step === undefined) {
    // Rare: wait for the next step rather than send a code the hub would refuse as a replay.
    return new Promise((resolve) => setTimeout(() => resolve(codeFor(username)), Math.max(50, (now + 1) * 30_000 - phone.clock().getTime() + 50)));
  }
  phone.lastStep = step;
  return totp.generate({ timestamp: step * 30_000 });
}

export function hasAuthenticator(username: string): boolean {
  return phones.has(username);
}

/** The enrolment page, as a person goes through it; answers the recovery codes shown once. */
export async function enrolAuthenticator(page: Page, username: string): Promise<string[]> {
  await page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' }).waitFor();
  const secret = (await page.getByTestId('authenticator-secret').textContent())!.replace(/\s/g, '');
  phones.set(username, { secret, lastStep: -1, clock: hostTime });
  await page.getByLabel('Code from your authenticator app', { exact: true }).fill(await codeFor(username));
  await page.getByRole('button', { name: 'Confirm and continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Keep your recovery codes' }).waitFor();
  const codes = await page.locator('.recovery-codes__code').allTextContents();
  await page.getByLabel('I have printed or saved my recovery codes').check();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  return codes;
}

/** The code step of sign-in, answered with the app's current code. */
export async function answerCode(page: Page, username: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Enter the code from your authenticator app' }).waitFor();
  await page.getByLabel('Code from your authenticator app', { exact: true }).fill(await codeFor(username));
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/** The code the person's app shows now (for tests that type it themselves). */
export const currentCode = (username: string): Promise<string> | string => codeFor(username);

/** Forgets an account's authenticator (after a DSL resets it, the person enrols again). */
export function forgetAuthenticator(username: string): void {
  phones.delete(username);
}

/**
 * For schools seeded through the core (whose accounts enrolled there, on the host's own clock): the phone learns the
 * secret from the open store and keeps time with the host, as a real phone keeps time with a real hub.
 */
export function knowAuthenticatorFromStore(app: SafeguardingApp, username: string): void {
  const row = app.store!.prepare('SELECT f.secret, f.last_used_step FROM account_second_factor f JOIN users u ON u.id = f.user_id WHERE u.username = ?').get(username) as
    | { secret: string; last_used_step: number | null }
    | undefined;
  if (!row) throw new Error(`${username} has no authenticator in the store`);
  phones.set(username, { secret: row.secret, lastStep: row.last_used_step ?? -1, clock: () => app.clock() });
}
