// Where a school's store lives. Every door takes `--data-dir DIR` or SAFEGUARDING_DATA_DIR, so several schools'
// stores, and every test, can live side by side; otherwise the operating system's per-user app-data folder.
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'Safeguarding Records';

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), APP_FOLDER_NAME);
}

/** `--data-dir DIR` or `--data-dir=DIR` wins over the environment, which wins over the default. */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--data-dir' && argv[index + 1]) return path.resolve(argv[index + 1]!);
    if (arg.startsWith('--data-dir=')) return path.resolve(arg.slice('--data-dir='.length));
  }
  if (env.SAFEGUARDING_DATA_DIR) return path.resolve(env.SAFEGUARDING_DATA_DIR);
  return defaultDataDir();
}
