/** Desk settings: groups, queues and SLA policies. */
import type { DeskDb } from './database.ts';
import { bumpSettingsRevision } from './settings-revision.repository.ts';
import type { Calendar } from '../engine/calendar/calendar.schema.ts';
import type { Group, Queue, SlaPolicy } from '../engine/desk/desk.schema.ts';

export async function listGroups(db: DeskDb): Promise<Group[]> {
  const rows = await db.selectFrom('groups').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: JSON.parse(r.name), tier: r.tier as Group['tier'] }));
}

export async function upsertGroup(db: DeskDb, group: Group): Promise<void> {
  await db
    .insertInto('groups')
    .values({ id: group.id, name: JSON.stringify(group.name), tier: group.tier })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: JSON.stringify(group.name), tier: group.tier }))
    .execute();
  await bumpSettingsRevision(db);
}

export async function listQueues(db: DeskDb): Promise<Queue[]> {
  const rows = await db.selectFrom('queues').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: JSON.parse(r.name), group: r.group_id, ...(r.manager ? { manager: r.manager } : {}) }));
}

export async function upsertQueue(db: DeskDb, queue: Queue): Promise<void> {
  const values = { name: JSON.stringify(queue.name), group_id: queue.group, manager: queue.manager ?? null };
  await db
    .insertInto('queues')
    .values({ id: queue.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
  await bumpSettingsRevision(db);
}

export async function listSlaPolicies(db: DeskDb): Promise<SlaPolicy[]> {
  const rows = await db.selectFrom('sla_policies').selectAll().orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.definition) as SlaPolicy);
}

export async function upsertSlaPolicy(db: DeskDb, policy: SlaPolicy): Promise<void> {
  const definition = JSON.stringify(policy);
  await db
    .insertInto('sla_policies')
    .values({ id: policy.id, definition })
    .onConflict((oc) => oc.column('id').doUpdateSet({ definition }))
    .execute();
  await bumpSettingsRevision(db);
}

export async function listCalendars(db: DeskDb): Promise<Calendar[]> {
  const rows = await db.selectFrom('calendars').selectAll().orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.definition) as Calendar);
}

export async function upsertCalendar(db: DeskDb, calendar: Calendar): Promise<void> {
  const definition = JSON.stringify(calendar);
  await db
    .insertInto('calendars')
    .values({ id: calendar.id, definition })
    .onConflict((oc) => oc.column('id').doUpdateSet({ definition }))
    .execute();
  await bumpSettingsRevision(db);
}
