// `npm run check:electron` runs Electronegativity with withoutNetwork.mjs loaded, so an offline machine does not wait
// 30–50 s on its look-ups. Tried with the HTTP client the tool itself uses (got), as the tool would call it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const preload = path.resolve('tests/security/withoutNetwork.mjs');
const electronegativityDir = path.resolve('node_modules/@doyensec/electronegativity');

describe('Electronegativity without the network', () => {
  it('refuses its look-ups at once, without retrying and without a DNS query', () => {
    const script = `
      const got = require(require.resolve('got', { paths: [${JSON.stringify(electronegativityDir)}] }));
      const started = Date.now();
      got('https://electronegativity-i18n.s3.us-west-2.amazonaws.com/en-US.json', { timeout: { request: 1000 } })
        .catch((error) => console.log(JSON.stringify({ code: error.code, retries: error.request?.retryCount ?? 0, ms: Date.now() - started })));`;
    const run = spawnSync(process.execPath, ['--import', preload, '-e', script], { encoding: 'utf8' });
    const outcome = JSON.parse(run.stdout) as { code: string; retries: number; ms: number };
    // Refused by the preload (not ENOTFOUND from DNS, not a timeout), and not retried: got retries network codes only.
    expect(outcome).toMatchObject({ code: 'ERR_OFFLINE_CHECK', retries: 0 });
    expect(outcome.ms).toBeLessThan(1000);
  });
});
