// `hub-certificate`: the hub's TLS certificates from the command line — make (or renew) the hub's own, bring in one
// the school provides, and show the fingerprint and enrolment code people compare when they connect a computer.
// Needs no password: it reads and writes only <data folder>/hub-tls, whose keys the file system already guards.
import fs from 'node:fs';
import path from 'node:path';
import type { HubCertificates, HubNames } from '../../core/network';
import { formatDate } from '../../../shared/calendar';
import { CliError, requiredValue, type ParsedArguments } from '../arguments';
import type { Output } from '../output';
import type { CliCommand } from './command';

export const hubCertificateCommand: CliCommand = {
  name: 'hub-certificate',
  usage:
    'hub-certificate show | create --names N1,N2 --addresses IP1,IP2 | import --cert FILE --key FILE [--chain FILE] --names … --addresses … [--data-dir DIR] [--json]',
  summary:
    'The hub’s TLS certificate. `create` makes the hub’s own certificate authority (once) and a server certificate for the names and addresses clients use, renewing it when due; `import` uses a PEM certificate and key the school provides instead; `show` prints the fingerprint and enrolment code to compare when a computer connects, and the root certificate file for IT to deploy.',
  options: { values: ['names', 'addresses', 'cert', 'key', 'chain'], positionals: 1 },
  async run(args, { dataDir, out }) {
    // Loaded here, not at the top: the certificate library is large, and every other command would pay for it.
    const { CertificateRefusedError, hubTlsFolder, importSchoolCertificate, loadHubCertificates, setUpHubCertificates } = await import('../../core/network');
    const action = args.positionals[0] ?? 'show';
    if (action === 'show') {
      const current = loadHubCertificates(dataDir);
      if (!current) throw new CliError(`There is no hub certificate in ${hubTlsFolder(dataDir)} yet. Make one with \`hub-certificate create --names … --addresses …\`.`);
      report(current, hubTlsFolder(dataDir), out);
      return 0;
    }
    if (action === 'create') {
      const names = namesFrom(args);
      const before = loadHubCertificates(dataDir);
      if (before?.source === 'school') {
        throw new CliError('The hub is using a certificate the school provided. Import a new one with `hub-certificate import`; the hub does not replace the school’s certificate with its own.');
      }
      const certificates = await withNamesChecked(() => setUpHubCertificates(dataDir, names));
      out.line(before ? (before.certificateChainPem === certificates.certificateChainPem ? 'The server certificate is up to date.' : 'The server certificate was renewed; enrolled computers keep working.') : 'Made the hub’s certificate authority and its server certificate.');
      report(certificates, hubTlsFolder(dataDir), out);
      return 0;
    }
    if (action === 'import') {
      const certFile = requiredValue(args, 'cert', 'hub.crt');
      const keyFile = requiredValue(args, 'key', 'hub.key');
      const chainFile = args.values.get('chain');
      try {
        const certificates = await withNamesChecked(() => importSchoolCertificate(dataDir, {
          certPem: readFile(certFile),
          keyPem: readFile(keyFile),
          ...(chainFile ? { chainPem: readFile(chainFile) } : {}),
          names: namesFrom(args),
          files: { certificate: certFile, key: keyFile, ...(chainFile ? { chain: chainFile } : {}) },
        }));
        out.line('The school’s certificate is in place. Computers enrolled with the hub’s own certificate must enrol again with the code below.');
        report(certificates, hubTlsFolder(dataDir), out);
        return 0;
      } catch (error) {
        if (error instanceof CertificateRefusedError) throw new CliError(`Not imported; nothing changed. ${error.message}`);
        throw error;
      }
    }
    throw new CliError(`Unknown action "${action}": use show, create or import.`, 2);
  },
};

function namesFrom(args: ParsedArguments): HubNames {
  const list = (name: string) => (args.values.get(name) ?? '').split(',').map((each) => each.trim()).filter(Boolean);
  const names = { dnsNames: list('names'), ipAddresses: list('addresses') };
  if (names.dnsNames.length + names.ipAddresses.length === 0) requiredValue(args, 'names', 'records-hub,records-hub.school.internal');
  return names;
}

/** A name a certificate cannot hold is a mistake on the command line (exit code 2), not a failure. */
async function withNamesChecked<T>(work: () => Promise<T> | T): Promise<T> {
  const { HubNameError, HubTlsFolderError } = await import('../../core/network');
  try {
    return await work();
  } catch (error) {
    if (error instanceof HubNameError) throw new CliError(`${error.message} (--names takes computer names, --addresses IP addresses, each separated by commas.)`, 2);
    if (error instanceof HubTlsFolderError) throw new CliError(error.message);
    throw error;
  }
}

function readFile(file: string): string {
  try {
    return fs.readFileSync(path.resolve(file), 'utf8');
  } catch {
    throw new CliError(`Cannot read ${file}.`);
  }
}

function report(certificates: HubCertificates, folder: string, out: Output): void {
  const names = [...certificates.names.dnsNames, ...certificates.names.ipAddresses];
  out.line(`Certificate from: ${certificates.source === 'school' ? 'the school' : 'the hub’s own certificate authority'}`);
  out.line(`Names: ${names.join(', ')}`);
  out.line(`Server certificate valid until: ${formatDate(certificates.notAfter)}`);
  out.line(`Enrolment code: ${certificates.fingerprint.enrolmentCode}`);
  out.line(`Fingerprint (SHA-256 of the root's public key): ${certificates.fingerprint.grouped}`);
  out.line(`Root certificate for IT to deploy: ${path.join(folder, 'root.pem')}`);
  out.result({
    ok: true,
    source: certificates.source,
    names: certificates.names,
    notAfter: certificates.notAfter.toISOString(),
    enrolmentCode: certificates.fingerprint.enrolmentCode,
    fingerprint: certificates.fingerprint.grouped,
    rootCertificateFile: path.join(folder, 'root.pem'),
  });
}
