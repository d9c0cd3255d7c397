// Each test gets the real browser host over a fresh, empty data folder, and throws it away afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../../electron/host';
import { keepPhonesInTimeWith } from './authenticator';

const staticDir = path.resolve('dist/renderer');

/** Key derivation cheap enough for tests (the real cost is ~0.5 s per password); never used outside tests. */
const testKdfCost = { memoryKiB: 1024, passes: 1 };

export interface TestSchoolHost {
  host: BrowserHost;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestHostOptions {
  /** A fake clock for the host (the page keeps the browser's own); absent: the real time. */
  clock?: () => Date;
}

export async function startTestHost(options: TestHostOptions = {}): Promise<TestSchoolHost> {
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error('The renderer is not built. Run `npx vite build --config renderer/vite.config.ts` (or `npm run build:renderer`) first.');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguarding-e2e-'));
  keepPhonesInTimeWith(options.clock);
  const host = await startBrowserHost({ dataDir, staticDir, kdfCost: testKdfCost, ...(options.clock ? { clock: options.clock, idleSweep: false } : {}) });
  return {
    host,
    dataDir,
    close: async () => {
      await host.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
