// Writes docs/packs/pack.schema.json from the zod pack schema in shared/thresholds.
//   npx tsx electron/cli/generate-pack-schema.ts           write the file
//   npx tsx electron/cli/generate-pack-schema.ts --check   exit 1 if the committed file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderPackJsonSchema } from '../../shared/thresholds/jsonSchema';

const outputPath = fileURLToPath(new URL('../../docs/packs/pack.schema.json', import.meta.url));

function readExisting(): string | undefined {
  try {
    return readFileSync(outputPath, 'utf8');
  } catch {
    return undefined;
  }
}

const text = renderPackJsonSchema();

if (process.argv.includes('--check')) {
  if (readExisting() === text) {
    console.log('The pack JSON Schema is up to date.');
  } else {
    console.error(`The pack JSON Schema is out of date: run npx tsx electron/cli/generate-pack-schema.ts and commit ${outputPath}`);
    process.exitCode = 1;
  }
} else {
  writeFileSync(outputPath, text, 'utf8');
  console.log(`Wrote the pack JSON Schema to ${outputPath}`);
}
