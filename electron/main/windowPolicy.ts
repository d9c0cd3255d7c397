// What the window allows, decided in plain functions so they are tested without Electron's binary.
import path from 'node:path';
import type { MenuItemConstructorOptions, WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://renderer`;

/** True only for the app's own pages (`app://renderer/…`): never another scheme, host or look-alike. */
export function isAppPage(url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Node does not know app: is a standard scheme, so compare its parts rather than URL.origin (which is "null").
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'renderer' && parsed.username === '' && parsed.password === '';
}

/**
 * Notifications tell a DSL at once that a concern has arrived, so the app's own page may show them; every other
 * permission, and any request from anywhere else (an injected frame, a page reached by a bug), is refused.
 */
export function mayGrantPermission(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'notifications' && isAppPage(requestingUrl);
}

/**
 * The one window's web preferences: isolated, sandboxed, no Node in the page, no webviews. In the installed app
 * (`packaged`) DevTools are unavailable, so nobody at a school's desk can script the page.
 */
export function secureWebPreferences(preloadPath: string, { packaged }: { packaged: boolean }): WebPreferences {
  return {
    preload: path.resolve(preloadPath),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    allowRunningInsecureContent: false,
    spellcheck: true,
    devTools: !packaged,
  };
}

/**
 * The application menu. Electron's default offers Reload and Toggle Developer Tools, so the installed app keeps only
 * what typing needs: nothing on Windows and Linux (the page handles copy and paste), the app and Edit menus on macOS
 * (where copy and paste come from the Edit menu). `undefined` leaves the default, for development.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform, { packaged }: { packaged: boolean }): MenuItemConstructorOptions[] | null | undefined {
  if (!packaged) return undefined;
  return platform === 'darwin' ? [{ role: 'appMenu' }, { role: 'editMenu' }] : null;
}
