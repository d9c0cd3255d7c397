// `npm start -- --hub [--listen HOST:PORT] [--name NAME]…`: this computer holds the school's records and every other
// computer reaches it over HTTPS. The hub's own certificate authority and server certificate are made at first start
// (or the school's own certificate is used, once imported with `npm run admin -- hub-certificate import`), renewed
// before they run out, and the enrolment code is printed for the IT lead to read off when enrolling a computer.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../core';
import { renewIfDue, setUpHubCertificates, tlsServerOptions, type HubCertificates, type HubNames } from '../core/network';
import { startHub, type Hub, type HubOptions } from './server';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_HUB_PORT = 8443;
/** How often the hub checks whether its server certificate is due for renewal. */
const RENEWAL_CHECK_MS = 24 * 60 * 60_000;

export class HubArgumentError extends Error {}

export interface HubArguments {
  listen: { host: string; port: number };
  names: HubNames;
  dataDir: string;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** `--listen 0.0.0.0:8443`, `--name safeguarding.oakfield.internal --name 10.0.0.5`; the defaults suit one school PC. */
export function parseHubArguments(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): HubArguments {
  let listen = { host: '0.0.0.0', port: DEFAULT_HUB_PORT };
  const named: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const [option, inline] = argv[index]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++index];
    if (option === '--listen') {
      const given = value() ?? '';
      const match = /^(.*):(\d{1,5})$/.exec(given);
      const port = match ? Number(match[2]) : NaN;
      if (!match || !match[1] || port < 0 || port > 65535) throw new HubArgumentError(`--listen takes HOST:PORT, for example 0.0.0.0:${DEFAULT_HUB_PORT} (got "${given}").`);
      listen = { host: match[1].replace(/^\[|\]$/g, ''), port };
    } else if (option === '--name') {
      const name = value();
      if (!name) throw new HubArgumentError('--name takes the name or address computers use to reach the hub, for example safeguarding.oakfield.internal');
      named.push(name.toLowerCase());
    }
  }
  const names = named.length > 0 ? named : defaultNames();
  return {
    listen,
    names: { dnsNames: names.filter((name) => !IPV4.test(name) && !name.includes(':')), ipAddresses: names.filter((name) => IPV4.test(name) || name.includes(':')) },
    dataDir: resolveDataDir(argv, env),
  };
}

/** This computer's name and its network addresses: what other computers in a small school will most likely type. */
function defaultNames(): string[] {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((entry): entry is os.NetworkInterfaceInfo => Boolean(entry) && entry!.family === 'IPv4' && !entry!.internal)
    .map((entry) => entry.address);
  return [os.hostname().toLowerCase(), 'localhost', ...addresses, '127.0.0.1'];
}

export interface RunningHub {
  hub: Hub;
  certificates: HubCertificates;
  stop(): Promise<void>;
}

/** Starts the hub on `args`: certificates first (made or renewed), then the door; a daily check renews in place. */
export async function startHubFromArguments(
  args: HubArguments,
  staticDir = path.join(projectDir, 'dist', 'renderer'),
  /** For tests: cheaper key derivation, a tighter door limit. */
  testing: Pick<HubOptions, 'kdfCost' | 'signInTriesPerClient' | 'signInWindowSeconds'> = {},
): Promise<RunningHub> {
  let certificates = await setUpHubCertificates(args.dataDir, args.names);
  const names = [...args.names.dnsNames, ...args.names.ipAddresses];
  const hub = await startHub({ dataDir: args.dataDir, staticDir, listen: args.listen, names, tls: tlsServerOptions(certificates), rootPem: () => certificates.rootPem, ...testing });
  const renewal = setInterval(() => {
    renewIfDue(args.dataDir, args.names)
      .then((result) => {
        if (result.renewed) {
          certificates = result.certificates;
          hub.setCertificate(tlsServerOptions(certificates));
        }
        if (result.reason) hub.app.log.error('hub certificate', new Error(result.reason));
      })
      .catch((error: unknown) => hub.app.log.error('hub certificate renewal', error));
  }, RENEWAL_CHECK_MS);
  renewal.unref();
  return {
    hub,
    get certificates() {
      return certificates;
    },
    stop: async () => {
      clearInterval(renewal);
      await hub.close();
    },
  };
}

export async function runHub(argv: readonly string[]): Promise<void> {
  let args: HubArguments;
  try {
    args = parseHubArguments(argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const running = await startHubFromArguments(args);
  const { fingerprint } = running.certificates;
  const names = [...args.names.dnsNames, ...args.names.ipAddresses];
  console.log('Safeguarding Records is running as the school’s hub: this computer holds the records.');
  console.log(`Data folder: ${args.dataDir}`);
  console.log(`Listening on ${args.listen.host}:${args.listen.port} (open this port in the firewall for the school network only).`);
  console.log('Staff open this address in a browser, or connect the installed app to it:');
  for (const name of names.filter((name) => name !== 'localhost' && name !== '127.0.0.1')) console.log(`  https://${name.includes(':') ? `[${name}]` : name}:${running.hub.port}`);
  console.log(`Enrolment code for connecting a computer: ${fingerprint.enrolmentCode}`);
  console.log(`Root certificate fingerprint (SHA-256 of its public key): ${fingerprint.grouped}`);
  console.log(`Browsers trust the hub once IT deploys its root certificate: ${running.hub.origin}/hub-root.pem (see docs/admin-guide.md).`);
  const started = running.hub.startedWith;
  if (started.opened) {
    console.log(`The records are open: unlock at start opened them from this computer’s protected storage (${started.arrived} waiting concern(s) stored, ${started.immediateDanger} saying immediate danger).`);
  } else if (started.reason) {
    console.log(`The records are locked until a DSL signs in: unlock at start could not open them — ${started.reason}. It is now off; a DSL can turn it on again in Settings.`);
  }
  console.log('Press Ctrl+C to stop. Stopping locks the records; staff pages keep what they typed until the hub is back.');
  const stop = () => {
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runHub(process.argv.slice(2));
}
