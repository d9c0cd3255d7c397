// How the Electron main process and preload are bundled, shared by electron/build.ts and the test that runs the
// bundled core in Node (tests/unit/electron/bundledCore.test.ts).
import type { BuildOptions } from 'esbuild';

/** The preload: one CommonJS file with nothing but Electron to require, as a sandboxed preload must be. */
export const preloadBuildOptions: BuildOptions = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, external: ['electron'] };

/**
 * The main process: npm packages stay runtime requires from node_modules (electron-builder ships the dependencies);
 * bundled, their ES builds would look for their own data files beside our bundle. `import.meta.url` in our code
 * means the bundle's own file, as it means the source file when run from the sources.
 */
export const mainProcessBuildOptions: BuildOptions = {
  ...preloadBuildOptions,
  external: undefined,
  packages: 'external',
  banner: { js: 'const __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__bundleFileUrl' },
};

/**
 * The long-work thread (decision 0026): a bundle of its own, built with the main process's options, in the same folder
 * as the bundle that starts it (electron/core/longWork/pool.ts looks for it there by this name).
 */
export const longWorkWorkerEntry = { entryPoint: 'electron/core/longWork/worker.ts', fileName: 'longWorkWorker.cjs' } as const;
