// Restore's last stage, the renames that swap a checked backup in: a failure at any step leaves the folder exactly
// as it was, and the message says so only when that is true.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RestoreMoveError, nodeFileOps, replaceStoreFiles, type FileOps } from '../../../../electron/cli/replaceStoreFiles';
import { removeTempDirs, tempDir } from '../../../fixtures/cli/runCli';

/** A data folder with a store, its log and keyrings, and a staged backup inside it, each file with its own content. */
function folderWithStagedBackup() {
  const dataDir = tempDir('safeguarding-restore-');
  for (const name of ['safeguarding.db', 'safeguarding.db-wal', 'safeguarding.db-shm', 'keyring.json', 'keyring.json.bak']) fs.writeFileSync(path.join(dataDir, name), `current ${name}`);
  const stagingDir = path.join(dataDir, '.restore-abc');
  fs.mkdirSync(stagingDir);
  for (const name of ['safeguarding.db', 'keyring.json']) fs.writeFileSync(path.join(stagingDir, name), `backup ${name}`);
  return { dataDir, stagingDir };
}

/** Every file under `dir` with its content: "exactly as before" means this is unchanged. */
function contentsOf(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) found[path.relative(dir, path.join(entry.parentPath, entry.name))] = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
  }
  return found;
}

/** The real operations, except that the `failAt`-th rename (counting from 0) fails as a full disk or a locked file would. */
function failingRename(failAt: number, alsoFailUndo = false): FileOps & { renames: number } {
  const ops = {
    ...nodeFileOps,
    renames: 0,
    rename(from: string, to: string) {
      const index = ops.renames;
      ops.renames += 1;
      if (index === failAt || (alsoFailUndo && index > failAt)) throw new Error(`EBUSY: resource busy or locked, rename '${from}'`);
      nodeFileOps.rename(from, to);
    },
  };
  return ops;
}

describe('replacing a store with a checked backup', () => {
  afterAll(removeTempDirs);

  it('moves the current files aside and the backup in when every step succeeds', () => {
    const { dataDir, stagingDir } = folderWithStagedBackup();
    const kept = replaceStoreFiles(dataDir, stagingDir, '20261202-0400');
    expect(kept.map((file) => path.basename(file))).toEqual(['safeguarding.db.replaced-20261202-0400', 'safeguarding.db.replaced-20261202-0400-wal', 'safeguarding.db.replaced-20261202-0400-shm', 'keyring.json.replaced-20261202-0400', 'keyring.json.bak.replaced-20261202-0400']);
    expect(fs.readFileSync(path.join(dataDir, 'safeguarding.db'), 'utf8')).toBe('backup safeguarding.db');
    expect(fs.readFileSync(path.join(dataDir, 'keyring.json'), 'utf8')).toBe('backup keyring.json');
  });

  // Seven renames: five files aside, two in. Each is made to fail in turn.
  for (let step = 0; step < 7; step += 1) {
    it(`leaves the folder exactly as it was, and says so, when rename ${step + 1} of 7 fails`, () => {
      const { dataDir, stagingDir } = folderWithStagedBackup();
      const before = contentsOf(dataDir);
      let message = '';
      try {
        replaceStoreFiles(dataDir, stagingDir, '20261202-0400', failingRename(step));
      } catch (error) {
        expect(error).toBeInstanceOf(RestoreMoveError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/EBUSY.*every file was put back where it was, so nothing has been changed/);
      expect(contentsOf(dataDir)).toEqual(before);
    });
  }

  it('leaves the folder exactly as it was when the final flush of the folder fails', () => {
    const { dataDir, stagingDir } = folderWithStagedBackup();
    const before = contentsOf(dataDir);
    const ops: FileOps = { ...nodeFileOps, syncFolder: () => { throw new Error('EIO: i/o error, fsync'); } };
    expect(() => replaceStoreFiles(dataDir, stagingDir, '20261202-0400', ops)).toThrow(/EIO.*nothing has been changed/);
    expect(contentsOf(dataDir)).toEqual(before);
  });

  it('says which files to rename back, and never that nothing changed, when putting things back fails too', () => {
    const { dataDir, stagingDir } = folderWithStagedBackup();
    let message = '';
    try {
      replaceStoreFiles(dataDir, stagingDir, '20261202-0400', failingRename(3, true));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toMatch(/nothing has been changed/i);
    expect(message).toMatch(/is not as it was/);
    // Three files had been moved aside; each is named with where it is and where it belongs.
    for (const name of ['safeguarding.db', 'safeguarding.db-wal', 'safeguarding.db-shm']) {
      expect(message).toContain(`${path.join(dataDir, name.replace(/^safeguarding\.db/, 'safeguarding.db.replaced-20261202-0400'))}  →  ${path.join(dataDir, name)}`);
    }
  });
});
