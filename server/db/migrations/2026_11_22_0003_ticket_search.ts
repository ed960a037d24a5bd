/**
 * Full-text search over tickets (SQLite FTS5, contentless: the text lives in
 * `tickets`; the index keeps only what it needs to find a ticket id).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE ticket_search USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(db);
  await sql`INSERT INTO ticket_search (rowid, title, body) SELECT id, title, fields FROM tickets`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE ticket_search`.execute(db);
}
