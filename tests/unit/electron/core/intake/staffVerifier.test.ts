// Staff passwords checked without the data key: right and wrong passwords, no names on disk, and the file edited by
// someone trying to pass one account's password off as another's.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { argon2Available, newKdfParams } from '../../../../../electron/core/crypto';
import { STAFF_VERIFIER_FILE, readStaffVerifiers, removeStaffVerifier, setStaffPassword, verifyStaffPassword } from '../../../../../electron/core/intake/staffVerifier';
import { cheapKdf, tempDataDir } from '../testSchool';

const decoy = newKdfParams(cheapKdf);
const supervisor = { userId: '0192f5a0-7c1e-7000-8000-000000000001', username: 'M.Lunchtime' };
const teacher = { userId: '0192f5a0-7c1e-7000-8000-000000000002', username: 't.hughes' };

describe('staff password verifiers', () => {
  it('accept the right password (username in any case) and refuse a wrong one or an unknown name', async () => {
    const dataDir = tempDataDir();
    await setStaffPassword(dataDir, supervisor, 'dinner hall rota 7', cheapKdf);
    expect(await verifyStaffPassword(dataDir, 'm.lunchtime ', 'dinner hall rota 7', decoy)).toMatchObject({ userId: supervisor.userId });
    expect(await verifyStaffPassword(dataDir, 'M.Lunchtime', 'dinner hall rota 8', decoy)).toBeNull();
    expect(await verifyStaffPassword(dataDir, 'nobody', 'dinner hall rota 7', decoy)).toBeNull();
  });

  it('keep no username or password on disk, and store the Argon2id parameters with each verifier', async () => {
    const dataDir = tempDataDir();
    await setStaffPassword(dataDir, supervisor, 'dinner hall rota 7', cheapKdf);
    const onDisk = fs.readFileSync(path.join(dataDir, STAFF_VERIFIER_FILE), 'utf8');
    expect(onDisk.toLowerCase()).not.toContain('lunchtime');
    expect(onDisk).not.toContain('dinner hall');
    const [entry] = readStaffVerifiers(dataDir)!.accounts;
    expect(entry!.kdf).toMatchObject(argon2Available() ? { name: 'argon2id', memoryKiB: 1024, passes: 1 } : { name: 'scrypt' });
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dataDir, STAFF_VERIFIER_FILE)).mode & 0o077).toBe(0);
  });

  it('do not let one account’s verifier be copied onto another’s line', async () => {
    const dataDir = tempDataDir();
    await setStaffPassword(dataDir, supervisor, 'dinner hall rota 7', cheapKdf);
    await setStaffPassword(dataDir, teacher, 'year six trip', cheapKdf);
    const file = path.join(dataDir, STAFF_VERIFIER_FILE);
    const verifiers = readStaffVerifiers(dataDir)!;
    const [first, second] = verifiers.accounts;
    // The supervisor puts their own salt, parameters and verifier on the teacher's line, hoping to sign in as them.
    second!.kdf = first!.kdf;
    second!.verifier = first!.verifier;
    fs.writeFileSync(file, JSON.stringify(verifiers));
    expect(await verifyStaffPassword(dataDir, teacher.username, 'dinner hall rota 7', decoy)).toBeNull();
    expect(await verifyStaffPassword(dataDir, supervisor.username, 'dinner hall rota 7', decoy)).toMatchObject({ userId: supervisor.userId });
  });

  it('replace a changed password and forget a removed account', async () => {
    const dataDir = tempDataDir();
    await setStaffPassword(dataDir, supervisor, 'first password', cheapKdf);
    await setStaffPassword(dataDir, supervisor, 'second password', cheapKdf);
    expect(readStaffVerifiers(dataDir)!.accounts).toHaveLength(1);
    expect(await verifyStaffPassword(dataDir, supervisor.username, 'first password', decoy)).toBeNull();
    expect(await verifyStaffPassword(dataDir, supervisor.username, 'second password', decoy)).toMatchObject({ userId: supervisor.userId });
    removeStaffVerifier(dataDir, supervisor.userId);
    expect(await verifyStaffPassword(dataDir, supervisor.username, 'second password', decoy)).toBeNull();
  });

  it('refuse everyone when there is no verifier file yet', async () => {
    expect(await verifyStaffPassword(tempDataDir(), supervisor.username, 'anything', decoy)).toBeNull();
  });
});
