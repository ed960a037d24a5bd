/**
 * Full-text search over tickets (SQLite FTS5, contentless: the text lives in
 * `tickets`; the index keeps only what it needs to find a ticket id).
 */
import { sql, type Kysely } from 'kysely';
import { createSearchTable, isPostgres } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await createSearchTable(db, 'ticket_search', sql`CREATE VIRTUAL TABLE ticket_search USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`);
  // A PostgreSQL desk starts from this code: it has no tickets written before the index.
  if (!isPostgres(db)) await sql`INSERT INTO ticket_search (rowid, title, body) SELECT id, title, fields FROM tickets`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE ticket_search`.execute(db);
}
