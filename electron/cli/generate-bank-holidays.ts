// Writes resources/calendar/bank-holidays-england-and-wales.json from the rules in shared/calendar.
//   npx tsx electron/cli/generate-bank-holidays.ts           write the file
//   npx tsx electron/cli/generate-bank-holidays.ts --check   exit 1 if the committed file is out of date
// The rules module is imported directly (not shared/calendar/index.ts) because the index reads the very file
// this script writes, and must not stop the script from repairing a broken one.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildBankHolidayFile, serialiseBankHolidayFile } from '../../shared/calendar/bankHolidayRules';

const outputPath = fileURLToPath(new URL('../../resources/calendar/bank-holidays-england-and-wales.json', import.meta.url));

function readExisting(): string | undefined {
  try {
    return readFileSync(outputPath, 'utf8');
  } catch {
    return undefined;
  }
}

const file = buildBankHolidayFile();
const text = serialiseBankHolidayFile(file);
const yearCount = Object.keys(file.years).length;

if (process.argv.includes('--check')) {
  if (readExisting() === text) {
    console.log(`Bank holidays are up to date (${yearCount} years).`);
  } else {
    console.error(`Bank holidays are out of date: run npx tsx electron/cli/generate-bank-holidays.ts and commit ${outputPath}`);
    process.exitCode = 1;
  }
} else {
  writeFileSync(outputPath, text, 'utf8');
  console.log(`Wrote ${yearCount} years of England and Wales bank holidays to ${outputPath}`);
}
