// Which file a long-work thread runs (decision 0026). The thread runs a bundle in every setting, made with the same
// esbuild options as the Electron app's:
// - the Electron app (and the test of the bundled core): built ahead by electron/build.ts, beside the bundle that
//   starts it;
// - from the sources (`npm start` under tsx, vitest): bundled here on first use and kept in build/long-work/ under a
//   name that is the hash of its contents, so every process running the same sources shares one file.
// Loading worker.ts through tsx's loader in the thread works too, but took 10–15 s on a busy two-core machine before
// the first job could start (every module resolved through the loader's hooks); bundling takes about a second.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled worker's file name beside the bundle that starts it (electron/buildOptions.ts names it the same). */
export const BUNDLED_WORKER_FILE = 'longWorkWorker.cjs';

/** Bundles of older sources are removed once they are this old (another process may still be starting one). */
const STALE_MS = 60 * 60 * 1000;

let fromSources: Promise<string> | null = null;

/** The worker's file for code at `here` (this module's import.meta.url, in the sources or in a bundle). */
export async function longWorkWorkerFile(here: string, again = true): Promise<string> {
  if (!here.endsWith('.ts')) return fileURLToPath(new URL(`./${BUNDLED_WORKER_FILE}`, here));
  fromSources ??= bundleFromSources(fileURLToPath(new URL('../../../', here)));
  let file: string;
  try {
    file = await fromSources;
  } catch (error) {
    // A failed build (a syntax error being fixed) is tried again at the next job.
    fromSources = null;
    throw error;
  }
  try {
    // In use, so never old enough for another process to remove it.
    const now = new Date();
    fs.utimesSync(file, now, now);
    return file;
  } catch (error) {
    // Removed meanwhile: bundled afresh, once.
    fromSources = null;
    if (!again) throw error;
    return longWorkWorkerFile(here, false);
  }
}

async function bundleFromSources(projectDir: string): Promise<string> {
  // Only ever loaded from the sources: esbuild is a development tool, and the app's own bundle never reaches here.
  const [{ build }, { longWorkWorkerEntry, mainProcessBuildOptions }] = await Promise.all([import('esbuild'), import('../../buildOptions')]);
  const result = await build({
    ...mainProcessBuildOptions,
    absWorkingDir: projectDir,
    entryPoints: [longWorkWorkerEntry.entryPoint],
    outfile: BUNDLED_WORKER_FILE,
    sourcemap: false,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  // Inside the project, as build/electron is, so the bundle finds node_modules/ and resources/ the same way.
  const dir = path.join(projectDir, 'build', 'long-work');
  const name = `longWorkWorker-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`;
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(file)) {
    // Written whole under another name first: another process may be starting the same file this moment.
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, file);
  }
  for (const other of fs.readdirSync(dir)) {
    const otherFile = path.join(dir, other);
    if (other !== name && Date.now() - fs.statSync(otherFile).mtimeMs > STALE_MS) fs.rmSync(otherFile, { force: true });
  }
  return file;
}
