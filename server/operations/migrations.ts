/** What a command needs to know about the desk's migrations without running them. */
import { Kysely, SqliteDialect } from 'kysely';
import { openSqlite } from '../db/database.ts';
import { migrator } from '../db/migrations/index.ts';

/** The migrations this build has, in order; the last is the schema version. */
export async function knownMigrations(): Promise<string[]> {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openSqlite(':memory:') }) });
  try {
    return (await migrator(db).getMigrations()).map((m) => m.name);
  } finally {
    await db.destroy();
  }
}

/** The migrations this build has that a database has not run yet. */
export async function pendingMigrations(applied: readonly string[]): Promise<string[]> {
  return (await knownMigrations()).filter((m) => !applied.includes(m));
}

