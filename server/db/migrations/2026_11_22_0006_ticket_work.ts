/**
 * What agents do to tickets: the state's class beside its name (workflows
 * name their own states, the desk acts on the class), resolution and the
 * requester's confirmation, links, attachments, the groups a ticket has
 * passed through, queue assignment with duty rotas, saved views, and search
 * over the conversation. The partial indexes move from the state name to its
 * class so custom state names stay in them.
 */
import { sql, type Kysely } from 'kysely';
import { createSearchTable } from '../dialect.ts';

const activeClasses = ['new', 'open', 'pending'];

const activeIndexes: [name: string, columns: string[]][] = [
  ['tickets_active_by_queue', ['queue_id', 'priority', 'created_at']],
  ['tickets_active_by_response_due_at', ['response_due_at']],
  ['tickets_active_by_resolution_due_at', ['resolution_due_at']],
  ['tickets_active_by_queue_assignee', ['queue_id', 'assignee_id']],
];

export async function up(db: Kysely<any>): Promise<void> {
  const columns: [string, 'text' | 'integer', string | null][] = [
    ['state_class', 'text', "'new'"],
    ['resolution_code', 'text', null],
    ['resolution_notes', 'text', null],
    ['resolved_at', 'text', null],
    ['closed_at', 'text', null],
    ['first_response_at', 'text', null],
    ['satisfaction_rating', 'integer', null],
    ['satisfaction_comment', 'text', null],
    ['manager_flagged_at', 'text', null],
    ['held_by_groups', 'text', "'[]'"],
  ];
  for (const [name, type, fallback] of columns) {
    await db.schema
      .alterTable('tickets')
      .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(sql.raw(fallback))))
      .execute();
  }
  await sql`UPDATE tickets SET state_class = status WHERE status IN ('new', 'open', 'pending', 'resolved', 'closed')`.execute(db);

  for (const [name, cols] of activeIndexes) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('tickets').columns(cols).where(sql.ref('state_class'), 'in', activeClasses).execute();
  }
  // "My work": an agent's active tickets across queues.
  await db.schema
    .createIndex('tickets_active_by_assignee')
    .on('tickets')
    .columns(['assignee_id', 'priority', 'created_at'])
    .where(sql.ref('state_class'), 'in', activeClasses)
    .execute();
  // "Recently updated" lists.
  await db.schema.createIndex('tickets_by_updated').on('tickets').columns(['updated_at', 'id']).execute();
  // The auto-close job's scan.
  await db.schema
    .createIndex('tickets_resolved_by_time')
    .on('tickets')
    .column('resolved_at')
    .where(sql.ref('state_class'), '=', 'resolved')
    .execute();

  await db.schema
    .createTable('ticket_links')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('other_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('ticket_links_pk', ['ticket_id', 'kind', 'other_id'])
    .execute();
  await db.schema.createIndex('ticket_links_by_other').on('ticket_links').columns(['other_id']).execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // Null while an intake upload waits for its form to be submitted.
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('event_id', 'integer', (c) => c.references('ticket_events.id'))
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_by_ticket').on('attachments').columns(['ticket_id']).execute();

  await db.schema.alterTable('groups').addColumn('rota', 'text').execute();
  await db.schema.alterTable('queues').addColumn('assignment', 'text', (c) => c.notNull().defaultTo('manual')).execute();
  // Round-robin's memory: who in a queue was given a ticket least recently.
  await db.schema
    .createTable('assignment_turns')
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('assignment_turns_pk', ['queue_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_views_by_owner').on('saved_views').columns(['owner_id']).execute();

  // Replies and notes, found by their words; rowid is the event's id.
  await createSearchTable(db, 'comment_search', sql`CREATE VIRTUAL TABLE comment_search USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE comment_search`.execute(db);
  for (const table of ['saved_views', 'assignment_turns', 'attachments', 'ticket_links']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('queues').dropColumn('assignment').execute();
  await db.schema.alterTable('groups').dropColumn('rota').execute();
  await db.schema.dropIndex('tickets_resolved_by_time').execute();
  await db.schema.dropIndex('tickets_by_updated').execute();
  await db.schema.dropIndex('tickets_active_by_assignee').execute();
  for (const [name, cols] of activeIndexes) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('tickets').columns(cols).where(sql.ref('status'), 'in', activeClasses).execute();
  }
  for (const name of ['held_by_groups', 'manager_flagged_at', 'satisfaction_comment', 'satisfaction_rating', 'first_response_at', 'closed_at', 'resolved_at', 'resolution_notes', 'resolution_code', 'state_class']) {
    await db.schema.alterTable('tickets').dropColumn(name).execute();
  }
}
