// The hub's TLS files in <data folder>/hub-tls/ and what they say: shared by the hub's own authority
// (certificates.ts) and a school's certificate (schoolCertificate.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fingerprintOfCertificate, type HubFingerprint } from './fingerprint';

export const HUB_TLS_FOLDER = 'hub-tls';

/** The names and addresses clients use to reach the hub; every one goes into the server certificate. */
export interface HubNames {
  dnsNames: readonly string[];
  ipAddresses: readonly string[];
}

export interface HubCertificates {
  /** The server certificate followed by any intermediates (never the root: a client that trusts it already has it). */
  certificateChainPem: string;
  privateKeyPem: string;
  /** The certificate clients pin and IT deploys: the hub's own authority, or the school certificate's root. */
  rootPem: string;
  source: 'hub-authority' | 'school';
  fingerprint: HubFingerprint;
  notAfter: Date;
  names: HubNames;
}

export interface CertificateClock {
  now?: Date;
}

export const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
export const PRIVATE_KEY_MODE = 0o600;
export const PUBLIC_FILE_MODE = 0o644;

/** The file names in hub-tls/: `root.pem` is what clients pin and IT deploys; the keys are 0600. */
export const hubTlsFiles = {
  authority: 'ca.pem',
  authorityKey: 'ca-key.pem',
  server: 'server.pem',
  serverKey: 'server-key.pem',
  root: 'root.pem',
};

export function hubTlsFolder(dataDir: string): string {
  return path.join(dataDir, HUB_TLS_FOLDER);
}

/** Makes the folder readable by the hub's own account only. */
export function makeHubTlsFolder(dataDir: string): string {
  const folder = hubTlsFolder(dataDir);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
}

/** What the hub serves and what its admin sees; undefined before setup. Throws if a file is missing or damaged. */
export function loadHubCertificates(dataDir: string): HubCertificates | undefined {
  const folder = hubTlsFolder(dataDir);
  const rootFile = path.join(folder, hubTlsFiles.root);
  if (!fs.existsSync(rootFile)) return undefined;
  const rootPem = fs.readFileSync(rootFile, 'utf8');
  const serverFile = path.join(folder, hubTlsFiles.server);
  if (!fs.existsSync(serverFile)) {
    // Set up as far as the authority (a first start cut short): renewIfDue issues the server certificate.
    return undefined;
  }
  const certificateChainPem = fs.readFileSync(serverFile, 'utf8');
  const privateKeyPem = fs.readFileSync(path.join(folder, hubTlsFiles.serverKey), 'utf8');
  const server = new crypto.X509Certificate(certificateChainPem);
  const authorityFile = path.join(folder, hubTlsFiles.authority);
  const ownRoot = fs.existsSync(authorityFile) && fs.readFileSync(authorityFile, 'utf8') === rootPem;
  return {
    certificateChainPem,
    privateKeyPem,
    rootPem,
    source: ownRoot ? 'hub-authority' : 'school',
    fingerprint: fingerprintOfCertificate(rootPem),
    notAfter: new Date(server.validTo),
    names: namesOf(server),
  };
}

/** A name or address that cannot go into a certificate, or none at all. */
export class HubNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubNameError';
  }
}

/** The hub-tls folder is not as the hub left it (a key lost); the message says what to do. */
export class HubTlsFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubTlsFolderError';
  }
}

export function checkNames(names: HubNames): HubNames {
  const dnsNames = [...new Set(names.dnsNames.map((name) => name.trim().toLowerCase()))];
  const ipAddresses = [...new Set(names.ipAddresses.map((address) => address.trim()))];
  if (dnsNames.length + ipAddresses.length === 0) throw new HubNameError('The hub needs at least one name or address for its certificate.');
  for (const name of dnsNames) {
    if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(name)) {
      throw new HubNameError(`"${name}" is not a computer name the hub's certificate can hold (letters, digits, hyphens and dots only).`);
    }
  }
  for (const address of ipAddresses) {
    if (net.isIP(address) === 0) throw new HubNameError(`"${address}" is not an IP address.`);
  }
  return { dnsNames, ipAddresses };
}

export function missingNames(certificate: crypto.X509Certificate, names: HubNames): string[] {
  return [
    ...names.dnsNames.filter((name) => certificate.checkHost(name, { subject: 'never' }) === undefined),
    ...names.ipAddresses.filter((address) => certificate.checkIP(address) === undefined),
  ];
}

function namesOf(certificate: crypto.X509Certificate): HubNames {
  const entries = (certificate.subjectAltName ?? '').split(', ').filter(Boolean);
  return {
    dnsNames: entries.filter((entry) => entry.startsWith('DNS:')).map((entry) => entry.slice(4)),
    ipAddresses: entries.filter((entry) => entry.startsWith('IP Address:')).map((entry) => normaliseIp(entry.slice(11))),
  };
}

// node:crypto writes IPv6 addresses in full (0:0:0:0:0:0:0:1); compare them as people write them.
function normaliseIp(address: string): string {
  if (!address.includes(':')) return address;
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

// PEM blocks end with a line break, so files and bundles made by joining them stay readable to OpenSSL.
export function endLine(pem: string): string {
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}
