/**
 * The one place the server reaches files it ships with: the example
 * workflows, desk settings and templates, the built UI, the API docs'
 * files and SQLite's native addon. From a checkout they are read where they
 * lie; inside the one executable (`npm run build:binary`) they are carried
 * as one asset and unpacked once into a cache folder, then read from there.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sea from 'node:sea';
import { parseTemplateFile, type TemplateSource } from './engine/templates.ts';

/** What the executable carries, as written by tools/build-binary.ts (`manifest.json` asset). */
export interface PackManifest {
  version: string;
  /** SHA-256 of every packed file, in order: names the cache folder. */
  hash: string;
  files: { path: string; offset: number; size: number; sha256: string; executable: boolean }[];
}

/** True inside the one executable. */
export const packaged = sea.isSea();

/** The folders the one executable carries, by the name they have inside it. Read from a checkout. */
export function sourceFolders(): Record<'workflows' | 'templates' | 'ui' | 'api-docs', string> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  return {
    workflows: join(root, 'workflows'),
    templates: join(root, 'templates'),
    ui: join(root, 'ui', 'dist'),
    'api-docs': join(dirname(createRequire(import.meta.url).resolve('redoc/package.json')), 'bundles'),
  };
}

/** better-sqlite3's compiled addon in a checkout; the executable carries it as `better_sqlite3.node`. */
export function sourceSqliteAddon(): string {
  return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
}

function cacheBase(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'deskwright');
}

/** Writes the packed files once into <base>/<version>-<hash>/, atomically; returns that folder. */
function unpackInto(base: string, manifest: PackManifest): string {
  const target = join(base, `${manifest.version}-${manifest.hash.slice(0, 16)}`);
  if (existsSync(target)) return target;
  mkdirSync(base, { recursive: true });
  const staging = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  const blob = Buffer.from(sea.getRawAsset('files.bin') as ArrayBuffer);
  try {
    for (const f of manifest.files) {
      const file = join(staging, f.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, blob.subarray(f.offset, f.offset + f.size), { mode: f.executable ? 0o755 : 0o644 });
    }
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process started at the same moment and unpacked first.
    if (!existsSync(target)) throw error;
  }
  return target;
}

/** The cache folder ($XDG_CACHE_HOME or ~/.cache); without a writable one (a service account), a folder of this process's own. */
function unpack(manifest: PackManifest): string {
  try {
    return unpackInto(cacheBase(), manifest);
  } catch {
    const own = join(tmpdir(), `deskwright-${process.pid}-${randomBytes(6).toString('hex')}`);
    mkdirSync(own, { mode: 0o700 });
    return unpackInto(own, manifest);
  }
}

const manifest: PackManifest | null = packaged ? (JSON.parse(sea.getAsset('manifest.json', 'utf8')) as PackManifest) : null;
const unpacked = manifest ? unpack(manifest) : null;
const folders = unpacked ? { workflows: join(unpacked, 'workflows'), templates: join(unpacked, 'templates'), ui: join(unpacked, 'ui'), 'api-docs': join(unpacked, 'api-docs') } : sourceFolders();

/** The shipped templates' folder (templates/<locale>/…), for features whose mail has a context of its own. */
export function shippedTemplateFolder(): string {
  return folders.templates;
}

/** The desk's version: package.json's, or the one the executable was built from. */
export function deskVersion(): string {
  if (manifest) return manifest.version;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

let sqliteAddon: object | undefined;
/**
 * better-sqlite3's `nativeBinding` inside the executable: the unpacked addon,
 * checked against its checksum and loaded with `process.dlopen`. Outside it, undefined
 * (better-sqlite3 finds its own build).
 */
export function sqliteNativeBinding(): object | undefined {
  if (!manifest || !unpacked) return undefined;
  if (sqliteAddon) return sqliteAddon;
  const entry = manifest.files.find((f) => f.path === 'better_sqlite3.node');
  const file = join(unpacked, 'better_sqlite3.node');
  if (!entry || createHash('sha256').update(readFileSync(file)).digest('hex') !== entry.sha256) {
    throw new Error(`${file} does not match the copy this executable carries: delete ${dirname(file)} and start again`);
  }
  const module = { exports: {} };
  process.dlopen(module, file);
  sqliteAddon = module.exports;
  return sqliteAddon;
}

export interface ShippedDefaults {
  desk: unknown;
  workflows: unknown[];
  templates: ({ name: string; locale: string } & TemplateSource)[];
}

/** The templates under templates/<locale>/<name>.hbs. */
export function shippedTemplates(): ShippedDefaults['templates'] {
  const templateDir = folders.templates;
  return readdirSync(templateDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((locale) =>
      readdirSync(join(templateDir, locale.name))
        .filter((f) => f.endsWith('.hbs'))
        .sort()
        .map((f) => ({ name: f.replace(/\.hbs$/, ''), locale: locale.name, ...parseTemplateFile(readFileSync(join(templateDir, locale.name, f), 'utf8')) })),
    );
}

export function shippedDefaults(): ShippedDefaults {
  const workflowDir = folders.workflows;
  const files = readdirSync(workflowDir).filter((f) => f.endsWith('.json') && f !== 'desk.json' && !f.endsWith('.schema.json')).sort();
  return {
    desk: JSON.parse(readFileSync(join(workflowDir, 'desk.json'), 'utf8')),
    workflows: files.map((f) => JSON.parse(readFileSync(join(workflowDir, f), 'utf8'))),
    templates: shippedTemplates(),
  };
}

/** The built UI, when `npm run build:ui` has run. */
export const uiDistDir = folders.ui;

/**
 * The API docs renderer (Redoc's standalone bundle, no telemetry), served at
 * /api/docs/assets/ so the docs work without internet access. Only
 * `apiDocsScript` in it is served.
 */
export const apiDocsDir = folders['api-docs'];

/** The renderer's one file in `apiDocsDir`. */
export const apiDocsScript = 'redoc.standalone.js';
