// Connect mode's first contact. The client cannot yet know the hub's certificate, so it fetches the hub's root
// without trusting it and keeps it only if its fingerprint matches what the person typed from the hub's screen —
// the one step where a person, not the network, vouches for the hub. From then on the pinned client trusts nothing else.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { z } from 'zod';
import { intakeKeyId } from '../intake/envelope';
import { writeFileAtomically } from './atomicFile';
import type { HubCertificates } from './hubTlsFiles';
import { fingerprintOfCertificate, typedMatchesFingerprint, type HubFingerprint } from './fingerprint';
import { createPinnedClient, HubIdentityError, HubUnreachableError, isIdentityFailure, type HubPin, type PinnedClient } from './pinnedClient';

/** Where the hub serves its root certificate: to clients enrolling, and to IT downloading it to deploy. */
export const HUB_ROOT_CERTIFICATE_PATH = '/hub-root.pem';
export const CONNECT_FILE = 'connect.json';
/** Where the hub serves the public keys a connect-mode computer seals to and checks receipts with. */
export const HUB_INTAKE_KEYS_PATH = '/hub-intake-keys.json';
/** Where the hub takes one sealed envelope (application/octet-stream) from an outbox and answers with its receipt. */
export const HUB_INTAKE_PATH = '/api/intake';
/** A delivery with no session carries its voucher and signature here: base64url of their JSON (decision 0024, addendum). */
export const VOUCHED_DELIVERY_HEADER = 'x-safeguarding-vouched';

// A root certificate is a few kilobytes; anything much larger is not one.
const MAX_ROOT_BYTES = 64 * 1024;

// ---------------------------------------------------------------------------------------------------------------
// The hub's side

export interface RootCertificateDownload {
  status: 200;
  headers: Record<string, string>;
  body: string;
}

/** The response that serves the hub's root certificate, for whichever HTTP server the hub runs. It holds no secret. */
export function rootCertificateDownload(certificates: Pick<HubCertificates, 'rootPem'>): RootCertificateDownload {
  return {
    status: 200,
    headers: {
      'content-type': 'application/x-pem-file',
      'content-disposition': 'attachment; filename="safeguarding-hub-root.pem"',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: certificates.rootPem,
  };
}

/** A plain node:http handler for GET HUB_ROOT_CERTIFICATE_PATH; reads the certificates at each request, so a renewal or an import shows at once. */
export function serveRootCertificate(current: () => Pick<HubCertificates, 'rootPem'>): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const download = rootCertificateDownload(current());
    response.writeHead(download.status, download.headers);
    response.end(request.method === 'HEAD' ? undefined : download.body);
  };
}

/** The hub's public keys as they travel: what `hubKeysDocument` writes and `fetchHubKeys` reads. */
const hubKeysDocumentSchema = z.object({
  format: z.literal('safeguarding-records-hub-keys'),
  version: z.literal(1),
  intake: z.object({ keyId: z.string().regex(/^[0-9a-f]{16}$/), publicKey: z.base64() }).nullable(),
  receiptPublicKey: z.base64(),
});

/** The body of GET HUB_INTAKE_KEYS_PATH: public halves only, served locked or open. */
export function hubKeysDocument(keys: { intake: { keyId: string; publicKey: Buffer } | null; receiptPublicKey: Buffer }): z.infer<typeof hubKeysDocumentSchema> {
  return {
    format: 'safeguarding-records-hub-keys',
    version: 1,
    intake: keys.intake ? { keyId: keys.intake.keyId, publicKey: keys.intake.publicKey.toString('base64') } : null,
    receiptPublicKey: keys.receiptPublicKey.toString('base64'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The client's side

export type EnrolmentRefusal = 'code_mismatch' | 'not_a_root_certificate';

export class EnrolmentRefusedError extends Error {
  constructor(
    readonly reason: EnrolmentRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'EnrolmentRefusedError';
  }
}

/**
 * What this computer keeps of the hub's keys, as base64: the intake key it seals to when the hub cannot be reached,
 * and the key the hub's receipts must verify under before a concern leaves the outbox. Learned over the pinned
 * connection (at enrolment, or at first contact if the hub had no intake key yet), then never replaced.
 */
const hubKeysSettingSchema = z.object({
  intake: z.object({ keyId: z.string().regex(/^[0-9a-f]{16}$/), publicKey: z.base64() }).optional(),
  receiptPublicKey: z.base64(),
});
export type HubKeysSetting = z.infer<typeof hubKeysSettingSchema>;

const connectSettingsSchema = z.object({
  version: z.literal(1),
  hubUrl: z.string().url(),
  caCertificatePem: z.string().min(1),
  spkiSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** UTC ISO-8601. */
  enrolledAt: z.string(),
  hubKeys: hubKeysSettingSchema.optional(),
});

export type ConnectSettings = z.infer<typeof connectSettingsSchema>;

/** Keys of the wrong length, or an intake key that does not match its id, would lose concerns: refused, not kept. */
function hubKeysAreWhole(keys: HubKeysSetting): boolean {
  if (Buffer.from(keys.receiptPublicKey, 'base64').length !== 32) return false;
  if (!keys.intake) return true;
  const intake = Buffer.from(keys.intake.publicKey, 'base64');
  return intake.length === 32 && intakeKeyId(intake).toString('hex') === keys.intake.keyId;
}

/**
 * The hub's public keys over a pinned connection, or undefined when it serves none (a hub older than the outbox).
 * The pinned connection is what vouches for them, as for everything else the hub says.
 */
export async function fetchHubKeys(client: PinnedClient): Promise<HubKeysSetting | undefined> {
  const response = await client.request('GET', HUB_INTAKE_KEYS_PATH);
  const parsed = hubKeysDocumentSchema.safeParse(response.json);
  if (response.status !== 200 || !parsed.success) return undefined;
  const keys: HubKeysSetting = { receiptPublicKey: parsed.data.receiptPublicKey, ...(parsed.data.intake ? { intake: parsed.data.intake } : {}) };
  if (!hubKeysAreWhole(keys)) throw new Error('The hub sent keys that do not check (wrong length, or a key that does not match its id).');
  return keys;
}

/**
 * Adds what this computer did not yet know of the hub's keys to connect.json and returns what it now knows. A key it
 * already holds is never replaced: a hub whose receipt key changed could otherwise make it discard undelivered
 * concerns. A different key is refused with a message for the IT lead (enrol the computer again).
 */
export function rememberHubKeys(dataDir: string, learned: HubKeysSetting): HubKeysSetting {
  const settings = readConnectSettings(dataDir);
  if (!settings) throw new Error('This computer is not enrolled with a hub.');
  const known = settings.hubKeys;
  if (known && known.receiptPublicKey !== learned.receiptPublicKey) throw new Error('The hub now signs receipts with another key than the one kept at enrolment: enrol this computer with the hub again.');
  if (known?.intake && learned.intake && known.intake.keyId !== learned.intake.keyId) throw new Error('The hub now has another intake key than the one kept at enrolment: enrol this computer with the hub again.');
  const merged: HubKeysSetting = { receiptPublicKey: learned.receiptPublicKey, ...((known?.intake ?? learned.intake) ? { intake: known?.intake ?? learned.intake } : {}) };
  if (JSON.stringify(merged) !== JSON.stringify(known)) writeConnectSettings(dataDir, { ...settings, hubKeys: merged });
  return merged;
}

/** The hub's address as an origin (`https://host:port`); a bare name gets https:// put in front. */
export function normaliseHubUrl(typed: string): string {
  const withScheme = /^[a-z]+:\/\//i.test(typed.trim()) ? typed.trim() : `https://${typed.trim()}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`"${typed}" is not a computer's address. Type what the hub shows, e.g. https://records-hub:8443.`);
  }
  if (url.protocol !== 'https:') throw new Error(`The hub is reached only over https:// (the address given was ${typed}).`);
  return url.origin;
}

export interface UntrustedRoot {
  caCertificatePem: string;
  fingerprint: HubFingerprint;
}

/**
 * Fetches the hub's root certificate with no trust at all (any certificate accepted, nothing sent but the GET).
 * Only safe because the caller compares its fingerprint with what a person read off the hub.
 */
export async function fetchRootForEnrolment(hubUrl: string, timeoutMs = 15_000): Promise<UntrustedRoot> {
  const origin = normaliseHubUrl(hubUrl);
  const body = await new Promise<string>((resolve, reject) => {
    const request = https.request(new URL(HUB_ROOT_CERTIFICATE_PATH, origin), {
      method: 'GET',
      agent: false,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
      timeout: timeoutMs,
    }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new EnrolmentRefusedError('not_a_root_certificate', `${origin} answered, but not with a hub's certificate (status ${response.statusCode}). Check the address shown on the hub.`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ROOT_BYTES) response.destroy(new Error('too large'));
        else chunks.push(chunk);
      });
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', () => reject(new EnrolmentRefusedError('not_a_root_certificate', `${origin} did not send a certificate the hub would send.`)));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => reject(isIdentityFailure(error) ? new HubIdentityError(String(error)) : new HubUnreachableError(origin, String(error))));
    request.end();
  });
  const caCertificatePem = onlyRootCertificate(body, origin);
  return { caCertificatePem, fingerprint: fingerprintOfCertificate(caCertificatePem) };
}

function onlyRootCertificate(body: string, origin: string): string {
  const blocks = body.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  const refused = new EnrolmentRefusedError('not_a_root_certificate', `${origin} did not send one root certificate, which the hub always does. This may not be the hub.`);
  if (!blocks || blocks.length !== 1) throw refused;
  let certificate: crypto.X509Certificate;
  try {
    certificate = new crypto.X509Certificate(blocks[0]!);
  } catch {
    throw refused;
  }
  if (!certificate.checkIssued(certificate) || !certificate.verify(certificate.publicKey)) throw refused;
  return `${blocks[0]!}\n`;
}

export interface Enrolment {
  dataDir: string;
  hubUrl: string;
  /** The enrolment code or the full fingerprint, as the person typed it from the hub's screen. */
  typed: string;
  now?: Date;
}

/**
 * Connect mode's first contact. Saves connect.json only when the root the hub sends matches what was typed AND a
 * pinned connection to the hub then succeeds with it (so the machine that sent the root is the one holding the
 * server certificate). Anything else throws and saves nothing.
 */
export async function enrolWithHub(enrolment: Enrolment): Promise<ConnectSettings> {
  const hubUrl = normaliseHubUrl(enrolment.hubUrl);
  const root = await fetchRootForEnrolment(hubUrl);
  if (!typedMatchesFingerprint(enrolment.typed, root.fingerprint)) {
    throw new EnrolmentRefusedError('code_mismatch', `The code you typed does not match the certificate of the computer at ${hubUrl}. Check you typed the code the hub shows; if it still does not match, this may not be your school's records computer — do not go on, and tell your IT lead.`);
  }
  const pin: HubPin = { hubUrl, caCertificatePem: root.caCertificatePem, spkiSha256: root.fingerprint.spkiSha256 };
  const client = createPinnedClient(pin);
  let hubKeys: HubKeysSetting | undefined;
  try {
    // The root alone proves nothing: anyone can copy the hub's public certificate. The handshake proves the key.
    await client.request('GET', HUB_ROOT_CERTIFICATE_PATH);
    // Over the same pinned connection: the keys this computer seals to and checks receipts with (decision 0024).
    hubKeys = await fetchHubKeys(client);
  } finally {
    client.close();
  }
  const settings: ConnectSettings = { version: 1, ...pin, enrolledAt: (enrolment.now ?? new Date()).toISOString(), ...(hubKeys ? { hubKeys } : {}) };
  writeConnectSettings(enrolment.dataDir, settings);
  return settings;
}

export function connectSettingsPath(dataDir: string): string {
  return path.join(dataDir, CONNECT_FILE);
}

export function writeConnectSettings(dataDir: string, settings: ConnectSettings): void {
  fs.mkdirSync(dataDir, { recursive: true });
  writeFileAtomically(connectSettingsPath(dataDir), `${JSON.stringify(connectSettingsSchema.parse(settings), null, 2)}\n`, 0o600);
}

/** The enrolled hub, or undefined before enrolment. Throws if the file was changed into something inconsistent. */
export function readConnectSettings(dataDir: string): ConnectSettings | undefined {
  const file = connectSettingsPath(dataDir);
  if (!fs.existsSync(file)) return undefined;
  const parsed = connectSettingsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not in the expected format: enrol this computer with the hub again.`);
  // A pin edited by hand to match another certificate is refused, not half-trusted.
  if (fingerprintOfCertificate(parsed.data.caCertificatePem).spkiSha256 !== parsed.data.spkiSha256) {
    throw new Error(`${file} has been changed since enrolment (its certificate and pin disagree): enrol this computer with the hub again.`);
  }
  if (parsed.data.hubKeys && !hubKeysAreWhole(parsed.data.hubKeys)) {
    throw new Error(`${file} has been changed since enrolment (the hub's keys do not check): enrol this computer with the hub again.`);
  }
  return parsed.data;
}
