// Bundles the Electron main process and the preload (see buildOptions.ts for how and why).
import { build } from 'esbuild';
import { mainProcessBuildOptions, preloadBuildOptions } from './buildOptions';

await build({ ...mainProcessBuildOptions, entryPoints: ['electron/main/index.ts'], outfile: 'build/electron/main.cjs' });
await build({ ...preloadBuildOptions, entryPoints: ['electron/preload/index.ts'], outfile: 'build/electron/preload.cjs' });
console.log('Built build/electron/main.cjs and build/electron/preload.cjs');
