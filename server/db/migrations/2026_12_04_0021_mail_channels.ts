/**
 * E-mail in: the IMAP mailboxes the desk reads (password encrypted at rest)
 * and every message it has taken from them, keyed by mailbox UID so that
 * each is handled exactly once, with what became of it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('security', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_encrypted', 'text')
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('after_read', 'text', (c) => c.notNull())
    .addColumn('move_to', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id'))
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('unknown_senders', 'text', (c) => c.notNull())
    .addColumn('max_new_per_hour', 'integer', (c) => c.notNull())
    .addColumn('poll_seconds', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_polled_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('mail_messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('channel_id', 'text', (c) => c.notNull().references('mail_channels.id'))
    .addColumn('mailbox', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('uid', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('from_address', 'text')
    .addColumn('subject', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .execute();
  await db.schema.createIndex('mail_messages_by_uid').unique().on('mail_messages').columns(['channel_id', 'mailbox', 'uid_validity', 'uid']).execute();
  await db.schema.createIndex('mail_messages_by_message_id').on('mail_messages').columns(['channel_id', 'message_id']).where(sql.ref('message_id'), 'is not', null).execute();
  await db.schema.createIndex('mail_messages_by_status').on('mail_messages').columns(['channel_id', 'status', 'id']).execute();
  await db.schema.createIndex('mail_messages_by_sender').on('mail_messages').columns(['channel_id', 'from_address', 'received_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_messages').execute();
  await db.schema.dropTable('mail_channels').execute();
}
