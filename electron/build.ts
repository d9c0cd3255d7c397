// Bundles the Electron main process, the preload and the long-work thread (see buildOptions.ts for how and why).
import { build } from 'esbuild';
import { longWorkWorkerEntry, mainProcessBuildOptions, preloadBuildOptions } from './buildOptions';

await build({ ...mainProcessBuildOptions, entryPoints: ['electron/main/index.ts'], outfile: 'build/electron/main.cjs' });
await build({ ...mainProcessBuildOptions, entryPoints: [longWorkWorkerEntry.entryPoint], outfile: `build/electron/${longWorkWorkerEntry.fileName}` });
await build({ ...preloadBuildOptions, entryPoints: ['electron/preload/index.ts'], outfile: 'build/electron/preload.cjs' });
console.log(`Built build/electron/main.cjs, build/electron/${longWorkWorkerEntry.fileName} and build/electron/preload.cjs`);
