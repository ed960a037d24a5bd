/**
 * Known errors: what a problem ticket publishes for agents (symptom,
 * workaround, root cause per language, and optionally the service it
 * affects), with a full-text index over the symptoms. Incidents point at
 * their problem through `ticket_links` (kind `caused-by`), which needs no
 * new table.
 */
import { createSearchTable } from '../dialect.ts';
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('known_errors')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('problem_id', 'integer', (c) => c.notNull().unique().references('tickets.id'))
    /** The value of an incident's `service` field this known error is about; null: matched by symptom words only. */
    .addColumn('service', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('known_errors_service').on('known_errors').columns(['status', 'service']).execute();

  await db.schema
    .createTable('known_error_translations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('known_error_id', 'integer', (c) => c.notNull().references('known_errors.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('symptom', 'text', (c) => c.notNull())
    .addColumn('workaround', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addUniqueConstraint('known_error_translations_locale', ['known_error_id', 'locale'])
    .execute();

  // rowid = known_error_translations.id.
  await createSearchTable(db, 'known_error_search', sql`CREATE VIRTUAL TABLE known_error_search USING fts5(symptom, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE known_error_search`.execute(db);
  await db.schema.dropTable('known_error_translations').execute();
  await db.schema.dropTable('known_errors').execute();
}
