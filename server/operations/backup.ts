/**
 * `deskwright backup FILE`: a consistent copy of the desk while it runs.
 * SQLite's online backup API copies the database in one step (one read
 * transaction, so every write committed before it began is in, and writers
 * are not held up in WAL mode); the copy is checked, then packed with the
 * attachments folder and a checksum of every file into one archive.
 */
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { deskVersion } from '../assets.ts';
import { loadConfig } from '../config.ts';
import { openSqlite } from '../db/database.ts';
import { attachmentDir } from '../storage/attachment-store.ts';
import { OperationError, parseArgs, type Output } from './args.ts';
import { attachmentEntries, databaseEntry, sizeOf, writeArchive, type BackupManifest } from './backup-archive.ts';
import { appliedMigrations, countRows, integrityProblems } from './sqlite-checks.ts';

/** Copies every page in one step: a step never has to restart because the desk wrote meanwhile. */
const allPages = () => 0x7fffffff;

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
}

/** Backs up the desk at `dbFile` into `file`; the archive appears whole or not at all. */
export async function backupDesk(dbFile: string, file: string, now = new Date()): Promise<BackupResult> {
  if (!existsSync(dbFile)) throw new OperationError(`There is no database at ${dbFile} (set DESK_DB)`);
  const out = resolve(file);
  if (!existsSync(dirname(out))) throw new OperationError(`The folder ${dirname(out)} does not exist`);
  const staging = mkdtempSync(join(dirname(out), '.deskwright-backup-'));
  const snapshot = join(staging, databaseEntry);
  try {
    const live = openSqlite(dbFile, { fileMustExist: true });
    try {
      await live.backup(snapshot, { progress: allPages });
    } finally {
      live.close();
    }
    const copy = openSqlite(snapshot, { fileMustExist: true });
    let schemaVersion: string;
    let tickets: number;
    try {
      // One self-contained file, whatever mode the desk runs in.
      copy.pragma('journal_mode = DELETE');
      const problems = integrityProblems(copy);
      if (problems.length) throw new OperationError(`The copy of ${dbFile} fails SQLite's integrity check: ${problems.join('; ')}`);
      schemaVersion = appliedMigrations(copy).at(-1) ?? 'none';
      tickets = countRows(copy, 'tickets');
    } finally {
      copy.close();
    }
    const entries = [{ path: databaseEntry, source: snapshot }, ...attachmentEntries(attachmentDir(dbFile))];
    const partial = `${out}.partial`;
    const manifest = await writeArchive(partial, entries, {
      format: 'deskwright-backup',
      formatVersion: 1,
      createdAt: now.toISOString(),
      deskVersion: deskVersion(),
      schemaVersion,
      tickets,
    });
    renameSync(partial, out);
    return { file: out, manifest };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(`${out}.partial`, { force: true });
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function backup(args: string[], env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  const [file] = parseArgs(args).positional;
  if (!file) throw new OperationError('usage: deskwright backup FILE   (e.g. desk-2026-12-03.tar.gz)');
  const { dbFile } = loadConfig(env);
  const { file: out, manifest } = await backupDesk(dbFile, file);
  const attachments = manifest.files.length - 1;
  io.out(`Backed up ${dbFile} to ${out}: ${plural(manifest.tickets, 'ticket')}, ${plural(attachments, 'attachment')}, ${(sizeOf(out) / 1024 / 1024).toFixed(1)} MB (schema ${manifest.schemaVersion}).`);
  io.out(`Every file's SHA-256 is in its backup.json; \`deskwright restore ${file}\` checks them.`);
  return 0;
}
