import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { postgresMissing } from './tests/helpers/postgres.js';

/** Tests that measure delivery time under load run alone, after everything else (QUALITY.md). */
const TIMED = ['tests/integration/connection-burst.test.ts'];

/**
 * The server integration tests that also run on PostgreSQL (issue 10): the `postgres` project runs
 * them again with AGENT_DESK_TEST_ENGINE=postgres, one throwaway cluster per test file
 * (tests/helpers/test-postgres.ts). Not listed: backup and desktop-crash (the SQLite file itself),
 * desktop-faults (a server process killed over a SQLite data directory), migrate-to-postgres,
 * postgres-schema, test-services and multi-node (PostgreSQL already, or both engines by design),
 * trusted-proxy and server-close (HTTP only, no storage), connection-burst (timed, runs alone).
 */
const ON_BOTH_ENGINES = [
  'tests/integration/routing.test.ts',
  'tests/integration/agent-actions.test.ts',
  'tests/integration/transfer.test.ts',
  'tests/integration/sync.test.ts',
  'tests/integration/identity.test.ts',
  'tests/integration/card-masking.test.ts',
  'tests/integration/auth.test.ts',
  'tests/integration/reply-clock.test.ts',
  'tests/integration/action-acks.test.ts',
  'tests/integration/hostile-input.test.ts',
  'tests/integration/canned-replies.test.ts',
  'tests/integration/macros.test.ts',
  'tests/integration/colleagues.test.ts',
  'tests/integration/connection-limits.test.ts',
  'tests/integration/redacted-copy.test.ts',
  'tests/integration/restart.test.ts',
  'tests/integration/desktop-sync.test.ts',
  'tests/integration/desktop-tabs.test.ts',
  'tests/integration/desktop-redacted-copy.test.ts',
  'tests/integration/supervisor.test.ts',
  'tests/integration/complaints.test.ts',
  'tests/integration/email.test.ts',
  'tests/integration/case-lifecycle.test.ts',
  'tests/integration/case-merge.test.ts',
  'tests/integration/phone.test.ts',
  'tests/integration/canned-usage.test.ts',
  'tests/integration/screenshot-ocr.test.ts',
  'tests/integration/assist-triage.test.ts',
];

/** Where PostgreSQL is not installed the project is left out with the reason; CI (AGENT_DESK_REQUIRE_SERVICES=1) fails instead. */
function postgresProject(): TestProjectInlineConfiguration[] {
  const missing = postgresMissing();
  if (missing && process.env.AGENT_DESK_REQUIRE_SERVICES === '1') throw new Error(`AGENT_DESK_REQUIRE_SERVICES=1 but ${missing}`);
  if (missing) {
    console.warn(`vitest project "postgres" skipped (${ON_BOTH_ENGINES.length} files): ${missing}`);
    return [];
  }
  return [
    {
      extends: true,
      test: {
        name: 'postgres',
        include: ON_BOTH_ENGINES,
        env: { AGENT_DESK_TEST_ENGINE: 'postgres' },
        setupFiles: ['tests/helpers/postgres-project.setup.ts'],
        sequence: { groupOrder: 0 },
      },
    },
  ];
}

export default defineConfig({
  test: {
    // Integration tests start real servers and browsers; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'suite', include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'], exclude: [...TIMED, '**/node_modules/**'], sequence: { groupOrder: 0 } } },
      ...postgresProject(),
      { extends: true, test: { name: 'timed', include: TIMED, sequence: { groupOrder: 1 } } },
    ],
  },
});
