/**
 * Desk settings (calendars, groups, queues, SLA policies) keep a revision,
 * raised by every save, and who saved last and when, so an admin's save
 * based on an older revision is refused (409) instead of silently
 * overwriting another admin's.
 */
import type { Kysely } from 'kysely';

const tables = ['calendars', 'groups', 'queues', 'sla_policies'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of tables) {
    await db.schema.alterTable(table).addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.alterTable(table).addColumn('updated_at', 'text').execute();
    await db.schema.alterTable(table).addColumn('updated_by', 'text').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) {
    await db.schema.alterTable(table).dropColumn('updated_by').execute();
    await db.schema.alterTable(table).dropColumn('updated_at').execute();
    await db.schema.alterTable(table).dropColumn('revision').execute();
  }
}
