// The architecture's folder boundaries are enforced by ESLint; these tests prove a wrong import really fails.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-globals').map((message) => message.message);
}

describe('folder boundaries', () => {
  it.each([
    ['shared/api/example.ts', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ['shared/api/example.ts', "import path from 'path';\nexport const x = path;\n"],
    ['shared/api/example.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['shared/api/example.ts', "import { dispatch } from '../../electron/core';\nexport const x = dispatch;\n"],
    ['shared/api/example.ts', 'export const size = Buffer.byteLength("x");\n'],
    ['electron/core/example.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/host/example.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n"],
    ['electron/core/example.ts', "import { createSecureWindow } from '../main/secureWindow';\nexport const x = createSecureWindow;\n"],
    ['renderer/src/example.ts', "import { dispatch } from '../../electron/core';\nexport const x = dispatch;\n"],
    ['renderer/src/example.ts', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ['renderer/src/example.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const x = Database;\n"],
    ['electron/preload/example.ts', "import { dispatch } from '../core';\nexport const x = dispatch;\n"],
  ])('refuses what %s must not import: %s', async (filePath, code) => {
    expect(await importErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['shared/api/example.ts', "import { z } from 'zod';\nexport const x = z;\n"],
    ['electron/core/example.ts', "import fs from 'node:fs';\nimport { commands } from '../../shared/api';\nexport const x = [fs, commands];\n"],
    ['renderer/src/example.ts', "import { commands } from '../../shared/api';\nexport const x = commands;\n"],
    ['electron/preload/example.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n"],
    ['electron/main/example.ts', "import { app } from 'electron';\nimport { dispatch } from '../core';\nexport const x = [app, dispatch];\n"],
  ])('allows what %s may import: %s', async (filePath, code) => {
    expect(await importErrors(filePath, code)).toEqual([]);
  });
});

describe('access decided by named rules', () => {
  async function roleComparisons(filePath: string, code: string): Promise<number> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-syntax').length;
  }

  it.each([
    ['renderer/src/example.tsx', "declare const user: { role: string };\nexport const x = user.role === 'dsl';\n"],
    ['renderer/src/example.tsx', "declare const user: { role: string };\nexport const x = 'head' !== user.role;\n"],
    ['electron/core/example/handlers.ts', "declare const assignee: { role: string };\nexport const x = assignee.role !== 'dsl';\n"],
  ])('refuses a bare role comparison in %s: %s', async (filePath, code) => {
    expect(await roleComparisons(filePath, code)).toBe(1);
  });

  it('allows comparing a contact’s role, which is not about access', async () => {
    expect(await roleComparisons('renderer/src/example.tsx', "declare const contact: { role: string };\nexport const x = contact.role === 'mash_front_door';\n")).toBe(0);
  });
});
