/**
 * Reports of complaints and deflected requests: complaints are one workflow's
 * tickets, so their counts read indexes led by the workflow (logged, and
 * resolved with the SLA facts) instead of scanning every ticket of the
 * period; deflected requests are counted per day from an index on when.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tickets_report_workflow_created').on('tickets').columns(['workflow_id', 'created_at', 'queue_id', 'priority', 'assignee_id']).execute();
  await db.schema
    .createIndex('tickets_report_workflow_stopped')
    .on('tickets')
    .columns(['workflow_id', 'report_stopped_at', 'queue_id', 'priority', 'assignee_id', 'report_response_met', 'report_resolution_met'])
    .where(sql.ref('report_stopped_at'), 'is not', null)
    .execute();
  await db.schema.createIndex('kb_deflections_created').on('kb_deflections').columns(['created_at', 'workflow_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['tickets_report_workflow_created', 'tickets_report_workflow_stopped', 'kb_deflections_created']) await db.schema.dropIndex(name).execute();
}
