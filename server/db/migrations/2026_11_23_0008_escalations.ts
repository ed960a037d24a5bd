/**
 * Escalation rules over time: when the scheduler must next look at each
 * ticket (indexed, so a pass reads only what is due), which rules already
 * fired in which cycle (so each fires once, whoever runs the pass), and
 * outbox rows that are webhooks rather than mail.
 */
import { sql, type Kysely } from 'kysely';
import { withoutRowid } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('escalation_cycle', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('tickets').addColumn('escalation_check_at', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('sla_restarted_at', 'text').execute();
  // Tickets that were open before escalations ran get a first look.
  await sql`UPDATE tickets SET escalation_check_at = updated_at WHERE state_class IN ('new', 'open', 'pending')`.execute(db);
  await sql`CREATE INDEX tickets_escalation_check ON tickets (escalation_check_at) WHERE escalation_check_at IS NOT NULL`.execute(db);
  await sql`
    CREATE TABLE escalation_firings (
      ticket_id INTEGER NOT NULL REFERENCES tickets(id),
      cycle INTEGER NOT NULL,
      rule TEXT NOT NULL,
      fired_at TEXT NOT NULL,
      PRIMARY KEY (ticket_id, cycle, rule)
    )${withoutRowid(db)}`.execute(db);
  await db.schema.alterTable('outbox').addColumn('kind', 'text', (c) => c.notNull().defaultTo('mail')).execute();
  // Without SMTP the dispatcher claims only webhooks: mail piling up pending must not be scanned each time.
  await sql`CREATE INDEX outbox_pending_by_kind ON outbox (kind, next_attempt_at) WHERE status = 'pending'`.execute(db);
  // Superseded: the dispatcher reads the index above, the scheduler escalation_check_at. Every index is a page written per ticket.
  await sql`DROP INDEX outbox_due`.execute(db);
  await sql`DROP INDEX tickets_active_by_response_due_at`.execute(db);
  await sql`DROP INDEX tickets_active_by_resolution_due_at`.execute(db);
  // The queue counts (open, unassigned, mine, breaching) read only this index, not 30,000 table rows at 1M tickets.
  await sql`DROP INDEX tickets_active_by_queue_assignee`.execute(db);
  await sql`CREATE INDEX tickets_active_queue_counts ON tickets (queue_id, assignee_id, state_class, first_response_at, response_due_at, resolution_due_at) WHERE state_class IN ('new', 'open', 'pending')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX tickets_active_queue_counts`.execute(db);
  await sql`CREATE INDEX tickets_active_by_queue_assignee ON tickets (queue_id, assignee_id) WHERE state_class IN ('new', 'open', 'pending')`.execute(db);
  await sql`CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX tickets_active_by_response_due_at ON tickets (response_due_at) WHERE state_class IN ('new', 'open', 'pending')`.execute(db);
  await sql`CREATE INDEX tickets_active_by_resolution_due_at ON tickets (resolution_due_at) WHERE state_class IN ('new', 'open', 'pending')`.execute(db);
  await sql`DROP INDEX outbox_pending_by_kind`.execute(db);
  await db.schema.alterTable('outbox').dropColumn('kind').execute();
  await db.schema.dropTable('escalation_firings').execute();
  await sql`DROP INDEX tickets_escalation_check`.execute(db);
  await db.schema.alterTable('tickets').dropColumn('sla_restarted_at').execute();
  await db.schema.alterTable('tickets').dropColumn('escalation_check_at').execute();
  await db.schema.alterTable('tickets').dropColumn('escalation_cycle').execute();
}
