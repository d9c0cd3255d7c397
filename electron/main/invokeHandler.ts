// The single IPC handler. It checks who is asking — the app's own top-level frame — before parsing anything.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { dispatch, type Caller, type SafeguardingApp } from '../core';
import type { RemoteInvoke } from '../core/network';
import { APP_ORIGIN } from './appProtocol';

export const INVOKE_CHANNEL = 'safeguarding:invoke';

function fromOurTopFrame(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  const frame = event.senderFrame;
  return Boolean(frame) && event.sender === window.webContents && frame === window.webContents.mainFrame && new URL(frame!.url).origin === APP_ORIGIN;
}

/**
 * Where the window's commands go: this computer's own store, or — in connect mode — the school's hub through the
 * pinned client (whose session cookie, like the local session id, stays in this process).
 */
export type Destination = { kind: 'local'; app: SafeguardingApp } | { kind: 'hub'; invoke: RemoteInvoke };

export function registerInvokeHandler(destination: Destination, getWindow: () => BrowserWindow | null): void {
  // The window is one person at this computer: its session id lives here, in the main process, never in the page.
  const caller: Caller = { door: 'ipc', sessionId: null, address: null, computer: 'this computer (the app)' };
  ipcMain.handle(INVOKE_CHANNEL, async (event, envelope: unknown) => {
    const window = getWindow();
    if (!window || !fromOurTopFrame(event, window)) {
      return { ok: false, error: { code: 'forbidden', message: 'This request did not come from the app’s own window.' } };
    }
    if (typeof envelope !== 'object' || envelope === null) {
      return { ok: false, error: { code: 'invalid_input', message: 'The request was not a command.' } };
    }
    const { command, input } = envelope as { command?: unknown; input?: unknown };
    return destination.kind === 'hub' ? destination.invoke(command, input) : dispatch(destination.app, command, input, caller);
  });
}
