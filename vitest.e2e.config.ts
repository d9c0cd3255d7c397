import { defineConfig } from 'vitest/config';

// End-to-end tests: the real browser host on 127.0.0.1 driven through Debian's Chromium by playwright-core.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
