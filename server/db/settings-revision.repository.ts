/**
 * The settings revision: every change to what submissions read (queues,
 * groups and their members, SLA policies, templates, published workflows)
 * bumps it in the same transaction, so a cached copy is known to be stale.
 */
import type { DeskDb } from './database.ts';

export async function settingsRevision(db: DeskDb): Promise<number> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', 'settings').executeTakeFirstOrThrow();
  return row.value;
}

export async function bumpSettingsRevision(db: DeskDb): Promise<void> {
  await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'settings')
    .execute();
}
