// `npm start`: build what is out of date, then open the Electron window where Electron's binary is available,
// otherwise say so in one line and start browser mode on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBrowserHost } from './host/main';
import { runHub } from './host/hubMain';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildRendererIfStale(): void {
  const built = path.join(projectDir, 'dist', 'renderer', 'index.html');
  const sourcesChanged = Math.max(newestChange(path.join(projectDir, 'renderer')), newestChange(path.join(projectDir, 'shared')));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sourcesChanged) return;
  console.log('Building the app’s pages…');
  const result = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: projectDir, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error('Building the pages failed (see above). Fix the error and run `npm start` again.');
    process.exit(1);
  }
}

/**
 * The Electron binary's path, downloading it once (quietly) if this machine can reach Electron's release server.
 * The electron package's own loader would try the download itself and print its errors, so its files are read here.
 */
function electronBinary(): { path: string } | { reason: string } {
  const packageDir = path.join(projectDir, 'node_modules', 'electron');
  const installed = () => {
    const pathFile = path.join(packageDir, 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const binary = path.join(packageDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(binary) ? binary : null;
  };
  if (!fs.existsSync(packageDir)) return { reason: 'the electron package is not installed' };
  const existing = installed();
  if (existing) return { path: existing };
  const download = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], { cwd: projectDir, stdio: 'ignore', timeout: 120_000 });
  const downloaded = download.status === 0 ? installed() : null;
  return downloaded ? { path: downloaded } : { reason: 'its download from Electron’s release server is blocked or failed' };
}

buildRendererIfStale();
if (args.includes('--hub')) {
  // The hub serves the whole school from this computer: plain Node, no window needed (it may run as a service).
  await runHub(args.filter((arg) => arg !== '--hub'));
} else {
  const electron = electronBinary();
  if ('path' in electron) {
    const bundle = spawnSync('npx', ['tsx', 'electron/build.ts'], { cwd: projectDir, stdio: 'inherit', shell: process.platform === 'win32' });
    if (bundle.status !== 0) process.exit(bundle.status ?? 1);
    const child = spawn(electron.path, [projectDir, ...args], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    console.log(`Electron's binary is not available on this machine (${electron.reason}); starting browser mode instead.`);
    await runBrowserHost(args);
  }
}
