// The window's permission rule, tried with the requests an attacker's frame or a look-alike page would make.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate, mayGrantPermission, secureWebPreferences } from '../../../../electron/main/windowPolicy';

describe('the Electron window’s permission handlers', () => {
  it('let the app’s own page show notifications, from a page URL or from its origin', () => {
    expect(mayGrantPermission('notifications', 'app://renderer/index.html#/queue')).toBe(true);
    expect(mayGrantPermission('notifications', 'app://renderer')).toBe(true);
  });

  it('refuse notifications to any other origin, including look-alikes of the app’s own', () => {
    for (const requestingUrl of [
      'https://evil.example/',
      'http://127.0.0.1:5173/',
      'file:///C:/Users/Public/page.html',
      'app://renderer.evil.example/',
      'app://evil@renderer/',
      'app://other/index.html',
      'data:text/html,<script>new Notification("x")</script>',
      '',
      undefined,
      'not a url',
    ]) {
      expect(mayGrantPermission('notifications', requestingUrl), String(requestingUrl)).toBe(false);
    }
  });

  it('refuse every other permission even to the app’s own page', () => {
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      expect(mayGrantPermission(permission, 'app://renderer/index.html'), permission).toBe(false);
    }
  });
});

describe('the installed app’s window and menu', () => {
  /** Every role in a menu template, however deep. */
  const rolesIn = (items: ReadonlyArray<{ role?: string; submenu?: unknown }>): string[] =>
    items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? rolesIn(item.submenu as Array<{ role?: string }>) : [])]);

  it('has no DevTools once packaged, and keeps the page isolated and sandboxed with no Node either way', () => {
    for (const packaged of [true, false]) {
      const preferences = secureWebPreferences('build/electron/preload.cjs', { packaged });
      expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false });
      expect(preferences.devTools).toBe(!packaged);
      expect(path.isAbsolute(preferences.preload!)).toBe(true);
    }
  });

  it('offers no Reload or Toggle Developer Tools once packaged, on any platform', () => {
    expect(applicationMenuTemplate('win32', { packaged: true })).toBeNull();
    expect(applicationMenuTemplate('linux', { packaged: true })).toBeNull();
    const mac = applicationMenuTemplate('darwin', { packaged: true });
    expect(rolesIn(mac!)).toEqual(['appMenu', 'editMenu']);
    for (const role of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) expect(rolesIn(mac!)).not.toContain(role);
    // A developer's run keeps Electron's default menu, with its DevTools.
    expect(applicationMenuTemplate('win32', { packaged: false })).toBeUndefined();
  });
});
