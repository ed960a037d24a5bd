/** A revision number bumped by every change to desk settings, so processes can cache them safely. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('counters').values({ name: 'settings', value: 1 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('counters').where('name', '=', 'settings').execute();
}
