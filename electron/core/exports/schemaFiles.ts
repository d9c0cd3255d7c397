// The JSON Schemas published in docs/exports, generated from the zod schemas so they cannot drift (a unit test
// compares them). Run this file to rewrite them: npx tsx electron/core/exports/schemaFiles.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { referralPackJsonSchema, transferPackJsonSchema } from '../../../shared/exports';

export function schemaFiles(): Record<string, string> {
  return {
    'docs/exports/referral-pack.schema.json': `${JSON.stringify(referralPackJsonSchema(), null, 2)}\n`,
    'docs/exports/transfer-pack.schema.json': `${JSON.stringify(transferPackJsonSchema(), null, 2)}\n`,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  for (const [relativePath, content] of Object.entries(schemaFiles())) {
    fs.mkdirSync(path.dirname(path.join(root, relativePath)), { recursive: true });
    fs.writeFileSync(path.join(root, relativePath), content);
    console.log(`wrote ${relativePath}`);
  }
}
