/**
 * `deskwright restore FILE`: puts a backup in place of the desk's database
 * and attachments. It checks everything first — every file's checksum, the
 * database's integrity, that this deskwright knows its schema — and refuses
 * while a desk has the database open. The database it replaces is kept
 * beside it, renamed `<DESK_DB>.before-restore-<time>`.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { openSqlite } from '../db/database.ts';
import { attachmentDir } from '../storage/attachment-store.ts';
import { OperationError, parseArgs, type Output } from './args.ts';
import { databaseEntry, extractArchive, type BackupManifest } from './backup-archive.ts';
import { appliedMigrations, inUse, integrityProblems } from './sqlite-checks.ts';
import { knownMigrations } from './migrations.ts';

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where the database that was there before now is, if there was one. */
  previous: string | null;
}

function checkSnapshot(file: string, archive: string, known: string[]): void {
  const sqlite = openSqlite(file, { fileMustExist: true });
  try {
    let problems: string[];
    try {
      problems = integrityProblems(sqlite);
    } catch (error) {
      throw new OperationError(`The database in ${archive} cannot be read: ${(error as Error).message}`);
    }
    if (problems.length) throw new OperationError(`The database in ${archive} fails SQLite's integrity check: ${problems.join('; ')}`);
    const unknown = appliedMigrations(sqlite).filter((m) => !known.includes(m));
    if (unknown.length) throw new OperationError(`${archive} was made by a newer deskwright (it has run ${unknown.join(', ')}): restore it with that version`);
  } finally {
    sqlite.close();
  }
}

/** Moves the old database (made one self-contained file) and its attachments aside. */
function moveAside(dbFile: string, stamp: string): string {
  const aside = `${dbFile}.before-restore-${stamp}`;
  const sqlite = openSqlite(dbFile, { fileMustExist: true, timeout: 0 });
  try {
    sqlite.pragma('journal_mode = DELETE');
  } catch (error) {
    // A damaged file cannot be made one file: it is moved aside with its write-ahead log.
    if (!/^SQLITE_(NOTADB|CORRUPT)/.test(String((error as { code?: unknown }).code))) throw error;
  } finally {
    sqlite.close();
  }
  renameSync(dbFile, aside);
  if (existsSync(`${dbFile}-wal`)) renameSync(`${dbFile}-wal`, `${aside}-wal`);
  rmSync(`${dbFile}-shm`, { force: true });
  if (existsSync(attachmentDir(dbFile))) renameSync(attachmentDir(dbFile), attachmentDir(aside));
  return aside;
}

export async function restoreDesk(archive: string, dbFile: string, now = new Date()): Promise<RestoreResult> {
  if (!existsSync(archive)) throw new OperationError(`There is no file ${archive}`);
  const target = resolve(dbFile);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), '.deskwright-restore-'));
  try {
    const manifest = await extractArchive(archive, staging);
    checkSnapshot(join(staging, databaseEntry), archive, await knownMigrations());
    let previous: string | null = null;
    if (existsSync(target)) {
      if (inUse(target)) throw new OperationError(`A desk is running on ${dbFile}: stop it first, then restore`);
      previous = moveAside(target, now.toISOString().replace(/[:.]/g, '-'));
    }
    renameSync(join(staging, databaseEntry), target);
    if (existsSync(join(staging, 'attachments'))) renameSync(join(staging, 'attachments'), attachmentDir(target));
    return { manifest, previous };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export async function restore(args: string[], env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  const [file] = parseArgs(args).positional;
  if (!file) throw new OperationError('usage: deskwright restore FILE');
  const { dbFile } = loadConfig(env);
  const { manifest, previous } = await restoreDesk(file, dbFile);
  io.out(`Restored ${file} (made ${manifest.createdAt} by deskwright ${manifest.deskVersion}) into ${dbFile}: ${manifest.tickets} tickets, ${manifest.files.length - 1} attachments, every checksum and the integrity check passed.`);
  if (previous) io.out(`The database that was there is kept as ${previous}.`);
  io.out('Start the desk: it brings the schema up to date if the backup is older.');
  return 0;
}
