/** Questions a command asks an SQLite file directly, outside the desk's Kysely layer. */
import type BetterSqlite3 from 'better-sqlite3';
import { openSqlite } from '../db/database.ts';

/** `PRAGMA integrity_check`: an empty list when the file is sound, else what SQLite found (at most 20 lines). */
export function integrityProblems(sqlite: BetterSqlite3.Database): string[] {
  const rows = sqlite.prepare('PRAGMA integrity_check(20)').pluck().all() as string[];
  return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
}

/** The migrations a database has run, in order (none when it is not a desk's). */
export function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
  if (!table) return [];
  return sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[];
}

export function countRows(sqlite: BetterSqlite3.Database, table: string): number {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  return exists ? (sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number) : 0;
}

/**
 * Whether some process has this database open: a running desk keeps its
 * connection, so an exclusive lock is refused while it runs, even when idle.
 */
export function inUse(file: string): boolean {
  const sqlite = openSqlite(file, { fileMustExist: true, timeout: 0 });
  try {
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE');
    sqlite.exec('COMMIT');
    return false;
  } catch (error) {
    const code = String((error as { code?: unknown }).code);
    if (/^SQLITE_BUSY/.test(code)) return true;
    // No desk can be working on a file SQLite cannot read: it is what a restore is for.
    if (/^SQLITE_(NOTADB|CORRUPT)/.test(code)) return false;
    throw error;
  } finally {
    sqlite.close();
  }
}
