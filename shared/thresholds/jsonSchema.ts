// The JSON Schema that pack authors (councils, schools) and their editors use, generated from the zod schema
// so the two cannot drift. docs/packs/pack.schema.json holds this text; a unit test fails when it is stale.
import { z } from 'zod';
import { packSchema } from './packSchema';

/** The JSON Schema (draft 2020-12) for a pack file, as the text written to docs/packs/pack.schema.json. */
export function renderPackJsonSchema(): string {
  // Cross-references (dangling ids) and a few refinements cannot be said in JSON Schema; validatePack checks them.
  return `${JSON.stringify(z.toJSONSchema(packSchema, { target: 'draft-2020-12' }), null, 2)}\n`;
}
