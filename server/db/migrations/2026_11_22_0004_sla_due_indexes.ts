/**
 * Indexes over active tickets only: the due times the SLA scheduler wakes on,
 * and (queue, assignee) so the per-queue counts never read the table.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['response_due_at', 'resolution_due_at']) {
    await db.schema
      .createIndex(`tickets_active_by_${column}`)
      .on('tickets')
      .column(column)
      .where(sql.ref('status'), 'in', ['new', 'open', 'pending'])
      .execute();
  }
  await db.schema
    .createIndex('tickets_active_by_queue_assignee')
    .on('tickets')
    .columns(['queue_id', 'assignee_id'])
    .where(sql.ref('status'), 'in', ['new', 'open', 'pending'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_active_by_queue_assignee').execute();
  await db.schema.dropIndex('tickets_active_by_resolution_due_at').execute();
  await db.schema.dropIndex('tickets_active_by_response_due_at').execute();
}
