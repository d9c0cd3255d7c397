// The core as the Electron main process runs it: bundled by esbuild with the same options as `npm start` and
// `npm run dist` use (electron/buildOptions.ts), then loaded in Node. Electron itself cannot run here (its binary
// cannot be downloaded); this catches what bundling breaks — files found beside the source, packages' own data files,
// the background checkpoint worker, the long-work thread's bundle — before a school's Electron app does.
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { longWorkWorkerEntry, mainProcessBuildOptions } from '../../../electron/buildOptions';
import type * as Core from '../../../electron/core';
import { newKdfParams, readKeyring, unwrapWithPassword } from '../../../electron/core/crypto';
import { DATABASE_FILE } from '../../../electron/core/store';
import { codeAt } from '../../../electron/core/secondFactor';
import { DSL_PASSWORD, cheapKdf, queryFileAlone, tempDataDir } from './core/testSchool';
import { flatten, missingPoppler, pdfPages } from './core/pdf/pdfReadBack';
import { personAt } from '../../fixtures/doors/callers';

// Inside the project's build folder, as build/electron is, so the bundle finds resources/ and node_modules/ the same way.
const bundleDir = path.resolve('build', `bundled-core-test-${process.pid}`);
let core: typeof Core;

beforeAll(async () => {
  fs.rmSync(bundleDir, { recursive: true, force: true });
  await build({ ...mainProcessBuildOptions, entryPoints: ['electron/core/index.ts'], outfile: path.join(bundleDir, 'core.cjs'), logLevel: 'error' });
  // The long-work thread's own bundle, beside the core's as electron/build.ts puts it beside main.cjs.
  await build({ ...mainProcessBuildOptions, entryPoints: [longWorkWorkerEntry.entryPoint], outfile: path.join(bundleDir, longWorkWorkerEntry.fileName), logLevel: 'error' });
  core = createRequire(import.meta.url)(path.join(bundleDir, 'core.cjs')) as typeof Core;
  return () => fs.rmSync(bundleDir, { recursive: true, force: true });
}, 60_000);

async function call(app: Core.SafeguardingApp, name: string, input: unknown): Promise<Record<string, unknown>> {
  const result = await core.dispatch(app, name, input, personAt(app));
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value as Record<string, unknown>;
}

describe('the core bundled for the Electron main process', () => {
  it('sets up a school, shows the shipped council packs, saves a concern, folds it into the file, exports a PDF and builds the culture report on its long-work thread', async () => {
    const dataDir = tempDataDir();
    const logged: string[] = [];
    const app = new core.SafeguardingApp({ dataDir, kdfCost: cheapKdf, log: { error: (context, error) => (logged.push(`${context}: ${String(error)}`), 'ref') } });
    try {
      await call(app, 'setup.create', { school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' }, dsl: { username: 'dsl.jones', displayName: 'Priya Jones', password: DSL_PASSWORD } });
      // The first DSL enrols an authenticator (decision 0021): the bundled otpauth must agree with the RFC's codes.
      const { secret } = (await call(app, 'secondFactor.startEnrolment', {})) as { secret: string };
      await call(app, 'secondFactor.confirmEnrolment', { code: codeAt(secret.replace(/\s/g, ''), app.clock()) });

      const { packs } = (await call(app, 'packs.list', {})) as { packs: Array<{ id: string }> };
      const shippedFiles = fs.readdirSync(path.resolve('resources', 'packs')).filter((name) => name.endsWith('.json'));
      expect(packs.length).toBe(shippedFiles.length);
      expect(packs.length).toBeGreaterThanOrEqual(5);

      const pupil = await call(app, 'pupils.create', { legalFirstName: 'Amelia', legalLastName: 'Hughes', preferredName: 'Amy', dateOfBirth: '2016-03-04', yearGroup: '5' });
      await call(app, 'concerns.submit', { pupils: [{ pupilId: pupil.id, part: 'subject' }], occurredDate: '2026-11-20', occurredTime: '10:15', whatHappened: 'Arrived hungry and said there was no tea last night.', childWords: 'Mum was asleep.' });
      const { dataKey } = (await unwrapWithPassword(readKeyring(dataDir)!, 'dsl.jones', DSL_PASSWORD, newKdfParams(cheapKdf)))!;
      await expect.poll(() => queryFileAlone(path.join(dataDir, DATABASE_FILE), dataKey, 'SELECT count(*) FROM concerns'), { timeout: 10_000 }).toBe(1);

      const exported = (await call(app, 'exports.chronology', { pupilId: pupil.id, format: 'pdf', protect: false, recipient: 'Strategy meeting', purpose: 'Strategy discussion', consent: { position: 'given' } })) as { dataBase64: string };
      const pdf = Buffer.from(exported.dataBase64, 'base64');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      if (missingPoppler.length === 0) expect(flatten(pdfPages(pdf).join(' '))).toContain('Arrived hungry and said there was no tea last night.');

      // The culture report and the governors' PDF are made on the long-work thread, from its own bundle (decision 0026).
      const today = app.clock().toISOString().slice(0, 10);
      const thisYear = { kind: 'custom', from: `${today.slice(0, 4)}-01-01`, to: today };
      const view = (await call(app, 'reports.dashboard', { period: thisYear, audience: 'head' })) as { concernsLogged: { total: { current: { value: number } } } };
      expect(view.concernsLogged.total.current.value).toBe(1);
      const governors = (await call(app, 'reports.exportGovernorsPdf', { period: thisYear })) as { dataBase64: string; pageCount: number };
      expect(Buffer.from(governors.dataBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(governors.pageCount).toBeGreaterThan(0);
      expect(app.longWork?.threadCount).toBe(1);
      expect(logged).toEqual([]);
    } finally {
      app.close();
    }
  });
});
