import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command }) => ({
  root,
  plugins: [
    svelte({
      // A build with a compiler warning fails (the browser tests build the UI, so CI fails too);
      // the dev server only shows it. Libraries' own warnings stay theirs.
      onwarn(warning, handler) {
        if (command !== 'build' || warning.filename?.includes('node_modules')) return handler(warning);
        throw new Error(`Svelte warning (${warning.code}) in ${warning.filename}:${warning.start?.line ?? '?'}: ${warning.message}`);
      },
    }),
  ],
  // How long the Svelte compiler took is no warning about the code (it only says the machine was busy).
  build: { outDir: 'dist', emptyOutDir: true, rolldownOptions: { checks: { bundlerTimings: false } } },
  server: { proxy: { '/api': 'http://localhost:8080', '/healthz': 'http://localhost:8080' } },
}));
