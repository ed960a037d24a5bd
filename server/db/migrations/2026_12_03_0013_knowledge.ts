/**
 * Knowledge articles: one row per article (category, audience, status), one
 * per language (title and Markdown body), every saved version with who and
 * when, a full-text index per language row, and the requests that an
 * article deflected; and prepared answers (canned replies) per group or
 * desk-wide.
 */
import { sql, type Kysely } from 'kysely';
import { createSearchTable } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kb_articles')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_articles_status').on('kb_articles').columns(['status', 'audience', 'category']).execute();

  await db.schema
    .createTable('kb_translations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addUniqueConstraint('kb_translations_article_locale', ['article_id', 'locale'])
    .execute();

  await db.schema
    .createTable('kb_article_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('row_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    /** JSON: locale → { title, body }. */
    .addColumn('translations', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_article_versions_article').on('kb_article_versions').columns(['article_id', 'row_version']).execute();

  // rowid = kb_translations.id; the language is read from the joined row.
  await createSearchTable(db, 'kb_search', sql`CREATE VIRTUAL TABLE kb_search USING fts5(title, body, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`);

  await db.schema
    .createTable('kb_deflections')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('workflow_id', 'text')
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_deflections_article').on('kb_deflections').columns(['article_id', 'created_at']).execute();

  await db.schema
    .createTable('prepared_answers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    /** Null: every agent may use it; else only the group's members (and managers, admins). */
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
    /** JSON: locale → Handlebars text. */
    .addColumn('texts', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('prepared_answers').execute();
  await db.schema.dropTable('kb_deflections').execute();
  await sql`DROP TABLE kb_search`.execute(db);
  await db.schema.dropTable('kb_article_versions').execute();
  await db.schema.dropTable('kb_translations').execute();
  await db.schema.dropTable('kb_articles').execute();
}
