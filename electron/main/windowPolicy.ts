// What the window allows, decided in plain functions so they are tested without Electron's binary.

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
