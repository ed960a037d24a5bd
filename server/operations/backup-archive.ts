/**
 * The backup archive: a gzipped tar holding the database snapshot
 * (`deskwright.sqlite`), the attachments (`attachments/ab/<sha256>`) and,
 * last, `backup.json`, which lists every file with its size and SHA-256.
 * Reading one back refuses any other name, and any file whose checksum or
 * size differs from the list.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { extract as tarExtract, pack as tarPack } from 'tar-stream';
import { OperationError } from './args.ts';

export const databaseEntry = 'deskwright.sqlite';
export const manifestEntry = 'backup.json';
const attachmentEntry = /^attachments\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

export interface BackupManifest {
  format: 'deskwright-backup';
  formatVersion: 1;
  createdAt: string;
  deskVersion: string;
  /** The newest migration the snapshot had run. */
  schemaVersion: string;
  tickets: number;
  files: { path: string; size: number; sha256: string }[];
}

/** The attachment files under a desk's attachments folder, as archive entries (temporary files are left out). */
export function attachmentEntries(dir: string): { path: string; source: string }[] {
  let shards: string[];
  try {
    shards = readdirSync(dir).filter((s) => /^[0-9a-f]{2}$/.test(s)).sort();
  } catch {
    return [];
  }
  return shards.flatMap((shard) =>
    readdirSync(join(dir, shard))
      .filter((f) => /^[0-9a-f]{64}$/.test(f) && f.startsWith(shard))
      .sort()
      .map((f) => ({ path: `attachments/${shard}/${f}`, source: join(dir, shard, f) })),
  );
}

/** Writes the archive; the manifest's `files` is filled in as each file is read. */
export async function writeArchive(file: string, entries: { path: string; source: string }[], manifest: Omit<BackupManifest, 'files'>): Promise<BackupManifest> {
  const pack = tarPack();
  const written = pipeline(pack, createGzip(), createWriteStream(file, { mode: 0o600 }));
  const files: BackupManifest['files'] = [];
  try {
    for (const e of entries) {
      const stats: Stats = statSync(e.source);
      const hash = createHash('sha256');
      await new Promise<void>((resolve, reject) => {
        const entry = pack.entry({ name: e.path, size: stats.size, mode: 0o600, mtime: stats.mtime }, (error) => (error ? reject(error) : resolve()));
        const read = createReadStream(e.source);
        read.on('data', (chunk) => hash.update(chunk));
        read.on('error', reject);
        read.pipe(entry);
      });
      files.push({ path: e.path, size: stats.size, sha256: hash.digest('hex') });
    }
    const complete: BackupManifest = { ...manifest, files };
    pack.entry({ name: manifestEntry, mode: 0o600 }, JSON.stringify(complete, null, 2));
    pack.finalize();
    await written;
    return complete;
  } catch (error) {
    pack.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
}

/** Unpacks an archive into an empty folder and checks every file against `backup.json`. */
export async function extractArchive(file: string, into: string): Promise<BackupManifest> {
  const found = new Map<string, { size: number; sha256: string }>();
  let manifestText: string | null = null;
  const extract = tarExtract();
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (e) => extract.destroy(e));
  gunzip.on('error', (e) => extract.destroy(new OperationError(`${file} is not a deskwright backup (${e.message})`)));
  source.pipe(gunzip).pipe(extract);
  for await (const entry of extract) {
    const name = entry.header.name;
    if (entry.header.type !== 'file' || found.has(name) || (name !== databaseEntry && name !== manifestEntry && !attachmentEntry.test(name))) {
      entry.destroy();
      extract.destroy();
      throw new OperationError(`${file} holds "${name}", which no deskwright backup has: refusing it`);
    }
    if (name === manifestEntry) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      manifestText = Buffer.concat(chunks).toString('utf8');
      continue;
    }
    const target = join(into, name);
    mkdirSync(dirname(target), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    entry.on('data', (chunk) => {
      if (!Buffer.isBuffer(chunk)) return;
      hash.update(chunk);
      size += chunk.length;
    });
    await pipeline(entry, createWriteStream(target, { mode: 0o600 }));
    found.set(name, { size, sha256: hash.digest('hex') });
  }
  if (manifestText === null) throw new OperationError(`${file} has no ${manifestEntry}: it is not a complete deskwright backup`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(manifestText) as BackupManifest;
  } catch {
    throw new OperationError(`${file}: ${manifestEntry} is not valid JSON`);
  }
  if (manifest.format !== 'deskwright-backup' || !Array.isArray(manifest.files)) throw new OperationError(`${file} is not a deskwright backup`);
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const got = found.get(f.path);
    if (!got) throw new OperationError(`${file} lacks ${f.path}, which its ${manifestEntry} lists`);
    if (got.size !== f.size || got.sha256 !== f.sha256) throw new OperationError(`${file}: ${f.path} does not match its checksum (the archive is damaged)`);
  }
  for (const name of found.keys()) if (!listed.has(name)) throw new OperationError(`${file} holds ${name}, which its ${manifestEntry} does not list`);
  if (!found.has(databaseEntry)) throw new OperationError(`${file} holds no database`);
  return manifest;
}

/** Size of a file, 0 when it is missing. */
export function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
