/**
 * Monitoring alerts: the sources that may post them, each alert the desk
 * tracks (deduplicated by key, linked to its incident or awaiting a person),
 * the log of every alert received, and the POST bodies seen lately, so a
 * retried POST changes nothing.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id'))
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('auto_resolve', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('flap_minutes', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('requester_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('token_rotated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source_id', 'text', (c) => c.notNull().references('alert_sources.id'))
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review', 'text')
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('annotations', 'text', (c) => c.notNull())
    .addColumn('generator_url', 'text')
    .addColumn('starts_at', 'text')
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('review_reason', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .execute();
  await db.schema.createIndex('alerts_by_key').on('alerts').columns(['source_id', 'dedup_key', 'id']).execute();
  await db.schema.createIndex('alerts_by_ticket').on('alerts').column('ticket_id').where(sql.ref('ticket_id'), 'is not', null).execute();
  await db.schema.createIndex('alerts_awaiting').on('alerts').column('id').where(sql.ref('review'), '=', sql.lit('awaiting')).execute();

  await db.schema
    .createTable('alert_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source_id', 'text', (c) => c.notNull().references('alert_sources.id'))
    .addColumn('alert_id', 'integer', (c) => c.references('alerts.id'))
    .addColumn('ticket_id', 'integer')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('dedup_key', 'text')
    .addColumn('status', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('raw_truncated', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('alert_log_by_source').on('alert_log').columns(['source_id', 'id']).execute();
  await db.schema.createIndex('alert_log_by_alert').on('alert_log').column('alert_id').execute();

  await db.schema
    .createTable('alert_posts')
    .addColumn('source_id', 'text', (c) => c.notNull().references('alert_sources.id'))
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_posts_pk', ['source_id', 'body_hash'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_posts').execute();
  await db.schema.dropTable('alert_log').execute();
  await db.schema.dropTable('alerts').execute();
  await db.schema.dropTable('alert_sources').execute();
}
