// The preload exposes exactly one function to the page. Everything else stays behind the IPC handler's checks.
import { contextBridge, ipcRenderer } from 'electron';

const INVOKE_CHANNEL = 'safeguarding:invoke';

contextBridge.exposeInMainWorld('safeguarding', {
  invoke: (command: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, { command, input }),
});
