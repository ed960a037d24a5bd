/** When each ticket's SLA clocks stood still (waiting on the requester, or resolved), as a JSON list of periods. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('sla_pauses', 'text', (c) => c.notNull().defaultTo(sql.raw("'[]'"))).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').dropColumn('sla_pauses').execute();
}
