import { defineConfig } from 'vitest/config';

// Pinned clock zone so every date in fixtures and golden files means the same thing everywhere.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: DuckDB, Chromium and Jupyter each want one; more workers only thrash.
    maxWorkers: 2,
    env: { TZ: 'UTC' },
  },
});
