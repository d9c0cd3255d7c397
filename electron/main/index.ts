// Electron's main process: lifecycle, the secure window, the single IPC handler. The application itself is
// electron/core, which runs the same in plain Node.
import { app as electronApp, globalShortcut, Menu, type BrowserWindow } from 'electron';
import path from 'node:path';
import { SafeguardingApp, resolveDataDir } from '../core';
import { registerAppScheme, serveRenderer, APP_ORIGIN } from './appProtocol';
import { connectArgument, hostConnectMode } from '../core/network';
import { registerInvokeHandler, type Destination } from './invokeHandler';
import { createSecureWindow } from './secureWindow';
import { applicationMenuTemplate } from './windowPolicy';

// Bundled to build/electron/main.cjs beside preload.cjs; the renderer is built to dist/renderer.
const buildDir = __dirname;
const projectDir = path.resolve(buildDir, '..', '..');

if (!electronApp.requestSingleInstanceLock()) {
  // A second copy would open the same store twice; focus the first instead.
  electronApp.quit();
} else {
  registerAppScheme();
  const dataDir = resolveDataDir(process.argv);
  const application = new SafeguardingApp({ dataDir });
  // Connect mode: this computer holds no records. Not enrolled yet, the window shows the "connect to your school's
  // hub" page (answered here, before anything reaches a hub); then every command goes to that hub, pinned, and with
  // the hub out of reach a concern is sealed into this computer's outbox until it answers (0024).
  const { connect, hubUrl } = connectArgument(process.argv);
  const hub = connect ? hostConnectMode({ dataDir, log: application.log, ...(hubUrl ? { suggestedHubUrl: hubUrl } : {}) }) : undefined;
  const destination: Destination = hub ? { kind: 'hub', invoke: hub.invoke } : { kind: 'local', app: application };
  let window: BrowserWindow | null = null;

  electronApp.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  electronApp.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void electronApp.whenReady().then(() => {
    // No Reload or Toggle Developer Tools in the installed app (windowPolicy.applicationMenuTemplate says why).
    const menu = applicationMenuTemplate(process.platform, { packaged: electronApp.isPackaged });
    if (menu !== undefined) Menu.setApplicationMenu(menu === null ? null : Menu.buildFromTemplate(menu));
    serveRenderer(path.join(projectDir, 'dist', 'renderer'));
    registerInvokeHandler(destination, () => window);
    window = createSecureWindow(path.join(buildDir, 'preload.cjs'), { packaged: electronApp.isPackaged });
    void window.loadURL(`${APP_ORIGIN}/index.html`);
    window.on('closed', () => {
      window = null;
    });
  });

  electronApp.on('window-all-closed', () => {
    application.close();
    globalShortcut.unregisterAll();
    electronApp.quit();
  });

  electronApp.on('before-quit', () => {
    hub?.stop();
    application.close();
  });
}
