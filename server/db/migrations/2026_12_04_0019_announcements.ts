/**
 * Announcements (outage notices): one row per notice with its languages as
 * JSON, the mailing of a notice to its audience (a cursor over users, so a
 * restart carries on where it stopped) and one row per person mailed, so
 * nobody is mailed twice.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('announcements')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    /** JSON: locale → { title, body }. */
    .addColumn('translations', 'text', (c) => c.notNull())
    /** JSON: the workflow ids and service values it affects. */
    .addColumn('services', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    /** Set when a manager ends it before its expected end. */
    .addColumn('ended_at', 'text')
    .addColumn('incident_ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('announcements_window').on('announcements').columns(['starts_at', 'ends_at']).execute();

  await db.schema
    .createTable('announcement_mailings')
    .addColumn('announcement_id', 'integer', (c) => c.primaryKey().references('announcements.id').onDelete('cascade'))
    /** running → done. */
    .addColumn('status', 'text', (c) => c.notNull())
    /** The id of the last user handled; the next batch starts after it. */
    .addColumn('cursor', 'text')
    .addColumn('queued', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.references('users.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('announcement_mailings_status').on('announcement_mailings').column('status').execute();

  await db.schema
    .createTable('announcement_recipients')
    .addColumn('announcement_id', 'integer', (c) => c.notNull().references('announcements.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('announcement_recipients_pk', ['announcement_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('announcement_recipients').execute();
  await db.schema.dropTable('announcement_mailings').execute();
  await db.schema.dropTable('announcements').execute();
}
