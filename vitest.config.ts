import { defineConfig } from 'vitest/config';

// Unit and integration tests: real encrypted databases on temp files, real crypto, no browser.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
