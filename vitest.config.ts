import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Compiles the UI's runes modules (*.svelte.ts) for their unit tests in test/ui/.
  plugins: [svelte({ configFile: false })],
  test: {
    include: ['server/**/*.test.ts', 'test/**/*.test.ts'],
    // The browser tests need the built UI (ui/dist); builds it only when it is stale.
    // DESK_TEST_DB=postgres: a throwaway PostgreSQL cluster for the run (npm run test:postgres).
    globalSetup: ['test/support/build-ui.ts', 'test/support/postgres.ts'],
    pool: 'forks',
    // Two cores: integration files each start a real desk, SMTP server and database.
    maxWorkers: 2,
    // Every sign-in and new password costs a full-strength scrypt (N=2^17, 128 MiB): on a busy
    // 2-core machine one takes seconds, and a test or a cast of people may do a dozen.
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
