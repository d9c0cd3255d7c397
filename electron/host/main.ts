// Browser mode from the command line: `tsx electron/host/main.ts [--data-dir DIR] [--port N] [--connect]`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../core';
import { connectArgument } from '../core/network';
import { startBrowserHost } from './server';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function runBrowserHost(argv: readonly string[]): Promise<void> {
  const portIndex = argv.indexOf('--port');
  const port = portIndex >= 0 ? Number(argv[portIndex + 1]) : 0;
  const dataDir = resolveDataDir(argv);
  const { connect, hubUrl } = connectArgument(argv);
  const host = await startBrowserHost({ dataDir, staticDir: path.join(projectDir, 'dist', 'renderer'), port, connect: connect && { ...(hubUrl ? { hubUrl } : {}) } });
  const hub = host.connectedHub?.();
  if (!connect) console.log(`Safeguarding Records is running in browser mode, on this computer only.`);
  else if (hub) console.log(`Safeguarding Records is running in browser mode, connected to the school’s hub at ${hub}.`);
  else console.log('Safeguarding Records is running in browser mode. This computer is not connected to the school’s hub yet: the page will connect it.');
  console.log(`Data folder: ${dataDir}`);
  console.log(`Open this address in your browser (it includes this session's key; do not share it):`);
  console.log(`  ${host.url}`);
  console.log('Press Ctrl+C to stop. Stopping locks the records.');
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runBrowserHost(process.argv.slice(2));
}
