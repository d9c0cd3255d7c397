// The hub's own certificates: its certificate authority (made once, kept for ten years) and a short-lived server
// certificate it signs. Clients pin the authority's public key, so re-issuing the server certificate from the same
// authority never breaks an enrolled computer (decision 0019). A school's own certificate: schoolCertificate.ts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { formatDate } from '../../../shared/calendar';
import { writeFileAtomically } from './atomicFile';
import { describeFingerprint, spkiSha256 } from './fingerprint';
import {
  checkNames,
  endLine,
  hubTlsFiles,
  HubTlsFolderError,
  loadHubCertificates,
  makeHubTlsFolder,
  missingNames,
  PRIVATE_KEY_MODE,
  PUBLIC_FILE_MODE,
  SERVER_AUTH,
  type CertificateClock,
  type HubCertificates,
  type HubNames,
} from './hubTlsFiles';
import { subtle, x509 } from './x509';

const AUTHORITY_YEARS = 10;
/** The most any browser accepts for a server certificate, counted from notBefore. */
const SERVER_CERTIFICATE_DAYS = 397;
const RENEW_WITHIN_DAYS = 30;
// Backdated so a client whose clock runs a little behind the hub's still accepts a certificate issued a moment ago.
const CLOCK_SKEW_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const EC_SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

/**
 * At hub setup and at every start: makes the authority if there is none, then issues or renews the server
 * certificate for `names`. A school-provided certificate is left alone.
 */
export async function setUpHubCertificates(dataDir: string, names: HubNames, clock: CertificateClock = {}): Promise<HubCertificates> {
  const checked = checkNames(names);
  const folder = makeHubTlsFolder(dataDir);
  if (!fs.existsSync(path.join(folder, hubTlsFiles.authority))) {
    if (fs.existsSync(path.join(folder, hubTlsFiles.root))) {
      // A school certificate with no authority of our own: nothing to create, and nothing of the school's to replace.
      return loadHubCertificates(dataDir)!;
    }
    await createAuthority(folder, clock.now ?? new Date());
  } else if (!fs.existsSync(path.join(folder, hubTlsFiles.authorityKey))) {
    throw new HubTlsFolderError(`The hub's certificate authority in ${folder} has lost its key (${hubTlsFiles.authorityKey}). Restore the folder from a backup, or move it aside to make a new authority and enrol every computer again.`);
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
  const folder = makeHubTlsFolder(dataDir);
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
  writeFileAtomically(path.join(folder, hubTlsFiles.authorityKey), await privateKeyToPem(keys.privateKey), PRIVATE_KEY_MODE);
  writeFileAtomically(path.join(folder, hubTlsFiles.authority), authorityPem, PUBLIC_FILE_MODE);
  writeFileAtomically(path.join(folder, hubTlsFiles.root), authorityPem, PUBLIC_FILE_MODE);
}

async function issueServerCertificate(folder: string, names: HubNames, now: Date): Promise<void> {
  const authorityPem = fs.readFileSync(path.join(folder, hubTlsFiles.authority), 'utf8');
  const authority = new x509.X509Certificate(authorityPem);
  const authorityKeyDer = crypto.createPrivateKey(fs.readFileSync(path.join(folder, hubTlsFiles.authorityKey), 'utf8')).export({ type: 'pkcs8', format: 'der' });
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
  writeFileAtomically(path.join(folder, hubTlsFiles.serverKey), await privateKeyToPem(keys.privateKey), PRIVATE_KEY_MODE);
  writeFileAtomically(path.join(folder, hubTlsFiles.server), endLine(server.toString('pem')), PUBLIC_FILE_MODE);
}

// ---------------------------------------------------------------------------------------------------------------

function randomSerialNumber(): string {
  const bytes = crypto.randomBytes(16);
  bytes[0]! &= 0x7f; // positive, as RFC 5280 requires
  return bytes.toString('hex');
}

async function privateKeyToPem(privateKey: CryptoKey): Promise<string> {
  const der = Buffer.from(await subtle.exportKey('pkcs8', privateKey));
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }) as string;
}
