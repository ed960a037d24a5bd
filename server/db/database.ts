/**
 * Opens the desk's SQLite file: WAL, foreign keys on, and a Kysely instance
 * over better-sqlite3 whose statements are prepared once per SQL text
 * (Kysely's driver otherwise re-prepares every query, halving write speed).
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { sqliteNativeBinding } from '../assets.ts';
import type { Database } from './schema.ts';

export type DeskDb = Kysely<Database>;

export interface OpenedDatabase {
  db: DeskDb;
  /** The raw connection, for the few places that need SQLite itself (backups, benchmarks). */
  sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

const maxCachedStatements = 1000;

function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql) {
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= maxCachedStatements) cache.clear();
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}

/** A bare better-sqlite3 connection (no pragmas), with the addon the one executable carries. */
export function openSqlite(file: string, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  // better-sqlite3 takes the loaded addon object too, which its types do not say.
  return new BetterSqlite3(file, { ...options, nativeBinding: sqliteNativeBinding() as string | undefined });
}

export function openDatabase(file: string, options: { cacheStatements?: boolean } = {}): OpenedDatabase {
  const sqlite = openSqlite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const database = options.cacheStatements === false ? (sqlite as unknown as SqliteDatabase) : withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { db, sqlite, close: () => db.destroy() };
}
