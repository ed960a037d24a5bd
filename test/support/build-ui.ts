/**
 * Vitest global setup: the browser tests drive the built UI that the desk
 * serves from ui/dist, so build it when it is missing or older than its
 * sources (a fresh clone, or after editing ui/). About 3 seconds; nothing
 * when it is up to date.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = fileURLToPath(new URL('../../ui/', import.meta.url));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default async function buildUi() {
  const built = join(ui, 'dist', 'index.html');
  const sources = Math.max(newestSource(join(ui, 'src')), statSync(join(ui, 'index.html')).mtimeMs, statSync(join(ui, 'vite.config.ts')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(ui, 'vite.config.ts'), logLevel: 'warn' });
}
