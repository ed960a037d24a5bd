/**
 * Whether a person chose their language and time zone themselves. Until
 * they do, the web UI follows their browser; `locale` and `time_zone` keep
 * what notifications use (an admin's setting, or the desk's default).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('locale_chosen', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('time_zone_chosen', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('time_zone_chosen').execute();
  await db.schema.alterTable('users').dropColumn('locale_chosen').execute();
}
