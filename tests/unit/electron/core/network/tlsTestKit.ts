// Real TLS for the network tests: temp folders for hubs, node:https servers on 127.0.0.1 with the certificates the
// hub really makes, and a small school certificate authority of the kind a school's IT might run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TlsOptions } from 'node:tls';
import { afterAll } from 'vitest';
import type { HubCertificates, HubNames, HubPin } from '../../../../../electron/core/network';
import { subtle, x509 } from '../../../../../electron/core/network/x509';

export const HUB_NAMES: HubNames = { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] };
export const DAY_MS = 24 * 60 * 60 * 1000;

const folders: string[] = [];
const servers: https.Server[] = [];

afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  })));
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

export function tempDir(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguarding-tls-'));
  folders.push(folder);
  return folder;
}

export interface TestServer {
  url: string;
  /** Every request that got past the TLS handshake: what the server learnt from the client. */
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  handshakes: number;
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

const answerJson: Handler = (request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ hub: 'Oakfield', path: request.url }));
};

/** A node:https server on 127.0.0.1 (a free port) that records what reached it. */
export async function startServer(tlsOptions: TlsOptions, handler: Handler = answerJson): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = https.createServer(tlsOptions, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      handler(request, response, body);
    });
  });
  const result: TestServer = {
    url: '',
    requests,
    handshakes: 0,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  server.on('secureConnection', () => {
    result.handshakes += 1;
  });
  // A failed handshake is the expected outcome in several tests; it must not surface as an unhandled error.
  server.on('tlsClientError', () => undefined);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  result.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return result;
}

export function pinFor(url: string, certificates: Pick<HubCertificates, 'rootPem' | 'fingerprint'>): HubPin {
  return { hubUrl: url, caCertificatePem: certificates.rootPem, spkiSha256: certificates.fingerprint.spkiSha256 };
}

export function fileMode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

// ---------------------------------------------------------------------------------------------------------------
// A school's own certificate authority, to make the certificates a school might hand over (good and bad).

const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const EC_SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
}

async function keyPair(rsaBits?: number): Promise<CryptoKeyPair> {
  if (rsaBits) {
    return (await subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: rsaBits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  }
  return (await subtle.generateKey(EC_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function pem(privateKey: CryptoKey): Promise<string> {
  const der = Buffer.from(await subtle.exportKey('pkcs8', privateKey));
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }) as string;
}

export interface SchoolAuthority extends IssuedCertificate {
  keys: CryptoKeyPair;
  name: string;
}

export async function schoolAuthority(name = 'CN=Oakfield Trust Root CA', options: { withKeyIdentifier?: boolean } = {}): Promise<SchoolAuthority> {
  const keys = await keyPair();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + 3650 * DAY_MS),
    keys,
    signingAlgorithm: EC_SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
      ...(options.withKeyIdentifier === false ? [] : [await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)]),
    ],
  });
  return { certPem: certificate.toString('pem'), keyPem: await pem(keys.privateKey), keys, name };
}

/** An issuing authority under `root`, as most schools' certificates come: root, intermediate, server. */
export async function intermediateAuthority(root: SchoolAuthority, name = 'CN=Oakfield Trust Issuing CA'): Promise<SchoolAuthority> {
  const keys = await keyPair();
  const certificate = await x509.X509CertificateGenerator.create({
    subject: name,
    issuer: root.name,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + 1825 * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: root.keys.privateKey,
    signingAlgorithm: EC_SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
    ],
  });
  return { certPem: certificate.toString('pem'), keyPem: await pem(keys.privateKey), keys, name };
}

export interface LeafOptions {
  dnsNames?: string[];
  ipAddresses?: string[];
  notBefore?: Date;
  notAfter?: Date;
  extendedKeyUsages?: string[];
  rsaBits?: number;
  isAuthority?: boolean;
}

/** A server certificate signed by `issuer`, with whatever faults the options ask for. */
export async function schoolServerCertificate(issuer: SchoolAuthority, options: LeafOptions = {}): Promise<IssuedCertificate> {
  const keys = await keyPair(options.rsaBits);
  const certificate = await x509.X509CertificateGenerator.create({
    subject: 'CN=records-hub.oakfield.internal',
    issuer: issuer.name,
    notBefore: options.notBefore ?? new Date(Date.now() - DAY_MS),
    notAfter: options.notAfter ?? new Date(Date.now() + 300 * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: EC_SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(options.isAuthority ?? false, undefined, true),
      new x509.ExtendedKeyUsageExtension(options.extendedKeyUsages ?? ['1.3.6.1.5.5.7.3.1']),
      new x509.SubjectAlternativeNameExtension([
        ...(options.dnsNames ?? ['localhost']).map((value) => ({ type: 'dns' as const, value })),
        ...(options.ipAddresses ?? ['127.0.0.1']).map((value) => ({ type: 'ip' as const, value })),
      ]),
    ],
  });
  return { certPem: certificate.toString('pem'), keyPem: await pem(keys.privateKey) };
}
