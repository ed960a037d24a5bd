/**
 * Approvals: each approval step a ticket reaches, each approver's vote on
 * it (the one-click mail link names the vote), the key the links are signed
 * with, and the manager an account reports to.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('manager_id', 'text', (c) => c.references('users.id')).execute();

  await db.schema
    .createTable('approval_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('approval_keys').values({ id: 'links', secret: randomBytes(32).toString('base64url'), created_at: new Date().toISOString() }).execute();

  await db.schema
    .createTable('approval_steps')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('step_index', 'integer', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('next_check_at', 'text')
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('timed_out_at', 'text')
    .addUniqueConstraint('approval_steps_once', ['ticket_id', 'step_index'])
    .execute();
  await db.schema.createIndex('approval_steps_due').on('approval_steps').column('next_check_at').where(sql.ref('next_check_at'), 'is not', null).execute();

  await db.schema
    .createTable('approval_votes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('step_row_id', 'integer', (c) => c.notNull().references('approval_steps.id'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('approver_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decision', 'text')
    .addColumn('comment', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('via', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('link_expires_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('approval_votes_once', ['step_row_id', 'approver_id'])
    .execute();
  await db.schema.createIndex('approval_votes_waiting').on('approval_votes').columns(['approver_id', 'id']).where(sql.ref('decision'), 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('approval_votes').execute();
  await db.schema.dropTable('approval_steps').execute();
  await db.schema.dropTable('approval_keys').execute();
  await db.schema.alterTable('users').dropColumn('manager_id').execute();
}
