import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Compiles the UI's runes modules (*.svelte.ts) for their unit tests in test/ui/.
  plugins: [svelte({ configFile: false })],
  test: {
    include: ['server/**/*.test.ts', 'test/**/*.test.ts'],
    // The browser tests need the built UI (ui/dist); builds it only when it is stale.
    globalSetup: ['test/support/build-ui.ts'],
    pool: 'forks',
    // Two cores: integration files each start a real desk, SMTP server and database.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
