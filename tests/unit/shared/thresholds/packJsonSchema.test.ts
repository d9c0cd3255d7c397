// docs/packs/pack.schema.json is what councils and schools write packs against; it must match the zod schema
// the app validates with. Regenerate with: npx tsx electron/cli/generate-pack-schema.ts
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderPackJsonSchema } from '../../../../shared/thresholds/index';

const schemaPath = fileURLToPath(new URL('../../../../docs/packs/pack.schema.json', import.meta.url));
const packPath = fileURLToPath(new URL('../../../../resources/packs/london-continuum-waltham-forest-2014.json', import.meta.url));

describe('the published pack JSON Schema', () => {
  it('is up to date with the zod schema', () => {
    expect(readFileSync(schemaPath, 'utf8')).toBe(renderPackJsonSchema());
  });

  it('requires what a pack cannot do without', () => {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { required: string[]; $defs: Record<string, { required?: string[] }> };
    expect(schema.required).toEqual(expect.arrayContaining(['provenance', 'levels', 'indicators', 'pathways', 'immediateActionPathwayId', 'contacts']));
    expect(schema.$defs.Indicator?.required).toEqual(expect.arrayContaining(['id', 'levelId', 'text', 'kind', 'source']));
    expect(schema.$defs.Contact?.required).toEqual(expect.arrayContaining(['verifiedOn', 'availability']));
  });

  it('is the schema the shipped pack names', () => {
    const pack = JSON.parse(readFileSync(packPath, 'utf8')) as { $schema: string };
    expect(fileURLToPath(new URL(pack.$schema, `file://${packPath}`))).toBe(schemaPath);
  });
});
