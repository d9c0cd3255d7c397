// Bundles the Electron main process and the preload into single CommonJS files (a sandboxed preload cannot
// load modules), leaving Electron and the native database driver as runtime requires.
import { build, type BuildOptions } from 'esbuild';

const shared: BuildOptions = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, external: ['electron', 'better-sqlite3-multiple-ciphers'] };

await build({ ...shared, entryPoints: ['electron/main/index.ts'], outfile: 'build/electron/main.cjs' });
await build({ ...shared, entryPoints: ['electron/preload/index.ts'], outfile: 'build/electron/preload.cjs' });
console.log('Built build/electron/main.cjs and build/electron/preload.cjs');
