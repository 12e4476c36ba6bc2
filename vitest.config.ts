import { defineConfig } from 'vitest/config';

/** Tests that measure delivery time under load run alone, after everything else (QUALITY.md). */
const TIMED = ['tests/integration/connection-burst.test.ts'];

export default defineConfig({
  test: {
    // Integration tests start real servers and browsers; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'suite', include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'], exclude: [...TIMED, '**/node_modules/**'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'timed', include: TIMED, sequence: { groupOrder: 1 } } },
    ],
  },
});
