/**
 * Reports: what each ticket's stopped SLA clocks came to, kept beside the
 * ticket once it is resolved (business and wall minutes, met or breached,
 * reopens, first-contact resolution), so a report over a year of tickets is
 * a scan of an index rather than a walk over every ticket's history; and the
 * indexes the report queries read.
 */
import { sql, type Kysely } from 'kysely';

const factColumns: [string, 'text' | 'integer'][] = [
  ['report_stopped_at', 'text'],
  ['report_response_minutes', 'integer'],
  ['report_response_wall_minutes', 'integer'],
  ['report_response_met', 'integer'],
  ['report_resolution_minutes', 'integer'],
  ['report_resolution_wall_minutes', 'integer'],
  ['report_resolution_met', 'integer'],
  ['report_reopens', 'integer'],
  ['report_first_contact', 'integer'],
];

const durationColumns = ['report_response_minutes', 'report_response_wall_minutes', 'report_resolution_minutes', 'report_resolution_wall_minutes'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type] of factColumns) await db.schema.alterTable('tickets').addColumn(name, type).execute();
  // Created per day, and everything counted over tickets logged in the period, with the report's filters.
  await db.schema.createIndex('tickets_report_created').on('tickets').columns(['created_at', 'queue_id', 'priority', 'workflow_id', 'assignee_id']).execute();
  // Everything counted over tickets resolved in the period; only resolved tickets are in it, so intake never pays for it.
  await db.schema
    .createIndex('tickets_report_stopped')
    .on('tickets')
    .columns([
      'report_stopped_at', 'queue_id', 'priority', 'workflow_id', 'assignee_id',
      'report_response_met', 'report_resolution_met', 'report_response_minutes', 'report_resolution_minutes',
      'report_response_wall_minutes', 'report_resolution_wall_minutes', 'report_reopens', 'report_first_contact', 'satisfaction_rating',
    ])
    .where(sql.ref('report_stopped_at'), 'is not', null)
    .execute();
  // The SLA table groups by queue and priority, and each median is read in order of minutes: indexes in those orders
  // spare SQLite a sort of a year's tickets.
  await db.schema
    .createIndex('tickets_report_sla')
    .on('tickets')
    .columns(['queue_id', 'priority', 'report_stopped_at', 'workflow_id', 'assignee_id', 'report_response_met', 'report_resolution_met'])
    .where(sql.ref('report_stopped_at'), 'is not', null)
    .execute();
  for (const column of durationColumns) {
    await db.schema
      .createIndex(`tickets_by_${column}`)
      .on('tickets')
      .columns([column, 'report_stopped_at', 'queue_id', 'priority', 'workflow_id', 'assignee_id'])
      .where(sql.ref('report_stopped_at'), 'is not', null)
      .execute();
  }
  // Tickets whose facts are missing or older than their latest resolution.
  await sql`CREATE INDEX tickets_report_facts_due ON tickets (id)
    WHERE coalesce(resolved_at, closed_at) IS NOT NULL AND (report_stopped_at IS NULL OR report_stopped_at <> coalesce(resolved_at, closed_at))`.execute(db);
  // Escalation rates: few tickets are escalated, so these stay small.
  await db.schema.createIndex('tickets_report_functional').on('tickets').columns(['created_at', 'queue_id', 'priority', 'workflow_id', 'assignee_id'])
    .where(sql.ref('held_by_groups'), '<>', '[]').execute();
  await db.schema.createIndex('tickets_report_hierarchical').on('tickets').columns(['created_at', 'queue_id', 'priority', 'workflow_id', 'assignee_id'])
    .where(sql.ref('manager_flagged_at'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['tickets_report_sla', ...durationColumns.map((c) => `tickets_by_${c}`), 'tickets_report_created', 'tickets_report_stopped', 'tickets_report_facts_due', 'tickets_report_functional', 'tickets_report_hierarchical']) {
    await db.schema.dropIndex(name).execute();
  }
  for (const [name] of factColumns) await db.schema.alterTable('tickets').dropColumn(name).execute();
}
