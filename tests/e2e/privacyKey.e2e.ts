// The privacy key: Ctrl+Shift+B (or the Hide screen button) blanks the window at once and locks; the person's
// password brings back exactly what they were doing, half-typed words included.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dsl, fill, goTo, heading, setUpSchoolAndConfirm } from './support/flows';
import { hostAndPagePerTest } from './support/perTest';

const e2e = hostAndPagePerTest();

async function startTypingANewAccount(page: Page): Promise<void> {
  await goTo(page, 'Accounts');
  await page.getByRole('button', { name: 'Add an account' }).click();
  await heading(page, 'Add an account');
  await fill(page, 'Full name', 'Priya Shah');
  await page.getByLabel('Full name', { exact: true }).focus();
}

async function unlock(page: Page): Promise<void> {
  await heading(page, 'Screen hidden');
  await fill(page, `Password for ${dsl.username}`, dsl.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await heading(page, 'Add an account');
}

describe('the privacy key', () => {
  it('hides everything the instant Ctrl+Shift+B is pressed, and the password brings it back as it was', async () => {
    const { page, problems } = e2e.opened;
    await setUpSchoolAndConfirm(page);
    await startTypingANewAccount(page);

    await page.keyboard.press('Control+Shift+B');
    // Checked straight after the key press, before the lock has had time to reach the host.
    const overlayVisible = await page.getByTestId('privacy-screen').isVisible();
    const mainVisible = await page.locator('#main').isVisible();
    const lockScreenVisible = await page.getByTestId('lock-screen').isVisible();
    expect(overlayVisible || lockScreenVisible).toBe(true);
    expect(mainVisible).toBe(false);

    // The host locked: the session needs the password, and the page shows nothing of the records.
    await heading(page, 'Screen hidden');
    expect(await page.getByRole('heading', { name: 'Add an account' }).isVisible()).toBe(false);
    expect(await page.getByLabel('Full name', { exact: true }).isVisible()).toBe(false);
    const status = await page.evaluate(async () => {
      const token = window.sessionStorage.getItem('safeguarding.hostToken');
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ command: 'accounts.list', input: {} }),
      });
      return (await response.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(status.error?.code).toBe('locked');

    await unlock(page);
    expect(await page.getByLabel('Full name', { exact: true }).inputValue()).toBe('Priya Shah');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe(await page.getByLabel('Full name', { exact: true }).getAttribute('id'));
    expect(problems).toEqual([]);
  });

  it('covers the window synchronously when Hide screen is pressed, before anything is awaited', async () => {
    const { page } = e2e.opened;
    await setUpSchoolAndConfirm(page);
    await startTypingANewAccount(page);

    // Click and inspect in the same task: no network round trip or animation frame can happen in between.
    const seen = await page.evaluate(() => {
      const button = [...document.querySelectorAll('header button')].find((element) => element.textContent === 'Hide screen') as HTMLButtonElement;
      button.click();
      const overlay = document.querySelector('[data-testid="privacy-screen"]');
      const frame = document.querySelector('.app-frame') as HTMLElement;
      return {
        overlayShown: overlay !== null && getComputedStyle(overlay).display !== 'none',
        frameHidden: frame.hidden && frame.inert && getComputedStyle(frame).display === 'none',
      };
    });
    expect(seen).toEqual({ overlayShown: true, frameHidden: true });

    await unlock(page);
    expect(await page.getByLabel('Full name', { exact: true }).inputValue()).toBe('Priya Shah');
  });

  it('does the same from the keyboard event itself, synchronously', async () => {
    const { page } = e2e.opened;
    await setUpSchoolAndConfirm(page);
    await startTypingANewAccount(page);
    const seen = await page.evaluate(() => {
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'B', code: 'KeyB', ctrlKey: true, shiftKey: true, bubbles: true, cancelable: true }));
      const overlay = document.querySelector('[data-testid="privacy-screen"]');
      const frame = document.querySelector('.app-frame') as HTMLElement;
      return { overlayShown: overlay !== null, frameHidden: frame.hidden };
    });
    expect(seen).toEqual({ overlayShown: true, frameHidden: true });
    await unlock(page);
  });
});
