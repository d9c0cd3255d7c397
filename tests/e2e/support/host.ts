// Each test gets the real browser host over a fresh, empty data folder, and throws it away afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../../electron/host';

const staticDir = path.resolve('dist/renderer');

/** Key derivation cheap enough for tests (the real cost is ~0.5 s per password); never used outside tests. */
const testKdfCost = { memoryKiB: 1024, passes: 1 };

export interface TestSchoolHost {
  host: BrowserHost;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestHost(): Promise<TestSchoolHost> {
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error('The renderer is not built. Run `npx vite build --config renderer/vite.config.ts` (or `npm run build:renderer`) first.');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguarding-e2e-'));
  const host = await startBrowserHost({ dataDir, staticDir, kdfCost: testKdfCost });
  return {
    host,
    dataDir,
    close: async () => {
      await host.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
