/**
 * `npm run build:binary`: dist/deskwright, the whole desk as one executable
 * (a Node single executable application). It holds this Node, the server
 * bundled with its dependencies, and one asset with the built UI, the API
 * docs' files, the shipped workflows and templates and better-sqlite3's
 * native addon (server/assets.ts unpacks it once at start). Needs
 * `npm run build:ui` first.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { deskVersion, sourceFolders, sourceSqliteAddon, type PackManifest } from './assets.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seaDir = join(root, 'dist', 'sea');
/** Sentinel that marks a Node binary as able to carry a SEA blob (Node's documented value). */
const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

type Inject = (file: string, name: string, data: Buffer, options: { sentinelFuse: string; overwrite?: boolean }) => Promise<void>;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every shipped file, in a stable order; source maps are left out (nothing at run time reads them). */
function packFiles(): { path: string; source: string }[] {
  const files = Object.entries(sourceFolders()).flatMap(([name, dir]) =>
    filesUnder(dir)
      .filter((f) => !f.endsWith('.map'))
      .map((f) => ({ path: `${name}/${relative(dir, f).split('\\').join('/')}`, source: f })),
  );
  files.push({ path: 'better_sqlite3.node', source: sourceSqliteAddon() });
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

function writePack(): PackManifest {
  const chunks: Buffer[] = [];
  const whole = createHash('sha256');
  let offset = 0;
  const files = packFiles().map(({ path, source }) => {
    const data = readFileSync(source);
    const sha256 = createHash('sha256').update(data).digest('hex');
    whole.update(`${path}\0${sha256}\0`);
    chunks.push(data);
    const entry = { path, offset, size: data.length, sha256, executable: (statSync(source).mode & 0o111) !== 0 };
    offset += data.length;
    return entry;
  });
  const manifest: PackManifest = { version: deskVersion(), hash: whole.digest('hex'), files };
  writeFileSync(join(seaDir, 'files.bin'), Buffer.concat(chunks));
  writeFileSync(join(seaDir, 'manifest.json'), JSON.stringify(manifest));
  return manifest;
}

export interface BuiltBinary {
  file: string;
  bytes: number;
  packedFiles: number;
}

export async function buildBinary(log: (line: string) => void = () => undefined): Promise<BuiltBinary> {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`build:binary makes a linux-x64 executable; this is ${process.platform}-${process.arch}`);
  if (!existsSync(join(sourceFolders().ui, 'index.html'))) throw new Error('The web UI is not built: run `npm run build:ui` first');
  if (!readFileSync(process.execPath).includes(seaFuse)) throw new Error(`${process.execPath} cannot carry a single executable application (no SEA fuse)`);
  mkdirSync(seaDir, { recursive: true });

  log('bundling the server…');
  await build({
    entryPoints: [join(root, 'server', 'cli.ts')],
    outfile: join(seaDir, 'deskwright.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
    // A single executable's main script is CommonJS; the few modules that ask where they are get the executable's path.
    define: { 'import.meta.url': '__deskwrightUrl' },
    banner: { js: 'var __deskwrightUrl = require("node:url").pathToFileURL(__filename).href;' },
  });

  log('packing the shipped files…');
  const manifest = writePack();

  log('making the SEA blob…');
  const prep = spawnSync(process.execPath, ['--experimental-sea-config', 'sea-config.json'], { cwd: root, encoding: 'utf8' });
  if (prep.status !== 0) throw new Error(`node --experimental-sea-config failed:\n${prep.stdout}${prep.stderr}`);

  log('injecting it into a copy of node…');
  const out = join(root, 'dist', 'deskwright');
  const partial = `${out}.partial`;
  copyFileSync(process.execPath, partial);
  chmodSync(partial, 0o755);
  const { inject } = createRequire(import.meta.url)('postject') as { inject: Inject };
  // postject's ELF library warns about note sections it leaves as they are; nothing to act on.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => (/Can't find string offset for section name/.test(String(args[0])) ? undefined : warn(...args));
  try {
    await inject(partial, 'NODE_SEA_BLOB', readFileSync(join(seaDir, 'deskwright.blob')), { sentinelFuse: seaFuse });
  } finally {
    console.warn = warn;
  }
  renameSync(partial, out);
  return { file: out, bytes: statSync(out).size, packedFiles: manifest.files.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildBinary((line) => console.log(line));
  console.log(`${relative(process.cwd(), built.file)}: ${(built.bytes / 1024 / 1024).toFixed(1)} MB, ${built.packedFiles} shipped files`);
}
