/**
 * When an admin deactivated an account (null while it is active). A
 * deactivated account cannot sign in, its sessions and API tokens are
 * refused, and queues skip it; its tickets and history stay as they were.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('deactivated_at').execute();
}
