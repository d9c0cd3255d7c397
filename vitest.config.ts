import { defineConfig } from 'vitest/config';

// Unit and integration tests: real encrypted databases on temp files, real crypto, no browser.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Generous: the CLI tests run real processes, which a loaded two-core machine can slow to 40 s of wall time for 6 s of
    // CPU. A limit is a hang detector here, never a speed check (speed is `npm run bench`'s).
    testTimeout: 60_000,
    pool: 'forks',
    // The admin CLI, bundled once for the whole run (the CLI tests start it a hundred-odd times).
    globalSetup: ['tests/fixtures/cli/buildCli.ts'],
  },
});
