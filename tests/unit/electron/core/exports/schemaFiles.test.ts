import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from '../../../../../electron/core/exports/schemaFiles';

// The published schemas are generated from the zod schemas. If this fails, run:
//   npx tsx electron/core/exports/schemaFiles.ts
describe('the published export schemas', () => {
  it('are up to date with the zod schemas in shared/exports', () => {
    for (const [relativePath, content] of Object.entries(schemaFiles())) {
      const file = path.resolve(import.meta.dirname, '../../../../..', relativePath);
      expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)', `${relativePath} is out of date: run npx tsx electron/core/exports/schemaFiles.ts`).toBe(content);
    }
  });
});
