// The hub's certificates: its own certificate authority (made once, kept for ten years) and a short-lived server
// certificate it signs, or a certificate the school provides. Clients pin the root's public key, so re-issuing the
// server certificate from the same authority never breaks an enrolled computer (decision 0019).
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { formatDate } from '../../../shared/calendar';
import { writeFileAtomically } from './atomicFile';
import { describeFingerprint, fingerprintOfCertificate, spkiSha256, type HubFingerprint } from './fingerprint';
import { subtle, x509 } from './x509';

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

const AUTHORITY_YEARS = 10;
/** The most any browser accepts for a server certificate, counted from notBefore. */
const SERVER_CERTIFICATE_DAYS = 397;
const RENEW_WITHIN_DAYS = 30;
// Backdated so a client whose clock runs a little behind the hub's still accepts a certificate issued a moment ago.
const CLOCK_SKEW_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const EC_SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const PRIVATE_KEY_MODE = 0o600;
const PUBLIC_FILE_MODE = 0o644;

const files = {
  authority: 'ca.pem',
  authorityKey: 'ca-key.pem',
  server: 'server.pem',
  serverKey: 'server-key.pem',
  root: 'root.pem',
};

export function hubTlsFolder(dataDir: string): string {
  return path.join(dataDir, HUB_TLS_FOLDER);
}

/**
 * At hub setup and at every start: makes the authority if there is none, then issues or renews the server
 * certificate for `names`. A school-provided certificate is left alone.
 */
export async function setUpHubCertificates(dataDir: string, names: HubNames, clock: CertificateClock = {}): Promise<HubCertificates> {
  const checked = checkNames(names);
  const folder = hubTlsFolder(dataDir);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(path.join(folder, files.authority))) {
    if (fs.existsSync(path.join(folder, files.root))) {
      // A school certificate with no authority of our own: nothing to create, and nothing of the school's to replace.
      return loadHubCertificates(dataDir)!;
    }
    await createAuthority(folder, clock.now ?? new Date());
  } else if (!fs.existsSync(path.join(folder, files.authorityKey))) {
    throw new HubTlsFolderError(`The hub's certificate authority in ${folder} has lost its key (${files.authorityKey}). Restore the folder from a backup, or move it aside to make a new authority and enrol every computer again.`);
  }
  return (await renewIfDue(dataDir, checked, clock)).certificates;
}

export interface Renewal {
  renewed: boolean;
  /** Why it was renewed, or, for a school certificate that is due, what the school must do. */
  reason?: string;
  certificates: HubCertificates;
}

/**
 * Re-issues the server certificate from the same authority when fewer than 30 days are left, when it is not yet
 * valid or lacks one of `names`, or when its key no longer matches (a renewal cut short). Enrolled clients pin the
 * authority, so they keep connecting. A school certificate is never replaced: the reason says when it runs out.
 */
export async function renewIfDue(dataDir: string, names: HubNames, clock: CertificateClock & { renewWithinDays?: number } = {}): Promise<Renewal> {
  const checked = checkNames(names);
  const now = clock.now ?? new Date();
  const folder = hubTlsFolder(dataDir);
  const renewBy = new Date(now.getTime() + (clock.renewWithinDays ?? RENEW_WITHIN_DAYS) * DAY_MS);
  const current = loadHubCertificates(dataDir);

  if (current?.source === 'school') {
    const due = current.notAfter < renewBy;
    return { renewed: false, certificates: current, ...(due ? { reason: `The school's certificate runs out on ${formatDate(current.notAfter)}: ask the school's IT for a new one and import it.` } : {}) };
  }
  const reason = current ? dueReason(current, checked, now, renewBy) : 'there was no server certificate';
  if (!reason) return { renewed: false, certificates: current! };
  await issueServerCertificate(folder, checked, now);
  return { renewed: true, reason, certificates: loadHubCertificates(dataDir)! };
}

function dueReason(current: HubCertificates, names: HubNames, now: Date, renewBy: Date): string | undefined {
  const server = new crypto.X509Certificate(current.certificateChainPem);
  if (!server.checkPrivateKey(crypto.createPrivateKey(current.privateKeyPem))) return 'its key did not match it';
  if (!server.verify(new crypto.X509Certificate(current.rootPem).publicKey)) return 'it was not issued by the hub\u2019s authority';
  if (current.notAfter < renewBy) return `it ran out on ${formatDate(current.notAfter)}`;
  if (new Date(server.validFrom) > now) return 'it was not yet valid';
  const missing = missingNames(server, names);
  if (missing.length > 0) return `it did not name ${missing.join(', ')}`;
  const extra = [...current.names.dnsNames, ...current.names.ipAddresses].filter((name) => ![...names.dnsNames, ...names.ipAddresses].includes(name));
  if (extra.length > 0) return `it still named ${extra.join(', ')}`;
  return undefined;
}

/** What the hub serves and what its admin sees; undefined before setup. Throws if a file is missing or damaged. */
export function loadHubCertificates(dataDir: string): HubCertificates | undefined {
  const folder = hubTlsFolder(dataDir);
  const rootFile = path.join(folder, files.root);
  if (!fs.existsSync(rootFile)) return undefined;
  const rootPem = fs.readFileSync(rootFile, 'utf8');
  const serverFile = path.join(folder, files.server);
  if (!fs.existsSync(serverFile)) {
    // Set up as far as the authority (a first start cut short): renewIfDue issues the server certificate.
    return undefined;
  }
  const certificateChainPem = fs.readFileSync(serverFile, 'utf8');
  const privateKeyPem = fs.readFileSync(path.join(folder, files.serverKey), 'utf8');
  const server = new crypto.X509Certificate(certificateChainPem);
  const authorityFile = path.join(folder, files.authority);
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

/** Options for node:https / node:tls `createServer`: the hub's certificate, and nothing older than TLS 1.2. */
export function tlsServerOptions(certificates: HubCertificates): { cert: string; key: string; minVersion: 'TLSv1.2' } {
  return { cert: certificates.certificateChainPem, key: certificates.privateKeyPem, minVersion: 'TLSv1.2' };
}

async function createAuthority(folder: string, now: Date): Promise<void> {
  const keys = (await subtle.generateKey(EC_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
  const code = describeFingerprint(spkiSha256(new Uint8Array(await subtle.exportKey('spki', keys.publicKey)))).enrolmentCode;
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + AUTHORITY_YEARS);
  const authority = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    // The date and the start of the enrolment code tell two authorities apart (in Windows' certificate store, and
    // to OpenSSL, which finds an issuer by name) if a hub is ever set up again.
    name: [{ CN: [`Safeguarding Records hub authority ${formatDate(now)} ${code.slice(0, 9)}`] }, { O: ['Safeguarding Records hub'] }],
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: EC_SIGNING,
    extensions: [
      // pathLength 0: it signs server certificates only, never another authority.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const authorityPem = endLine(authority.toString('pem'));
  writeFileAtomically(path.join(folder, files.authorityKey), await privateKeyToPem(keys.privateKey), PRIVATE_KEY_MODE);
  writeFileAtomically(path.join(folder, files.authority), authorityPem, PUBLIC_FILE_MODE);
  writeFileAtomically(path.join(folder, files.root), authorityPem, PUBLIC_FILE_MODE);
}

async function issueServerCertificate(folder: string, names: HubNames, now: Date): Promise<void> {
  const authorityPem = fs.readFileSync(path.join(folder, files.authority), 'utf8');
  const authority = new x509.X509Certificate(authorityPem);
  const authorityKeyDer = crypto.createPrivateKey(fs.readFileSync(path.join(folder, files.authorityKey), 'utf8')).export({ type: 'pkcs8', format: 'der' });
  const signingKey = await subtle.importKey('pkcs8', authorityKeyDer, EC_KEY, false, ['sign']);
  // A new key at every renewal: the pin is on the authority, so nothing depends on the server key staying the same.
  const keys = (await subtle.generateKey(EC_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  const notAfter = new Date(notBefore.getTime() + SERVER_CERTIFICATE_DAYS * DAY_MS);
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: [{ CN: [names.dnsNames[0] ?? names.ipAddresses[0]!] }, { O: ['Safeguarding Records hub'] }],
    issuer: authority.subjectName,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey,
    signingAlgorithm: EC_SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([SERVER_AUTH]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...names.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(authority),
    ],
  });
  // Key first: if the cut comes between the two, the old certificate no longer matches its key and the next start
  // re-issues (dueReason), rather than serving a certificate whose key is gone.
  writeFileAtomically(path.join(folder, files.serverKey), await privateKeyToPem(keys.privateKey), PRIVATE_KEY_MODE);
  writeFileAtomically(path.join(folder, files.server), endLine(server.toString('pem')), PUBLIC_FILE_MODE);
}

// ---------------------------------------------------------------------------------------------------------------
// A certificate the school provides

export type CertificateRefusal =
  | 'not_pem'
  | 'key_mismatch'
  | 'expired'
  | 'not_yet_valid'
  | 'no_server_auth'
  | 'names_missing'
  | 'weak_rsa_key'
  | 'chain_incomplete'
  | 'chain_broken';

/** A school certificate the hub will not use: `file` says which file, `reason` why, the message says both plainly. */
export class CertificateRefusedError extends Error {
  constructor(
    readonly file: string,
    readonly reason: CertificateRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'CertificateRefusedError';
  }
}

export interface SchoolCertificate extends CertificateClock {
  certPem: string;
  keyPem: string;
  /** Intermediates and the root, in any order; may be left out when the certificate is its own root. */
  chainPem?: string;
  names: HubNames;
  /** How to name each file in a refusal (the CLI passes the paths it read). */
  files?: { certificate?: string; key?: string; chain?: string };
}

/**
 * Checks a certificate and key the school provides and, if the hub can serve them to every client, puts them in
 * place of the hub's own server certificate. The root at the top of the chain is what clients then pin: computers
 * enrolled with the hub's own authority must enrol again. Throws CertificateRefusedError, changing nothing.
 */
export function importSchoolCertificate(dataDir: string, school: SchoolCertificate): HubCertificates {
  const names = checkNames(school.names);
  const now = school.now ?? new Date();
  const label = {
    certificate: school.files?.certificate ?? 'the certificate file',
    key: school.files?.key ?? 'the private key file',
    chain: school.files?.chain ?? 'the chain file',
  };

  const [certificate] = parseCertificates(school.certPem, label.certificate);
  const chain = school.chainPem ? parseCertificates(school.chainPem, label.chain) : [];
  const key = parsePrivateKey(school.keyPem, label.key);

  for (const [file, each] of [[label.certificate, certificate!] as const, ...chain.map((each) => [label.chain, each] as const)]) {
    const bits = each.publicKey.asymmetricKeyDetails?.modulusLength;
    if (each.publicKey.asymmetricKeyType === 'rsa' && bits !== undefined && bits < 2048) {
      throw new CertificateRefusedError(file, 'weak_rsa_key', `${file}: the certificate ${describe(each)} has an RSA key of ${bits} bits; the hub needs at least 2048.`);
    }
  }
  if (!certificate!.checkPrivateKey(key)) {
    throw new CertificateRefusedError(label.key, 'key_mismatch', `${label.key}: this private key does not belong to the certificate in ${label.certificate}.`);
  }
  for (const [file, each] of [[label.certificate, certificate!] as const, ...chain.map((each) => [label.chain, each] as const)]) {
    if (new Date(each.validTo) < now) {
      throw new CertificateRefusedError(file, 'expired', `${file}: the certificate ${describe(each)} expired on ${formatDate(new Date(each.validTo))}.`);
    }
    if (new Date(each.validFrom) > now) {
      throw new CertificateRefusedError(file, 'not_yet_valid', `${file}: the certificate ${describe(each)} is not valid until ${formatDate(new Date(each.validFrom))}.`);
    }
  }
  if (!(certificate!.keyUsage ?? []).includes(SERVER_AUTH)) {
    throw new CertificateRefusedError(label.certificate, 'no_server_auth', `${label.certificate}: the certificate is not marked for use by a server (its extended key usage has no "TLS Web Server Authentication").`);
  }
  const missing = missingNames(certificate!, names);
  if (missing.length > 0) {
    throw new CertificateRefusedError(label.certificate, 'names_missing', `${label.certificate}: the certificate does not name ${missing.join(', ')}, which clients use to reach the hub. Ask for a certificate that names all of them, or change the hub's names.`);
  }
  const { served, root } = buildChain(certificate!, chain, label);

  const folder = hubTlsFolder(dataDir);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const chainPem = served.map((each) => endLine(each.toString())).join('');
  writeFileAtomically(path.join(folder, files.serverKey), key.export({ type: 'pkcs8', format: 'pem' }) as string, PRIVATE_KEY_MODE);
  writeFileAtomically(path.join(folder, files.server), chainPem, PUBLIC_FILE_MODE);
  writeFileAtomically(path.join(folder, files.root), endLine(root.toString()), PUBLIC_FILE_MODE);
  return loadHubCertificates(dataDir)!;
}

function parseCertificates(pem: string, file: string): crypto.X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!blocks) throw new CertificateRefusedError(file, 'not_pem', `${file}: this is not a PEM certificate (a text file starting "-----BEGIN CERTIFICATE-----"). If it is a .pfx or .der file, export it as PEM first.`);
  return blocks.map((block) => {
    try {
      return new crypto.X509Certificate(block);
    } catch {
      throw new CertificateRefusedError(file, 'not_pem', `${file}: a certificate in this file is damaged and cannot be read.`);
    }
  });
}

function parsePrivateKey(pem: string, file: string): crypto.KeyObject {
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(pem)) {
    const encrypted = pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    throw new CertificateRefusedError(file, 'not_pem', encrypted
      ? `${file}: this private key is protected by a passphrase; the hub needs it unprotected in PEM (keep the file readable only by the hub).`
      : `${file}: this is not a PEM private key (a text file starting "-----BEGIN PRIVATE KEY-----").`);
  }
  try {
    return crypto.createPrivateKey(pem);
  } catch {
    throw new CertificateRefusedError(file, 'not_pem', `${file}: the private key in this file is damaged and cannot be read.`);
  }
}

/**
 * From the certificate up through the chain to a self-signed root, each link checked by its signature. `served` is
 * what the hub sends: the certificate and its intermediates, without the root (unless the certificate is its own root).
 */
function buildChain(certificate: crypto.X509Certificate, pool: crypto.X509Certificate[], label: { certificate: string; chain: string }): { served: crypto.X509Certificate[]; root: crypto.X509Certificate } {
  const served: crypto.X509Certificate[] = [];
  let current = certificate;
  for (let depth = 0; depth <= pool.length; depth += 1) {
    if (isSelfSigned(current)) return { served: served.length > 0 ? served : [current], root: current };
    const issuer = pool.find((candidate) => candidate !== current && current.checkIssued(candidate));
    if (!issuer) {
      const file = pool.length > 0 ? label.chain : label.certificate;
      throw new CertificateRefusedError(file, 'chain_incomplete', `${file}: the chain stops at ${describe(current)} without reaching the school's root certificate. Add the issuing and root certificates (PEM) as the chain file.`);
    }
    if (!current.verify(issuer.publicKey)) {
      throw new CertificateRefusedError(label.chain, 'chain_broken', `${label.chain}: ${describe(issuer)} is named as the issuer of ${describe(current)} but did not sign it.`);
    }
    served.push(current);
    current = issuer;
  }
  throw new CertificateRefusedError(label.chain, 'chain_broken', `${label.chain}: the certificates in the chain issue one another in a loop.`);
}

function isSelfSigned(certificate: crypto.X509Certificate): boolean {
  return certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
}

function describe(certificate: crypto.X509Certificate): string {
  return `"${certificate.subject.replace(/\n/g, ', ')}"`;
}

// ---------------------------------------------------------------------------------------------------------------

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

function checkNames(names: HubNames): HubNames {
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

function missingNames(certificate: crypto.X509Certificate, names: HubNames): string[] {
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

function randomSerialNumber(): string {
  const bytes = crypto.randomBytes(16);
  bytes[0]! &= 0x7f; // positive, as RFC 5280 requires
  return bytes.toString('hex');
}

async function privateKeyToPem(privateKey: CryptoKey): Promise<string> {
  const der = Buffer.from(await subtle.exportKey('pkcs8', privateKey));
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }) as string;
}

// PEM blocks end with a line break, so files and bundles made by joining them stay readable to OpenSSL.
function endLine(pem: string): string {
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}
