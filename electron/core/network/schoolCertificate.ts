// A certificate the school provides (from its own certificate authority, or bought): checked before anything changes,
// and refused with the file and the reason, so an IT lead knows exactly what to ask for.
import crypto from 'node:crypto';
import path from 'node:path';
import { formatDate } from '../../../shared/calendar';
import { writeFileAtomically } from './atomicFile';
import {
  checkNames,
  endLine,
  hubTlsFiles,
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

  const folder = makeHubTlsFolder(dataDir);
  const chainPem = served.map((each) => endLine(each.toString())).join('');
  writeFileAtomically(path.join(folder, hubTlsFiles.serverKey), key.export({ type: 'pkcs8', format: 'pem' }) as string, PRIVATE_KEY_MODE);
  writeFileAtomically(path.join(folder, hubTlsFiles.server), chainPem, PUBLIC_FILE_MODE);
  writeFileAtomically(path.join(folder, hubTlsFiles.root), endLine(root.toString()), PUBLIC_FILE_MODE);
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
