// The certificates as the Electron main process will run them: bundled by esbuild with the app's own options. The
// certificate library refuses to load unless our Reflect shim ran first; a bundle that reordered the two would only
// fail on a school's computer.
import { build } from 'esbuild';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { mainProcessBuildOptions } from '../../../../../electron/buildOptions';
import type * as Network from '../../../../../electron/core/network';
import { HUB_NAMES, tempDir } from './tlsTestKit';

const bundleDir = path.resolve('build', `bundled-network-test-${process.pid}`);
afterAll(() => fs.rmSync(bundleDir, { recursive: true, force: true }));

it('makes the hub’s certificates from the bundled code', async () => {
  const outfile = path.join(bundleDir, 'network.cjs');
  await build({ ...mainProcessBuildOptions, entryPoints: ['electron/core/network/index.ts'], outfile, logLevel: 'error' });
  const network = createRequire(import.meta.url)(outfile) as typeof Network;

  const hub = await network.setUpHubCertificates(tempDir(), HUB_NAMES);
  const server = new crypto.X509Certificate(hub.certificateChainPem);
  expect(server.verify(new crypto.X509Certificate(hub.rootPem).publicKey)).toBe(true);
  expect(hub.fingerprint.enrolmentCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
}, 60_000);
