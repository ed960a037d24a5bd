/**
 * Articles used on tickets: the article an agent resolved a ticket with,
 * and the draft an agent saved from a ticket's resolution, so each article
 * counts its uses and each ticket shows where its answer came from.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket_articles')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    /** resolved-with: the ticket was resolved with the article; drafted: the article was written from the ticket. */
    .addColumn('use', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_articles_article').on('ticket_articles').columns(['article_id', 'use']).execute();
  await db.schema.createIndex('ticket_articles_ticket').on('ticket_articles').columns(['ticket_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_articles').execute();
}
