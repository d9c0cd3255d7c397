import { defineConfig } from 'vitest/config';

// Only the plain-code tests of the pure safety rules that `npm run mutation` mutates. Stryker reruns tests once per
// mutant, so the database-backed suite is left out, and test files share one worker (no per-file isolation) to keep
// a run within reach of a two-core machine.
export default defineConfig({
  test: {
    include: [
      'tests/unit/shared/access/*.test.ts',
      'tests/unit/shared/calendar/*.test.ts',
      'tests/unit/shared/reports/suppression*.test.ts',
      'tests/unit/shared/reports/measures.test.ts',
      'tests/unit/shared/thresholds/suggestLevel*.test.ts',
      'tests/unit/shared/thresholds/whoToCallNow*.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'threads',
    isolate: false,
  },
});
