/** Desk settings: groups, queues and SLA policies. */
import type { DeskDb } from './database.ts';
import { bumpSettingsRevision } from './settings-revision.repository.ts';
import type { Rota } from '../engine/assignment/rota.schema.ts';
import type { Calendar } from '../engine/calendar/calendar.schema.ts';
import type { Group, Queue, SlaPolicy } from '../engine/desk/desk.schema.ts';

export async function listGroups(db: DeskDb): Promise<Group[]> {
  const rows = await db.selectFrom('groups').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: JSON.parse(r.name), tier: r.tier as Group['tier'], ...(r.rota ? { rota: JSON.parse(r.rota) as Rota } : {}) }));
}

export async function upsertGroup(db: DeskDb, group: Group): Promise<void> {
  const values = { name: JSON.stringify(group.name), tier: group.tier, rota: group.rota ? JSON.stringify(group.rota) : null };
  await db
    .insertInto('groups')
    .values({ id: group.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
  await bumpSettingsRevision(db);
}

export async function listQueues(db: DeskDb): Promise<Queue[]> {
  const rows = await db.selectFrom('queues').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: JSON.parse(r.name),
    group: r.group_id,
    ...(r.manager ? { manager: r.manager } : {}),
    assignment: r.assignment as Queue['assignment'],
  }));
}

export async function upsertQueue(db: DeskDb, queue: Queue): Promise<void> {
  const values = { name: JSON.stringify(queue.name), group_id: queue.group, manager: queue.manager ?? null, assignment: queue.assignment };
  await db
    .insertInto('queues')
    .values({ id: queue.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
  await bumpSettingsRevision(db);
}

/** SLA policies and calendars are stored whole, as a JSON definition per id. */
type DefinitionTable = 'sla_policies' | 'calendars';

async function listDefinitions<T>(db: DeskDb, table: DefinitionTable): Promise<T[]> {
  const rows = await db.selectFrom(table).selectAll().orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.definition) as T);
}

async function upsertDefinition(db: DeskDb, table: DefinitionTable, value: { id: string }): Promise<void> {
  const definition = JSON.stringify(value);
  await db
    .insertInto(table)
    .values({ id: value.id, definition })
    .onConflict((oc) => oc.column('id').doUpdateSet({ definition }))
    .execute();
  await bumpSettingsRevision(db);
}

export const listSlaPolicies = (db: DeskDb) => listDefinitions<SlaPolicy>(db, 'sla_policies');
export const upsertSlaPolicy = (db: DeskDb, policy: SlaPolicy) => upsertDefinition(db, 'sla_policies', policy);
export const listCalendars = (db: DeskDb) => listDefinitions<Calendar>(db, 'calendars');
export const upsertCalendar = (db: DeskDb, calendar: Calendar) => upsertDefinition(db, 'calendars', calendar);
