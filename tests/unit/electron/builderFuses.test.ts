// The packaged app's fuses, read from electron-builder.yml as electron-builder reads it: deleting or flipping one
// (say, leaving RunAsNode on, which turns the signed binary into a general Node runtime) fails here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Configuration } from 'electron-builder';

const configFile = fileURLToPath(new URL('../../../electron-builder.yml', import.meta.url));

describe('electron-builder.yml', () => {
  it('sets every security fuse, each the safe way round', () => {
    const config = parse(readFileSync(configFile, 'utf8')) as Configuration;
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
