// The hub's own certificate authority and server certificate, renewal, and certificates a school provides — read
// back with node:crypto, independently of the library that made them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CertificateRefusedError,
  hubTlsFolder,
  importSchoolCertificate,
  loadHubCertificates,
  renewIfDue,
  setUpHubCertificates,
  type CertificateRefusal,
  type SchoolCertificate,
} from '../../../../../electron/core/network';
import { DAY_MS, HUB_NAMES, fileMode, intermediateAuthority, schoolAuthority, schoolServerCertificate, tempDir } from './tlsTestKit';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const NAMES = { dnsNames: ['records-hub', 'records-hub.oakfield.internal'], ipAddresses: ['10.20.0.5', 'fd00::5'] };

function days(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / DAY_MS;
}

describe('the hub’s own certificates', () => {
  it('makes a ten-year authority and a server certificate it signed, for every name and address, with serverAuth', async () => {
    const dataDir = tempDir();
    const hub = await setUpHubCertificates(dataDir, NAMES);

    const authority = new crypto.X509Certificate(hub.rootPem);
    const server = new crypto.X509Certificate(hub.certificateChainPem);
    expect(authority.ca).toBe(true);
    expect(days(authority.validFrom, authority.validTo)).toBeGreaterThanOrEqual(3650);
    expect(server.ca).toBe(false);
    expect(server.verify(authority.publicKey)).toBe(true);
    expect(server.checkIssued(authority)).toBe(true);
    expect(days(server.validFrom, server.validTo)).toBeLessThanOrEqual(397);
    expect(server.keyUsage).toContain(SERVER_AUTH);
    expect(server.checkHost('records-hub', { subject: 'never' })).toBe('records-hub');
    expect(server.checkHost('records-hub.oakfield.internal', { subject: 'never' })).toBe('records-hub.oakfield.internal');
    expect(server.checkIP('10.20.0.5')).toBe('10.20.0.5');
    expect(server.checkIP('fd00::5')).toBeDefined();
    expect(server.checkHost('evil.example', { subject: 'never' })).toBeUndefined();
    expect(hub.source).toBe('hub-authority');
    expect(hub.names).toEqual(NAMES);
    // The server's own key is not the authority's: a stolen server key cannot sign anything.
    expect(server.publicKey.equals(authority.publicKey)).toBe(false);
  });

  it('fingerprints the authority’s public key, in grouped hex and as a short code, the same as computed independently', async () => {
    const hub = await setUpHubCertificates(tempDir(), HUB_NAMES);
    const spki = new crypto.X509Certificate(hub.rootPem).publicKey.export({ type: 'spki', format: 'der' });
    const expected = crypto.createHash('sha256').update(spki).digest('hex');

    expect(hub.fingerprint.spkiSha256).toBe(expected);
    expect(hub.fingerprint.grouped).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    expect(hub.fingerprint.grouped.replace(/ /g, '').toLowerCase()).toBe(expected);
    expect(hub.fingerprint.enrolmentCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('keeps both private keys readable by the hub’s own account only, and out of the public files', async () => {
    const dataDir = tempDir();
    const hub = await setUpHubCertificates(dataDir, HUB_NAMES);
    const folder = hubTlsFolder(dataDir);

    expect(fileMode(path.join(folder, 'ca-key.pem'))).toBe(0o600);
    expect(fileMode(path.join(folder, 'server-key.pem'))).toBe(0o600);
    expect(fileMode(folder)).toBe(0o700);
    for (const publicFile of ['ca.pem', 'root.pem', 'server.pem']) {
      expect(fs.readFileSync(path.join(folder, publicFile), 'utf8')).not.toContain('PRIVATE KEY');
    }
    expect(hub.rootPem).not.toContain('PRIVATE KEY');
    expect(hub.certificateChainPem).not.toContain('PRIVATE KEY');
  });

  it('starts again with the same certificates when nothing is due', async () => {
    const dataDir = tempDir();
    const first = await setUpHubCertificates(dataDir, HUB_NAMES);
    const again = await setUpHubCertificates(dataDir, HUB_NAMES);
    expect(again.certificateChainPem).toBe(first.certificateChainPem);
    expect(again.rootPem).toBe(first.rootPem);
  });
});

describe('renewIfDue', () => {
  it('re-issues the server certificate from the same authority when fewer than 30 days are left', async () => {
    const dataDir = tempDir();
    const issued = new Date(Date.now() - 380 * DAY_MS);
    const old = await setUpHubCertificates(dataDir, HUB_NAMES, { now: issued });

    const notYet = await renewIfDue(dataDir, HUB_NAMES, { now: new Date(issued.getTime() + 300 * DAY_MS) });
    expect(notYet.renewed).toBe(false);

    const renewal = await renewIfDue(dataDir, HUB_NAMES);
    expect(renewal.renewed).toBe(true);
    expect(renewal.reason).toMatch(/ran out on \d\d\/\d\d\/\d{4}/);
    expect(renewal.certificates.rootPem).toBe(old.rootPem);
    expect(renewal.certificates.fingerprint).toEqual(old.fingerprint);
    expect(renewal.certificates.certificateChainPem).not.toBe(old.certificateChainPem);
    expect(renewal.certificates.notAfter.getTime()).toBeGreaterThan(Date.now() + 390 * DAY_MS);
    expect(new crypto.X509Certificate(renewal.certificates.certificateChainPem).verify(new crypto.X509Certificate(old.rootPem).publicKey)).toBe(true);
    expect(fileMode(path.join(hubTlsFolder(dataDir), 'server-key.pem'))).toBe(0o600);
  });

  it('re-issues when the hub’s names change, naming exactly the new ones', async () => {
    const dataDir = tempDir();
    await setUpHubCertificates(dataDir, { dnsNames: ['records-hub'], ipAddresses: ['10.20.0.5'] });

    const moved = await renewIfDue(dataDir, { dnsNames: ['records-hub'], ipAddresses: ['10.20.0.9'] });
    expect(moved.renewed).toBe(true);
    expect(moved.reason).toContain('10.20.0.9');
    const server = new crypto.X509Certificate(moved.certificates.certificateChainPem);
    expect(server.checkIP('10.20.0.9')).toBe('10.20.0.9');
    expect(server.checkIP('10.20.0.5')).toBeUndefined();
  });

  it('re-issues when a renewal was cut short and the key on disk no longer matches the certificate', async () => {
    const dataDir = tempDir();
    await setUpHubCertificates(dataDir, HUB_NAMES);
    const folder = hubTlsFolder(dataDir);
    const stray = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    fs.writeFileSync(path.join(folder, 'server-key.pem'), stray, { mode: 0o600 });

    const renewal = await renewIfDue(dataDir, HUB_NAMES);
    expect(renewal.renewed).toBe(true);
    const server = new crypto.X509Certificate(renewal.certificates.certificateChainPem);
    expect(server.checkPrivateKey(crypto.createPrivateKey(renewal.certificates.privateKeyPem))).toBe(true);
  });

  it('refuses names a certificate cannot hold', async () => {
    await expect(setUpHubCertificates(tempDir(), { dnsNames: ['records hub'], ipAddresses: [] })).rejects.toThrow(/not a computer name/);
    await expect(setUpHubCertificates(tempDir(), { dnsNames: [], ipAddresses: ['10.20.0.300'] })).rejects.toThrow(/not an IP address/);
    await expect(setUpHubCertificates(tempDir(), { dnsNames: [], ipAddresses: [] })).rejects.toThrow(/at least one name/);
  });
});

describe('a certificate the school provides', () => {
  async function goodSchoolCertificate(): Promise<SchoolCertificate & { rootPem: string }> {
    const root = await schoolAuthority();
    const issuing = await intermediateAuthority(root);
    const server = await schoolServerCertificate(issuing);
    return { certPem: server.certPem, keyPem: server.keyPem, chainPem: root.certPem + issuing.certPem, names: HUB_NAMES, rootPem: root.certPem };
  }

  it('is used with its intermediates, and its root becomes what clients pin', async () => {
    const dataDir = tempDir();
    await setUpHubCertificates(dataDir, HUB_NAMES);
    const school = await goodSchoolCertificate();

    const hub = importSchoolCertificate(dataDir, school);
    expect(hub.source).toBe('school');
    expect(new crypto.X509Certificate(hub.rootPem).fingerprint256).toBe(new crypto.X509Certificate(school.rootPem).fingerprint256);
    // Served: the server certificate then the issuing authority, not the root (clients already hold it).
    expect(hub.certificateChainPem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(hub.certificateChainPem).not.toContain(school.rootPem.trim().split('\n')[1]);
    expect(fileMode(path.join(hubTlsFolder(dataDir), 'server-key.pem'))).toBe(0o600);
    expect(loadHubCertificates(dataDir)?.source).toBe('school');

    // The hub's own renewal leaves the school's certificate alone, and says when the school must replace it.
    const renewal = await renewIfDue(dataDir, HUB_NAMES, { now: new Date(Date.now() + 290 * DAY_MS) });
    expect(renewal.renewed).toBe(false);
    expect(renewal.reason).toMatch(/runs out on \d\d\/\d\d\/\d{4}/);
    expect(loadHubCertificates(dataDir)?.certificateChainPem).toBe(hub.certificateChainPem);
  });

  async function refusal(change: (school: SchoolCertificate) => Promise<SchoolCertificate> | SchoolCertificate): Promise<CertificateRefusedError> {
    const dataDir = tempDir();
    const before = await setUpHubCertificates(dataDir, HUB_NAMES);
    const school = await change({
      ...(await goodSchoolCertificate()),
      files: { certificate: 'hub.crt', key: 'hub.key', chain: 'chain.pem' },
    });
    let caught: unknown;
    try {
      importSchoolCertificate(dataDir, school);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CertificateRefusedError);
    // Refused means nothing changed: the hub goes on serving what it had.
    expect(loadHubCertificates(dataDir)).toEqual(before);
    return caught as CertificateRefusedError;
  }

  const expectRefusal = (error: CertificateRefusedError, file: string, reason: CertificateRefusal, words: RegExp) => {
    expect(error.file).toBe(file);
    expect(error.reason).toBe(reason);
    expect(error.message.startsWith(`${file}:`)).toBe(true);
    expect(error.message).toMatch(words);
  };

  it('is refused when the certificate is not PEM', async () => {
    const der = new crypto.X509Certificate((await goodSchoolCertificate()).certPem).raw.toString('latin1');
    expectRefusal(await refusal((school) => ({ ...school, certPem: der })), 'hub.crt', 'not_pem', /not a PEM certificate/);
  });

  it('is refused when the key is not PEM, or is protected by a passphrase', async () => {
    expectRefusal(await refusal((school) => ({ ...school, keyPem: 'not a key' })), 'hub.key', 'not_pem', /not a PEM private key/);
    const encrypted = (school: SchoolCertificate) => ({
      ...school,
      keyPem: crypto.createPrivateKey(school.keyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string,
    });
    expectRefusal(await refusal(encrypted), 'hub.key', 'not_pem', /passphrase/);
  });

  it('is refused when the key does not belong to the certificate', async () => {
    const other = await goodSchoolCertificate();
    expectRefusal(await refusal((school) => ({ ...school, keyPem: other.keyPem })), 'hub.key', 'key_mismatch', /does not belong/);
  });

  it('is refused when it has expired, or is not valid yet', async () => {
    const expired = async (school: SchoolCertificate) => {
      const root = await schoolAuthority();
      const server = await schoolServerCertificate(root, { notBefore: new Date(Date.now() - 400 * DAY_MS), notAfter: new Date(Date.now() - DAY_MS) });
      return { ...school, ...server, chainPem: root.certPem };
    };
    expectRefusal(await refusal(expired), 'hub.crt', 'expired', /expired on \d\d\/\d\d\/\d{4}/);
    const early = async (school: SchoolCertificate) => {
      const root = await schoolAuthority();
      const server = await schoolServerCertificate(root, { notBefore: new Date(Date.now() + 2 * DAY_MS) });
      return { ...school, ...server, chainPem: root.certPem };
    };
    expectRefusal(await refusal(early), 'hub.crt', 'not_yet_valid', /not valid until/);
  });

  it('is refused when it is not for a server', async () => {
    const clientOnly = async (school: SchoolCertificate) => {
      const root = await schoolAuthority();
      return { ...school, ...(await schoolServerCertificate(root, { extendedKeyUsages: ['1.3.6.1.5.5.7.3.2'] })), chainPem: root.certPem };
    };
    expectRefusal(await refusal(clientOnly), 'hub.crt', 'no_server_auth', /not marked for use by a server/);
  });

  it('is refused when it does not name every address clients use', async () => {
    const error = await refusal((school) => ({ ...school, names: { dnsNames: ['localhost', 'records-hub'], ipAddresses: ['127.0.0.1', '10.20.0.5'] } }));
    expectRefusal(error, 'hub.crt', 'names_missing', /does not name records-hub, 10\.20\.0\.5/);
  });

  it('is refused when its RSA key is shorter than 2048 bits', async () => {
    const weak = async (school: SchoolCertificate) => {
      const root = await schoolAuthority();
      return { ...school, ...(await schoolServerCertificate(root, { rsaBits: 1024 })), chainPem: root.certPem };
    };
    expectRefusal(await refusal(weak), 'hub.crt', 'weak_rsa_key', /1024 bits.*at least 2048/);
  });

  it('is refused when the chain does not reach a root, or a link in it is forged', async () => {
    expectRefusal(await refusal((school) => ({ ...school, chainPem: undefined })), 'hub.crt', 'chain_incomplete', /without reaching the school's root/);
    const missingRoot = async (school: SchoolCertificate) => {
      const root = await schoolAuthority();
      const issuing = await intermediateAuthority(root);
      return { ...school, ...(await schoolServerCertificate(issuing)), chainPem: issuing.certPem };
    };
    expectRefusal(await refusal(missingRoot), 'chain.pem', 'chain_incomplete', /Issuing CA/);
    // An impostor with the real issuer's name but its own key (and no key identifier to tell them apart).
    const forgedLink = async (school: SchoolCertificate) => {
      const root = await schoolAuthority('CN=Oakfield Trust Root CA', { withKeyIdentifier: false });
      const impostor = await schoolAuthority('CN=Oakfield Trust Root CA', { withKeyIdentifier: false });
      return { ...school, ...(await schoolServerCertificate(root)), chainPem: impostor.certPem };
    };
    expectRefusal(await refusal(forgedLink), 'chain.pem', 'chain_broken', /did not sign it/);
  });
});
