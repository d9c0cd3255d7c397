// The one window: isolated, sandboxed, no Node in the page, and no way to navigate or open anything else.
import { BrowserWindow, dialog, session, shell } from 'electron';
import { APP_ORIGIN } from './appProtocol';
import { mayGrantPermission, secureWebPreferences } from './windowPolicy';

/** Guidance sites a DSL may open in their own browser, after confirming. */
const externalAllowList = ['www.gov.uk', 'www.nspcc.org.uk', 'www.legislation.gov.uk', 'www.education.gov.uk'];

/** `packaged` is true in the installed app: DevTools are then unavailable, so nobody at a school's desk can script the page. */
export function createSecureWindow(preloadPath: string, { packaged }: { packaged: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Safeguarding Records',
    show: false,
    backgroundColor: '#ffffff',
    // The two that matter most are repeated here, as literals, so Electronegativity's static check can see them.
    webPreferences: { ...secureWebPreferences(preloadPath, { packaged }), contextIsolation: true, sandbox: true },
  });

  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    void openExternalAfterConfirming(window, url);
    return { action: 'deny' };
  });
  // Notifications, and only for the app's own page: see mayGrantPermission.
  session.defaultSession.setPermissionRequestHandler((_webContents, permission, callback, details) => callback(mayGrantPermission(permission, details.requestingUrl)));
  session.defaultSession.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => mayGrantPermission(permission, requestingOrigin));
  window.once('ready-to-show', () => window.show());
  return window;
}

async function openExternalAfterConfirming(window: BrowserWindow, url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'https:' || !externalAllowList.includes(parsed.hostname)) return;
  const { response } = await dialog.showMessageBox(window, {
    type: 'question',
    buttons: ['Open in my browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: `Open ${parsed.hostname} in your web browser?`,
    detail: url,
  });
  if (response === 0) await shell.openExternal(parsed.toString());
}
