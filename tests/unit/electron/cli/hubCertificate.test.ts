// `hub-certificate` as an IT lead runs it: make the hub's certificate, read its code, and bring in a school's own.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadHubCertificates } from '../../../../electron/core/network';
import { CLI_SETUP_TIMEOUT_MS, removeTempDirs, runCli, tempDir } from '../../../fixtures/cli/runCli';
import { schoolAuthority, schoolServerCertificate } from '../core/network/tlsTestKit';

describe('admin CLI: hub-certificate', () => {
  afterAll(removeTempDirs);

  it('makes the hub’s certificate for the names given, shows the code people compare, and renews only when due', async () => {
    const dataDir = tempDir();
    const created = await runCli(['hub-certificate', 'create', '--names', 'records-hub,records-hub.oakfield.internal', '--addresses', '10.20.0.5', '--data-dir', dataDir]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const hub = loadHubCertificates(dataDir)!;
    expect(created.stdout).toContain('Made the hub’s certificate authority');
    expect(created.stdout).toContain(`Enrolment code: ${hub.fingerprint.enrolmentCode}`);
    expect(created.stdout).toContain(hub.fingerprint.grouped);
    expect(created.stdout).toContain('Names: records-hub, records-hub.oakfield.internal, 10.20.0.5');
    expect(created.stdout).not.toContain('PRIVATE KEY');

    const shown = await runCli(['hub-certificate', 'show', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ ok: true, enrolmentCode: hub.fingerprint.enrolmentCode, source: 'hub-authority' });

    const again = await runCli(['hub-certificate', 'create', '--names', 'records-hub,records-hub.oakfield.internal', '--addresses', '10.20.0.5', '--data-dir', dataDir]);
    expect(again.stdout).toContain('The server certificate is up to date.');
    expect(loadHubCertificates(dataDir)!.certificateChainPem).toBe(hub.certificateChainPem);
  }, CLI_SETUP_TIMEOUT_MS);

  it('refuses a school certificate with the file and the reason, changing nothing, and takes a good one', async () => {
    const dataDir = tempDir();
    const files = tempDir();
    const root = await schoolAuthority();
    const good = await schoolServerCertificate(root, { dnsNames: ['records-hub'], ipAddresses: ['10.20.0.5'] });
    const stranger = await schoolServerCertificate(root, { dnsNames: ['records-hub'], ipAddresses: ['10.20.0.5'] });
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(files, name), text);
      return path.join(files, name);
    };
    const cert = write('hub.crt', good.certPem);
    const wrongKey = write('other.key', stranger.keyPem);
    const chain = write('chain.pem', root.certPem);

    const refused = await runCli(['hub-certificate', 'import', '--cert', cert, '--key', wrongKey, '--chain', chain, '--names', 'records-hub', '--addresses', '10.20.0.5', '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Not imported; nothing changed. ${wrongKey}: this private key does not belong to the certificate in ${cert}.`);
    expect(loadHubCertificates(dataDir)).toBeUndefined();

    const key = write('hub.key', good.keyPem);
    const imported = await runCli(['hub-certificate', 'import', '--cert', cert, '--key', key, '--chain', chain, '--names', 'records-hub', '--addresses', '10.20.0.5', '--data-dir', dataDir]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Certificate from: the school');
    expect(loadHubCertificates(dataDir)?.source).toBe('school');
  }, CLI_SETUP_TIMEOUT_MS);

  it('calls a name a certificate cannot hold a command-line mistake', async () => {
    const run = await runCli(['hub-certificate', 'create', '--names', 'records hub', '--data-dir', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"records hub" is not a computer name/);
  }, CLI_SETUP_TIMEOUT_MS);
});
